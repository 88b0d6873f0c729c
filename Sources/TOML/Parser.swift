/// A recursive-descent TOML 1.0 reader over UTF-8 bytes.
struct Parser {
    static let maximumDepth = 128

    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0
    var depth = 0
    let root: MutableTable
    var current: MutableTable

    init(_ text: String) {
        bytes = Array(text.utf8)
        root = MutableTable(origin: .root, position: TOMLPosition(line: 1, column: 1))
        current = root
    }

    // MARK: Cursor

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    /// The position of the cursor.
    var position: TOMLPosition {
        var column = 1
        var i = lineStart
        while i < index {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return TOMLPosition(line: line, column: column)
    }

    mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }

    mutating func advance(by count: Int) {
        for _ in 0..<count { advance() }
    }

    func error(_ message: String, at position: TOMLPosition? = nil) -> TOMLError {
        TOMLError(position: position ?? self.position, message: message)
    }

    /// Describes the byte under the cursor for messages.
    var found: String {
        guard let byte = peek else { return "end of file" }
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return "end of line"
        case 0x21...0x7E: return "`\(Character(Unicode.Scalar(byte)))`"
        default:
            let scalar = String(decoding: bytes[index..<min(index + 4, bytes.count)], as: UTF8.self).unicodeScalars
                .first!
            return "U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))"
        }
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    /// A control character that may not appear raw in comments and strings (tab is allowed).
    static func isForbiddenControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09) || byte == 0x7F
    }

    // MARK: Whitespace, comments, newlines

    mutating func skipWhitespace() {
        while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { advance() }
    }

    /// Skips a `#` comment up to (not including) the end of the line.
    mutating func skipComment() throws(TOMLError) {
        advance()
        while let byte = peek {
            if byte == UInt8(ascii: "\n") { return }
            if byte == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n") { return }
            if Self.isForbiddenControl(byte) {
                throw error("control character \(found) is not allowed in a comment")
            }
            advance()
        }
    }

    /// Consumes a newline (`\n` or `\r\n`) if the cursor is on one; a lone `\r` is an error.
    mutating func skipNewline() throws(TOMLError) -> Bool {
        switch peek {
        case UInt8(ascii: "\n"):
            advance()
            return true
        case UInt8(ascii: "\r"):
            guard peek(1) == UInt8(ascii: "\n") else { throw error("a carriage return must be followed by a newline") }
            advance(by: 2)
            return true
        default:
            return false
        }
    }

    /// Skips whitespace, comments and newlines (inside arrays).
    mutating func skipBlank() throws(TOMLError) {
        while true {
            skipWhitespace()
            if peek == UInt8(ascii: "#") { try skipComment() }
            if try !skipNewline() { return }
        }
    }

    /// After a key/value pair or a header: only whitespace and a comment may follow on the line.
    mutating func expectLineEnd(after what: String) throws(TOMLError) {
        skipWhitespace()
        if peek == UInt8(ascii: "#") { try skipComment() }
        if peek == nil { return }
        if try skipNewline() { return }
        throw error("expected the end of the line after \(what), found \(found)")
    }

    // MARK: Document

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while true {
            skipWhitespace()
            guard let byte = peek else { break }
            switch byte {
            case UInt8(ascii: "#"):
                try skipComment()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                _ = try skipNewline()
            case UInt8(ascii: "["):
                try parseHeader()
                try expectLineEnd(after: "a table header")
            default:
                try parseKeyValue(into: current)
                try expectLineEnd(after: "a value")
            }
        }
        return root.freeze()
    }

    /// `[a.b]` or `[[a.b]]`.
    mutating func parseHeader() throws(TOMLError) {
        let start = position
        advance()
        let isArray = peek == UInt8(ascii: "[")
        if isArray { advance() }
        let key = try parseKey()
        guard peek == UInt8(ascii: "]") else {
            throw error("expected `\(isArray ? "]]" : "]")` to close the table header, found \(found)")
        }
        advance()
        if isArray {
            guard peek == UInt8(ascii: "]") else { throw error("expected `]]` to close the array of tables header") }
            advance()
            current = try openArrayElement(key, header: start)
        } else {
            current = try openTable(key, header: start)
        }
    }

    /// `key = value`, inserted into `table`.
    mutating func parseKeyValue(into table: MutableTable) throws(TOMLError) {
        let key = try parseKey()
        guard peek == UInt8(ascii: "=") else {
            throw error("expected `=` after the key `\(key.dottedName)`, found \(found)")
        }
        advance()
        skipWhitespace()
        let value = try parseValue()
        try insert(key, value, into: table)
    }

    // MARK: Keys

    /// A simple or dotted key, with surrounding whitespace skipped.
    mutating func parseKey() throws(TOMLError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            skipWhitespace()
            let start = position
            let name: String
            switch peek {
            case UInt8(ascii: "\""):
                if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                    throw error("a key cannot be a multi-line string")
                }
                name = try parseBasicString()
            case UInt8(ascii: "'"):
                if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                    throw error("a key cannot be a multi-line string")
                }
                name = try parseLiteralString()
            case let byte? where Self.isBareKeyByte(byte):
                let from = index
                while let byte = peek, Self.isBareKeyByte(byte) { advance() }
                name = String(decoding: bytes[from..<index], as: UTF8.self)
            default:
                throw error("expected a key, found \(found)")
            }
            parts.append(KeyPart(name: name, position: start))
            skipWhitespace()
            guard peek == UInt8(ascii: ".") else { return parts }
            advance()
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
