/// A query that does not parse or cannot be compiled, with the spot in the query.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, as a sentence without location.
    public var message: String
    /// The 1-based column, in Unicode scalars from the start of the query, of the offending spot (one past
    /// the end when the query ended too soon).
    public var column: Int

    /// Creates an error at `column`.
    public init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }

    /// `column N: message`.
    public var description: String { "column \(column): \(message)" }

    /// The line of `query` holding the error and a caret line under the spot, for messages:
    /// `(line, caret)` where the caret line is spaces and `^`. Also returns the 0-based line index within the
    /// query and the 1-based column within that line.
    public func caret(in query: String) -> (lineIndex: Int, column: Int, line: String, caret: String) {
        var lineIndex = 0
        var lineStart = 0
        let scalars = Array(query.unicodeScalars)
        let offset = min(column - 1, scalars.count)
        for index in 0..<offset where scalars[index] == "\n" {
            lineIndex += 1
            lineStart = index + 1
        }
        var lineEnd = lineStart
        while lineEnd < scalars.count && scalars[lineEnd] != "\n" && scalars[lineEnd] != "\r" { lineEnd += 1 }
        var line = String.UnicodeScalarView()
        line.append(contentsOf: scalars[lineStart..<lineEnd].map { $0 == "\t" ? " " : $0 })
        let columnInLine = offset - lineStart + 1
        return (
            lineIndex, columnInLine, String(line), String(repeating: " ", count: columnInLine - 1) + "^"
        )
    }
}
