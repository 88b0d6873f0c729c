/// A watch list that cannot be compiled, for example because a term folds to nothing.
public struct MatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The id of the offending watch.
    public var watch: String
    /// The offending term as written, or empty when the problem is the watch as a whole.
    public var term: String
    /// What is wrong, in words.
    public var message: String

    /// Creates an error for `term` (empty for the whole watch) of `watch`.
    public init(watch: String, term: String, message: String) {
        self.watch = watch
        self.term = term
        self.message = message
    }

    /// `watch "id": term "t": message`, or `watch "id": message` when no term is involved.
    public var description: String {
        term.isEmpty ? "watch \"\(watch)\": \(message)" : "watch \"\(watch)\": term \"\(term)\": \(message)"
    }
}
