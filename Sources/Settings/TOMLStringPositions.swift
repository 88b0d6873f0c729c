import TOML

/// Maps offsets inside a decoded TOML string back to lines and columns of the file, through escapes and
/// multi-line strings.
enum TOMLStringPositions {
    /// The file position of decoded scalar `index` (or of the closing quote when `index` is the string's length)
    /// of the string value whose opening quote is at `start` in `text`.
    static func position(ofScalar index: Int, inStringAt start: TOMLPosition, in text: String) -> TOMLPosition {
        let scalars = Array(text.unicodeScalars)
        // Find the opening quote.
        var i = 0
        var line = 1
        while line < start.line && i < scalars.count {
            if scalars[i] == "\n" { line += 1 }
            i += 1
        }
        i += start.column - 1
        var column = start.column
        guard i < scalars.count else { return start }
        let quote = scalars[i]
        let literal = quote == "'"
        let multiline = i + 2 < scalars.count && scalars[i + 1] == quote && scalars[i + 2] == quote
        func advance(_ count: Int) {
            for _ in 0..<count where i < scalars.count {
                if scalars[i] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                i += 1
            }
        }
        advance(multiline ? 3 : 1)
        if multiline {
            // A newline right after the opening delimiter is trimmed.
            if i < scalars.count && scalars[i] == "\r" { advance(1) }
            if i < scalars.count && scalars[i] == "\n" { advance(1) }
        }
        var decoded = 0
        while i < scalars.count {
            let scalar = scalars[i]
            if !multiline && scalar == quote { break }
            if multiline && scalar == quote && i + 2 < scalars.count && scalars[i + 1] == quote
                && scalars[i + 2] == quote && !(i + 3 < scalars.count && scalars[i + 3] == quote)
            {
                break
            }
            if !literal && scalar == "\\" && i + 1 < scalars.count {
                let next = scalars[i + 1]
                if multiline && (next == " " || next == "\t" || next == "\n" || next == "\r") {
                    // Line-ending backslash: the whitespace and newlines after it vanish.
                    advance(1)
                    while i < scalars.count
                        && (scalars[i] == " " || scalars[i] == "\t" || scalars[i] == "\n"
                            || scalars[i] == "\r")
                    {
                        advance(1)
                    }
                    continue
                }
                if decoded == index { return TOMLPosition(line: line, column: column) }
                advance(next == "u" ? 6 : next == "U" ? 10 : 2)
                decoded += 1
                continue
            }
            if scalar == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" {
                advance(1)
                continue
            }
            if decoded == index { return TOMLPosition(line: line, column: column) }
            advance(1)
            decoded += 1
        }
        return TOMLPosition(line: line, column: column)
    }
}
