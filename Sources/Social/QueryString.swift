/// Builds URLs with percent-encoded query strings (RFC 3986 unreserved characters kept as they are).
enum QueryString {
    /// `base + path + "?" + a=1&b=2`, leaving out parameters whose value is nil.
    static func url(_ base: String, _ path: String, _ parameters: [(String, String?)]) -> String {
        let query = parameters.compactMap { name, value in value.map { "\(encode(name))=\(encode($0))" } }
        return base + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// `application/x-www-form-urlencoded` body bytes.
    static func form(_ parameters: [(String, String)]) -> [UInt8] {
        Array(parameters.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&").utf8)
    }

    /// Percent-encodes everything but `A-Z a-z 0-9 - . _ ~`.
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-encodes one path segment (same rules as a query value).
    static func segment(_ text: String) -> String { encode(text) }
}
