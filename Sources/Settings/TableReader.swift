import EarshotCore
import TOML

/// Typed access to the keys of one config table; every problem is reported to ``Diagnostics``.
struct TableReader {
    /// The file, as shown in messages.
    let file: String
    /// The absolute folder of the file, for relative paths.
    let folder: String
    let table: TOMLTable
    /// Where the table starts: its header, or the start of the file for the root.
    let header: TOMLPosition
    /// How the table is written, for messages: `[daemon]`, `[[source]]`.
    let name: String
    /// Prefix of `ConfigError.key`: `daemon`, `source`.
    let keyPrefix: String
    let diagnostics: Diagnostics

    func location(_ position: TOMLPosition) -> SourceLocation {
        SourceLocation(file: file, line: position.line, column: position.column)
    }

    var headerLocation: SourceLocation { location(header) }

    func fullKey(_ key: String) -> String { keyPrefix.isEmpty ? key : "\(keyPrefix).\(key)" }

    func report(_ key: String, at position: TOMLPosition, _ message: String) {
        diagnostics.report(location(position), key: fullKey(key), message)
    }

    /// Reports every key not in `allowed`, with a suggestion when one is close.
    func rejectUnknownKeys(allowed: [String]) {
        for entry in table.entries where !allowed.contains(entry.key) {
            report(
                entry.key, at: entry.keyPosition,
                "unknown key `\(entry.key)` in \(name)\(Suggestion.didYouMean(entry.key, in: allowed))")
        }
    }

    /// The entry, or nil after reporting it missing when `required`.
    func entry(_ key: String, required: Bool) -> TOMLTable.Entry? {
        if let entry = table.entry(key) { return entry }
        if required {
            diagnostics.report(headerLocation, key: fullKey(key), "\(name) is missing the required key `\(key)`")
        }
        return nil
    }

    func wrongType(_ entry: TOMLTable.Entry, expected: String) {
        report(
            entry.key, at: entry.keyPosition,
            "`\(entry.key)` must be \(expected), got \(entry.node.value.typeDescription)")
    }

    /// A string value with the position of its key.
    func string(_ key: String, required: Bool = false) -> (value: String, position: TOMLPosition)? {
        guard let entry = entry(key, required: required) else { return nil }
        guard case .string(let value) = entry.node.value else {
            wrongType(entry, expected: "a string")
            return nil
        }
        return (value, entry.keyPosition)
    }

    /// A non-empty string.
    func nonEmptyString(_ key: String, required: Bool = false) -> (value: String, position: TOMLPosition)? {
        guard let result = string(key, required: required) else { return nil }
        guard !result.value.trimmingWhitespace.isEmpty else {
            report(key, at: result.position, "`\(key)` must not be empty")
            return nil
        }
        return result
    }

    /// An integer no smaller than `minimum`.
    func integer(_ key: String, minimum: Int, required: Bool = false) -> Int? {
        guard let entry = entry(key, required: required) else { return nil }
        guard case .integer(let value) = entry.node.value else {
            wrongType(entry, expected: "an integer")
            return nil
        }
        guard value >= minimum else {
            report(key, at: entry.keyPosition, "`\(key)` must be at least \(minimum), got \(value)")
            return nil
        }
        return Int(value)
    }

    /// A positive duration string (`90s`); `"0s"` too when `allowZero`.
    func duration(_ key: String, required: Bool = false, allowZero: Bool = false) -> Duration? {
        guard let entry = entry(key, required: required) else { return nil }
        guard case .string(let text) = entry.node.value else {
            wrongType(entry, expected: "a duration string like \"90s\", \"10m\" or \"1h30m\"")
            return nil
        }
        guard let duration = DurationParser.parse(text) else {
            report(
                key, at: entry.keyPosition,
                "`\(key)` is not a valid duration: \"\(text)\" (use a number and a unit: ms, s, m, h, d; "
                    + "e.g. \"90s\", \"10m\", \"1h30m\")")
            return nil
        }
        guard duration > .zero || (allowZero && duration == .zero) else {
            report(key, at: entry.keyPosition, "`\(key)` must be longer than 0s")
            return nil
        }
        return duration
    }

    /// A size: a byte count or a string like `15MiB`; at least `minimum` bytes.
    func byteSize(_ key: String, minimum: Int) -> Int? {
        guard let entry = entry(key, required: false) else { return nil }
        let bytes: Int
        switch entry.node.value {
        case .integer(let value):
            bytes = Int(value)
        case .string(let text):
            guard let value = ByteSizeParser.parse(text) else {
                report(
                    key, at: entry.keyPosition,
                    "`\(key)` is not a valid size: \"\(text)\" (use a byte count or a number with B, KB, KiB, MB, MiB, "
                        + "GB or GiB, e.g. \"15MiB\")")
                return nil
            }
            bytes = value
        default:
            wrongType(entry, expected: "a size like \"15MiB\" or a byte count")
            return nil
        }
        guard bytes >= minimum else {
            report(key, at: entry.keyPosition, "`\(key)` must be at least \(minimum) bytes, got \(bytes)")
            return nil
        }
        return bytes
    }

    /// An array of strings, each with its own position; `nonEmptyElements` rejects blank strings.
    func stringArray(_ key: String, required: Bool = false, nonEmptyElements: Bool = true)
        -> [(value: String, position: TOMLPosition)]?
    {
        guard let entry = entry(key, required: required) else { return nil }
        guard case .array(let nodes) = entry.node.value else {
            wrongType(entry, expected: "an array of strings")
            return nil
        }
        var values: [(value: String, position: TOMLPosition)] = []
        var valid = true
        for (index, node) in nodes.enumerated() {
            guard case .string(let value) = node.value else {
                report(
                    key, at: node.position,
                    "`\(key)` must hold only strings, but element \(index + 1) is \(node.value.typeDescription)")
                valid = false
                continue
            }
            if nonEmptyElements && value.trimmingWhitespace.isEmpty {
                report(key, at: node.position, "`\(key)` must not contain an empty string (element \(index + 1))")
                valid = false
                continue
            }
            values.append((value, node.position))
        }
        return valid ? values : nil
    }

    /// The required `id`: non-empty, only `[A-Za-z0-9._-]`.
    func id() -> (value: String, position: TOMLPosition)? {
        guard let (value, position) = string("id", required: true) else { return nil }
        guard !value.isEmpty else {
            report("id", at: position, "`id` must not be empty")
            return nil
        }
        guard value.utf8.allSatisfy(Self.isIDByte) else {
            report("id", at: position, "id \"\(value)\" may only contain letters, digits, `.`, `_` and `-`")
            return nil
        }
        return (value, position)
    }

    static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[first...last]
    }
}
