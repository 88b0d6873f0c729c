/// Why a response body could not be read as a feed, with the source and URL it came from.
public struct FeedError: Error, Sendable, CustomStringConvertible {
    /// The configured source id.
    public var source: String
    /// The feed URL the body came from.
    public var url: String
    /// What went wrong, e.g. `not a feed: HTML document` or `XML error at line 3: ...`.
    public var message: String

    /// Creates an error value.
    public init(source: String, url: String, message: String) {
        self.source = source
        self.url = url
        self.message = message
    }

    /// `source vendor-blog (https://example.com/feed): not a feed: HTML document`.
    public var description: String { "source \(source) (\(url)): \(message)" }
}
