/// Where a query term looks in a post.
public enum QueryField: String, Sendable, Hashable, CaseIterable {
    /// The title or the text (a term without a field prefix).
    case any
    /// `title:`: the title only.
    case title
    /// `text:`: the body only.
    case text
    /// `author:`: the author name or handle.
    case author
    /// `url:`: the post's URL, folded and split into words like text.
    case url
    /// `domain:`: the host of the post's URL or of a URL linked in its title or text, or a subdomain of it.
    case domain
    /// `source:`: the id of the configured source, exactly.
    case source
    /// `lang:`: the post's language tag or its primary subtag (`lang:pt` matches `pt-BR`).
    case lang

    /// The prefixes a query may write, in the order error messages list them (`raw:` and `entity:` are not
    /// fields but are written the same way).
    static let prefixes = ["title", "text", "author", "url", "domain", "source", "lang", "raw", "entity"]

    /// Whether terms in this field are found by the automaton, with word positions.
    var isTextual: Bool {
        switch self {
        case .any, .title, .text, .author, .url: true
        case .domain, .source, .lang: false
        }
    }
}
