import Foundation

/// A post that one watch list matched, with what matched and where.
public struct Mention: Sendable, Hashable, Codable {
    /// The matched post.
    public var post: Post
    /// The id of the watch list that matched.
    public var watch: String
    /// The watch list's terms that were found, in the order the watch lists them, each once.
    public var terms: [String]
    /// The watch list's expertise tags, used for routing.
    public var tags: [String]
    /// A short plain-text excerpt around the first match.
    public var snippet: String

    public init(post: Post, watch: String, terms: [String], tags: [String], snippet: String) {
        self.post = post
        self.watch = watch
        self.terms = terms
        self.tags = tags
        self.snippet = snippet
    }
}
