import Foundation

/// Why a line could not be read as a post.
public struct PostJSONLineError: Error, Sendable, CustomStringConvertible {
    /// What is wrong with the line.
    public var message: String

    /// Creates an error value.
    public init(message: String) { self.message = message }

    public var description: String { "invalid post line: \(message)" }
}

extension Post {
    /// Appends the post as one JSON object and a trailing `\n`:
    /// `{"source":..,"id":..,"url":..,"title":..,"text":..,"author":..,"published":..}`, with `url`, `author` and
    /// `published` (RFC 3339 UTC, whole seconds) `null` when absent, and `"lang"` added at the end when known.
    public func appendJSONLine(to buffer: inout [UInt8]) {
        buffer.append(contentsOf: #"{"source":"#.utf8)
        Self.appendJSONString(source, to: &buffer)
        buffer.append(contentsOf: #","id":"#.utf8)
        Self.appendJSONString(id, to: &buffer)
        buffer.append(contentsOf: #","url":"#.utf8)
        Self.appendJSONOptional(url, to: &buffer)
        buffer.append(contentsOf: #","title":"#.utf8)
        Self.appendJSONString(title, to: &buffer)
        buffer.append(contentsOf: #","text":"#.utf8)
        Self.appendJSONString(text, to: &buffer)
        buffer.append(contentsOf: #","author":"#.utf8)
        Self.appendJSONOptional(author, to: &buffer)
        buffer.append(contentsOf: #","published":"#.utf8)
        if let published {
            buffer.append(UInt8(ascii: "\""))
            Self.appendRFC3339(published, to: &buffer)
            buffer.append(UInt8(ascii: "\""))
        } else {
            buffer.append(contentsOf: "null".utf8)
        }
        if let lang {
            buffer.append(contentsOf: #","lang":"#.utf8)
            Self.appendJSONString(lang, to: &buffer)
        }
        buffer.append(contentsOf: "}\n".utf8)
    }

    /// The post as one JSON line (with the trailing newline).
    public var jsonLine: String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256 + text.utf8.count)
        appendJSONLine(to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Reads a post from one JSON line in the shape written by `appendJSONLine`. Keys other than `id` may be
    /// missing (strings default to empty, the rest to nil); `published` may be RFC 3339 with any offset or fraction.
    public init(jsonLine: String) throws(PostJSONLineError) {
        try self.init(jsonLine: Array(jsonLine.utf8))
    }

    /// Reads a post from the bytes of one JSON line; see `init(jsonLine: String)`.
    public init(jsonLine: [UInt8]) throws(PostJSONLineError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(jsonLine), options: [])
        } catch {
            throw PostJSONLineError(message: "not JSON (\(error.localizedDescription))")
        }
        guard let dictionary = object as? [String: Any] else {
            throw PostJSONLineError(message: "not a JSON object")
        }
        func string(_ key: String) throws(PostJSONLineError) -> String? {
            switch dictionary[key] {
            case nil, is NSNull: return nil
            case let value as String: return value
            default: throw PostJSONLineError(message: "\"\(key)\" is not a string")
            }
        }
        guard let id = try string("id") else { throw PostJSONLineError(message: "missing \"id\"") }
        var published: Date?
        if let text = try string("published") {
            guard let date = Self.parseRFC3339(Array(text.utf8)) else {
                throw PostJSONLineError(message: "\"published\" is not an RFC 3339 time: \(text)")
            }
            published = date
        }
        self.init(
            source: try string("source") ?? "", id: id, url: try string("url"), title: try string("title") ?? "",
            text: try string("text") ?? "", author: try string("author"), published: published,
            lang: try string("lang"))
    }

    // MARK: - Encoding helpers

    static func appendJSONOptional(_ value: String?, to buffer: inout [UInt8]) {
        if let value {
            appendJSONString(value, to: &buffer)
        } else {
            buffer.append(contentsOf: "null".utf8)
        }
    }

    /// Appends `value` as a JSON string literal: quoted, with `"` and `\` escaped and control characters as
    /// `\n`, `\t`, ... or `\u00XX`.
    public static func appendJSONString(_ value: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            // Copy runs of bytes that need no escaping in one go; escape the rest one by one.
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else { continue }
                if runStart < index {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                }
                appendEscape(byte, to: &buffer)
                runStart = index + 1
            }
            if runStart < bytes.count {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ byte: UInt8, to buffer: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): buffer.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): buffer.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: buffer.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: buffer.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: buffer.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x08: buffer.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: buffer.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        default:
            let hex = Array("0123456789abcdef".utf8)
            buffer.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
        }
    }

    /// `2026-11-22T01:02:03Z` (UTC, whole seconds rounded down).
    static func appendRFC3339(_ date: Date, to buffer: inout [UInt8]) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var v = max(0, value)
            while divisor > 0 {
                buffer.append(UInt8(ascii: "0") + UInt8((v / divisor) % 10))
                v %= divisor
                divisor /= 10
            }
        }
        digits(year, 4)
        buffer.append(UInt8(ascii: "-"))
        digits(month, 2)
        buffer.append(UInt8(ascii: "-"))
        digits(day, 2)
        buffer.append(UInt8(ascii: "T"))
        digits(rest / 3600, 2)
        buffer.append(UInt8(ascii: ":"))
        digits(rest / 60 % 60, 2)
        buffer.append(UInt8(ascii: ":"))
        digits(rest % 60, 2)
        buffer.append(UInt8(ascii: "Z"))
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; nil otherwise.
    static func parseRFC3339(_ s: [UInt8]) -> Date? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= s.count else { return nil }
            var value = 0
            for k in i..<(i + count) {
                guard s[k] >= UInt8(ascii: "0") && s[k] <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(s[k] - UInt8(ascii: "0"))
            }
            i += count
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c || (c == UInt8(ascii: "T") && (s[i] == UInt8(ascii: "t") || s[i] == 0x20))
            else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2), expect(UInt8(ascii: "T")), let hour = number(2), expect(UInt8(ascii: ":")),
            let minute = number(2), expect(UInt8(ascii: ":")), let second = number(2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60
        else { return nil }
        var fraction = 0.0
        if i < s.count && s[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < s.count && s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "9") {
                fraction += Double(s[i] - UInt8(ascii: "0")) * scale
                scale /= 10
                i += 1
            }
        }
        guard i < s.count else { return nil }
        var offset = 0
        if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
            i += 1
        } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
            let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let hh = number(2), expect(UInt8(ascii: ":")), let mm = number(2) else { return nil }
            offset = sign * (hh * 3600 + mm * 60)
        } else {
            return nil
        }
        guard i == s.count else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
