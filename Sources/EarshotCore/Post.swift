import Foundation

/// One item from any source, normalized: the only shape that the stages after parsing ever see.
///
/// `id` is stable across polls for the same item (guid/id, else link, else a hash of title and text), so
/// `(source, id)` identifies a post for deduplication.
public struct Post: Sendable, Hashable, Codable {
    /// The configured source id the post came from.
    public var source: String
    /// Stable identity within the source.
    public var id: String
    /// Absolute link to the post, when it has one.
    public var url: String?
    /// Plain-text title (HTML removed, entities decoded, whitespace collapsed).
    public var title: String
    /// Plain-text body (HTML removed, entities decoded, whitespace collapsed).
    public var text: String
    /// Author name or handle, when given.
    public var author: String?
    /// Publication (or update) time, when the source gave a parseable one.
    public var published: Date?
    /// Language tag, when the source declares one (`en`, `pt-BR`).
    public var lang: String?

    public init(
        source: String, id: String, url: String? = nil, title: String = "", text: String = "",
        author: String? = nil, published: Date? = nil, lang: String? = nil
    ) {
        self.source = source
        self.id = id
        self.url = url
        self.title = title
        self.text = text
        self.author = author
        self.published = published
        self.lang = lang
    }
}
