/// A watch list that cannot be compiled, for example because a term folds to nothing.
public struct MatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The id of the offending watch.
    public var watch: String
    /// The offending term as written, or empty when the problem is the watch as a whole.
    public var term: String
    /// What is wrong, in words.
    public var message: String
    /// For a query that does not parse or compile: the 1-based column (in Unicode scalars) in the query.
    public var column: Int?

    /// Creates an error for `term` (empty for the whole watch) of `watch`.
    public init(watch: String, term: String, message: String, column: Int? = nil) {
        self.watch = watch
        self.term = term
        self.message = message
        self.column = column
    }

    /// `watch "id": term "t": message`, `watch "id": query column N: message`, or `watch "id": message`.
    public var description: String {
        if let column { return "watch \"\(watch)\": query column \(column): \(message)" }
        return term.isEmpty
            ? "watch \"\(watch)\": \(message)" : "watch \"\(watch)\": term \"\(term)\": \(message)"
    }
}
