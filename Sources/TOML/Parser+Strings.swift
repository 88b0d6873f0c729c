extension Parser {
    /// `"..."`, with escapes, on one line.
    mutating func parseBasicString() throws(TOMLError) -> String {
        advance()
        var buffer: [UInt8] = []
        while true {
            guard let byte = peek else { throw error("unterminated string: expected `\"` before the end of file") }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error("newline in a basic string: close it with `\"` or use a multi-line string `\"\"\"`")
            default:
                if Self.isForbiddenControl(byte) {
                    throw error("control character \(found) must be escaped in a string")
                }
                buffer.append(byte)
                advance()
            }
        }
    }

    /// `'...'`, no escapes, on one line.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        advance()
        let from = index
        while true {
            guard let byte = peek else { throw error("unterminated string: expected `'` before the end of file") }
            switch byte {
            case UInt8(ascii: "'"):
                let text = String(decoding: bytes[from..<index], as: UTF8.self)
                advance()
                return text
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error("newline in a literal string: close it with `'` or use a multi-line string `'''`")
            default:
                if Self.isForbiddenControl(byte) {
                    throw error("control character \(found) is not allowed in a literal string")
                }
                advance()
            }
        }
    }

    /// `"""..."""` or `'''...'''`.
    mutating func parseMultilineString(literal: Bool) throws(TOMLError) -> String {
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        let delimiter = literal ? "'''" : "\"\"\""
        advance(by: 3)
        // A newline right after the opening delimiter is trimmed.
        _ = try skipNewline()
        var buffer: [UInt8] = []
        while true {
            guard let byte = peek else {
                throw error("unterminated multi-line string: expected `\(delimiter)` before the end of file")
            }
            switch byte {
            case quote:
                var count = 0
                while peek == quote {
                    count += 1
                    advance()
                }
                if count < 3 {
                    buffer.append(contentsOf: repeatElement(quote, count: count))
                } else if count <= 5 {
                    buffer.append(contentsOf: repeatElement(quote, count: count - 3))
                    return String(decoding: buffer, as: UTF8.self)
                } else {
                    throw error("too many quotes at the end of a multi-line string")
                }
            case UInt8(ascii: "\\") where !literal:
                if isLineEndingBackslash() {
                    advance()
                    while true {
                        skipWhitespace()
                        if try !skipNewline() { break }
                    }
                } else {
                    try parseEscape(into: &buffer)
                }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                _ = try skipNewline()
                buffer.append(UInt8(ascii: "\n"))
            default:
                if Self.isForbiddenControl(byte) {
                    throw error("control character \(found) is not allowed in a string")
                }
                buffer.append(byte)
                advance()
            }
        }
    }

    /// Whether the `\` under the cursor is followed only by whitespace up to the end of the line.
    func isLineEndingBackslash() -> Bool {
        var i = index + 1
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        guard i < bytes.count else { return false }
        return bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r")
    }

    /// `\n`, `\uXXXX`, ... appended as UTF-8.
    mutating func parseEscape(into buffer: inout [UInt8]) throws(TOMLError) {
        let start = position
        advance()
        guard let byte = peek else { throw error("unterminated string: expected an escape after `\\`") }
        let simple: UInt8? =
            switch byte {
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "t"): 0x09
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "\""): 0x22
            case UInt8(ascii: "\\"): 0x5C
            default: nil
            }
        if let simple {
            buffer.append(simple)
            advance()
            return
        }
        guard byte == UInt8(ascii: "u") || byte == UInt8(ascii: "U") else {
            let shown =
                byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                ? "\\ at the end of a line" : "\\\(found.trimmingBackticks)"
            throw error(
                "invalid escape `\(shown)`: use \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX or \\UXXXXXXXX", at: start)
        }
        let length = byte == UInt8(ascii: "u") ? 4 : 8
        advance()
        var value: UInt32 = 0
        for _ in 0..<length {
            guard let digit = peek.flatMap(Self.hexDigitValue) else {
                throw error(
                    "invalid escape: `\\\(Character(Unicode.Scalar(byte)))` needs \(length) hex digits", at: start)
            }
            value = value << 4 | UInt32(digit)
            advance()
        }
        guard let scalar = Unicode.Scalar(value) else {
            let hex = String(value, radix: 16, uppercase: true).leftPadded(to: 4)
            throw error("invalid escape: U+\(hex) is not a Unicode scalar value", at: start)
        }
        buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    var trimmingBackticks: String {
        hasPrefix("`") && hasSuffix("`") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
