/// `app.bsky.feed.searchPosts` output, as far as Earshot reads it.
struct BlueskySearchPage: Decodable, Sendable {
    var cursor: String?
    var posts: [BlueskyPostView]
}

/// An `app.bsky.feed.defs#postView`.
struct BlueskyPostView: Decodable, Sendable {
    struct Author: Decodable, Sendable {
        var did: String
        var handle: String
        var displayName: String?
    }

    /// The `app.bsky.feed.post` record.
    struct Record: Decodable, Sendable {
        var text: String?
        var createdAt: String?
        var langs: [String]?
    }

    var uri: String
    var author: Author
    var record: Record
    var indexedAt: String?
}

/// `com.atproto.server.createSession` / `refreshSession` output.
struct BlueskySession: Decodable, Sendable {
    var accessJwt: String
    var refreshJwt: String
    var handle: String?
    var did: String?
}
