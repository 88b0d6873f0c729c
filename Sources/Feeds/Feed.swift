import EarshotCore

/// One decoded feed document: its metadata and the posts that could be read from it.
public struct Feed: Sendable {
    /// The format detected from the content.
    public var format: FeedFormat
    /// Plain-text feed title (empty when the feed has none).
    public var title: String
    /// The feed's own (absolute) home page link, when given.
    public var link: String?
    /// The items, in document order, minus the skipped ones.
    public var posts: [Post]
    /// RSS `<ttl>`: how long the feed may be cached.
    public var ttl: Duration?
    /// RSS `<skipHours>`: GMT hours (0-23) in which the feed asks not to be polled.
    public var skipHours: Set<Int> = []
    /// RSS `<skipDays>`: weekdays (1 = Sunday ... 7 = Saturday, GMT) on which the feed asks not to be polled.
    public var skipDays: Set<Int> = []
    /// One line per item that was skipped and why, e.g. `item 3 (line 40): no title or text`.
    public var skipped: [String]

    /// Creates a feed value.
    public init(
        format: FeedFormat, title: String = "", link: String? = nil, posts: [Post] = [], ttl: Duration? = nil,
        skipped: [String] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.posts = posts
        self.ttl = ttl
        self.skipped = skipped
    }
}
