/// Named character references (HTML5, which includes all of HTML 4), as UTF-8 bytes.
enum HTMLEntities {
    /// Name (without `&` and `;`) to the UTF-8 bytes it stands for. Built once, read from any thread.
    static let table: [String: [UInt8]] = {
        var table = [String: [UInt8]](minimumCapacity: 2200)
        for line in htmlEntityTableSource.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 2 else { continue }
            var bytes: [UInt8] = []
            for part in parts.dropFirst() {
                if let value = UInt32(part, radix: 16) { appendUTF8(value, to: &bytes) }
            }
            table[String(parts[0])] = bytes
        }
        return table
    }()

    /// Longest entity name in the table; longer `&...;` runs are not looked up.
    static let maxNameLength = 32

    /// The UTF-8 bytes for the entity named by `name` (no `&`/`;`), or nil when it is not an HTML entity.
    static func lookup(_ name: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard !name.isEmpty, name.count <= maxNameLength else { return nil }
        return table[String(decoding: name, as: UTF8.self)]
    }

    /// Appends the UTF-8 encoding of a code point; invalid scalars (surrogates, > U+10FFFF, NUL) become U+FFFD.
    static func appendUTF8(_ value: UInt32, to out: inout [UInt8]) {
        var v = value
        if v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { v = 0xFFFD }
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
