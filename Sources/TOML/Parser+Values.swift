extension Parser {
    /// Any value, starting at the cursor.
    mutating func parseValue() throws(TOMLError) -> TOMLNode {
        let start = position
        guard let byte = peek else { throw error("expected a value, found end of file") }
        switch byte {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                return TOMLNode(.string(try parseMultilineString(literal: false)), at: start)
            }
            return TOMLNode(.string(try parseBasicString()), at: start)
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                return TOMLNode(.string(try parseMultilineString(literal: true)), at: start)
            }
            return TOMLNode(.string(try parseLiteralString()), at: start)
        case UInt8(ascii: "["):
            return TOMLNode(
                .array(try nested { (parser: inout Parser) throws(TOMLError) in try parser.parseArray() }), at: start)
        case UInt8(ascii: "{"):
            return TOMLNode(
                .table(try nested { (parser: inout Parser) throws(TOMLError) in try parser.parseInlineTable() }),
                at: start)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "i"), UInt8(ascii: "n"):
            return TOMLNode(try parseBareValue(), at: start)
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            throw error("expected a value after `=`, found end of line")
        default:
            if byte == UInt8(ascii: "#") { throw error("expected a value after `=`, found a comment") }
            throw error("expected a value, found \(found)")
        }
    }

    private mutating func nested<T>(_ body: (inout Parser) throws(TOMLError) -> T) throws(TOMLError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("arrays and inline tables are nested too deeply") }
        return try body(&self)
    }

    /// `[ value, value, ]`, over several lines if needed.
    mutating func parseArray() throws(TOMLError) -> [TOMLNode] {
        advance()
        var elements: [TOMLNode] = []
        while true {
            try skipBlank()
            if peek == UInt8(ascii: "]") {
                advance()
                return elements
            }
            elements.append(try parseValue())
            try skipBlank()
            switch peek {
            case UInt8(ascii: ","):
                advance()
            case UInt8(ascii: "]"):
                advance()
                return elements
            case nil:
                throw error("unterminated array: expected `]` before the end of file")
            default:
                throw error("expected `,` or `]` after an array element, found \(found)")
            }
        }
    }

    /// `{ key = value, ... }` on one line, without a trailing comma.
    mutating func parseInlineTable() throws(TOMLError) -> TOMLTable {
        let table = MutableTable(origin: .inline, position: position)
        advance()
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            advance()
            return table.freeze()
        }
        while true {
            skipWhitespace()
            if peek == UInt8(ascii: "}") { throw error("a trailing comma is not allowed in an inline table") }
            if peek == UInt8(ascii: "\n") || peek == UInt8(ascii: "\r") {
                throw error("an inline table must be on a single line")
            }
            try parseKeyValue(into: table)
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","):
                advance()
            case UInt8(ascii: "}"):
                advance()
                return table.freeze()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error("an inline table must be on a single line: expected `,` or `}`")
            case nil:
                throw error("unterminated inline table: expected `}` before the end of file")
            default:
                throw error("expected `,` or `}` in an inline table, found \(found)")
            }
        }
    }

    static func isBareValueByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"),
            UInt8(ascii: "."), UInt8(ascii: ":"):
            true
        default: false
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Booleans, numbers, dates and times: read as one token, then classified.
    mutating func parseBareValue() throws(TOMLError) -> TOMLValue {
        let start = position
        let from = index
        while let byte = peek, Self.isBareValueByte(byte) { advance() }
        // `1979-05-27 07:32:00`: a space may separate a date from a time.
        if index - from == 10, bytes[from + 4] == UInt8(ascii: "-"), peek == UInt8(ascii: " "),
            let a = peek(1), let b = peek(2), Self.isDigit(a), Self.isDigit(b), peek(3) == UInt8(ascii: ":")
        {
            advance()
            while let byte = peek, Self.isBareValueByte(byte) { advance() }
        }
        let token = Array(bytes[from..<index])
        let text = String(decoding: token, as: UTF8.self)
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan": return .float(.nan)
        case "-nan": return .float(-.nan)
        default: break
        }
        let looksLikeDate = token.count >= 5 && token[0..<4].allSatisfy(Self.isDigit) && token[4] == UInt8(ascii: "-")
        let looksLikeTime = token.count >= 3 && token[0..<2].allSatisfy(Self.isDigit) && token[2] == UInt8(ascii: ":")
        if looksLikeDate || looksLikeTime {
            guard let value = Self.parseDateTime(token) else {
                throw error("invalid date or time `\(text)`", at: start)
            }
            return .datetime(value)
        }
        if let value = try parseNumber(token, text: text, at: start) { return value }
        throw error("invalid value `\(text)`", at: start)
    }
}
