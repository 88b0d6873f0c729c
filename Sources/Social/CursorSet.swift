/// Several named cursors in one stored string: `name=value&name=value` (values percent-encoded).
struct CursorSet: Equatable {
    var values: [String: String] = [:]

    init(_ text: String?) {
        for part in (text ?? "").split(separator: "&") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            values[String(pair[0])] = String(pair[1]).removingPercentEncodingLossless
        }
    }

    subscript(name: String) -> String? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The stored form; nil when empty.
    var text: String? {
        values.isEmpty
            ? nil
            : values.sorted { $0.key < $1.key }.map { "\($0.key)=\(QueryString.encode($0.value))" }.joined(
                separator: "&")
    }
}

extension String {
    /// Decodes `%XX` escapes; leaves malformed ones as they are.
    var removingPercentEncodingLossless: String {
        var out: [UInt8] = []
        let bytes = Array(utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
                let value = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
            {
                out.append(value)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
