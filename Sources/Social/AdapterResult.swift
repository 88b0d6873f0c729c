import EarshotCore

/// What one poll of a social source produced and what to remember for the next one.
public struct AdapterResult: Sendable {
    /// The posts read, newest or oldest first as the API gave them (the store deduplicates).
    public var posts: [Post] = []
    /// The cursor for the next poll; the old one when nothing new was read, or when the poll failed before
    /// reading anything.
    public var cursor: String?
    /// The token to keep (refreshed, new, or the old one); nil to forget it.
    public var token: AuthToken?
    /// The ETag to keep, for conditional requests.
    public var etag: String?
    /// The last rate-limit reading, merged over the poll's responses.
    public var rateLimit: RateLimit?
    /// Why the poll stopped early, if it did (the posts read before are still kept).
    public var error: AdapterError?
    /// The status of the last response.
    public var status: Int?
    /// The server said nothing changed (a 304).
    public var notModified = false
    /// Requests made and body bytes received.
    public var requests = 0
    public var bytes = 0

    /// Creates an empty result carrying over the context's cursor, token and ETag.
    public init(keeping context: AdapterContext) {
        cursor = context.cursor
        token = context.token
        etag = context.etag
    }
}
