/// A watch's boolean query, parsed.
///
/// ## Syntax
/// - Terms: words (`acme`, `acme.com`, `c++`), `"quoted phrases"`, `#hashtags`, `@handles`; wildcards `cloud*`
///   (any letters) and `colo?r` (one letter), with at least two letters before the first wildcard.
/// - `AND`, `OR`, `NOT` (uppercase), `-term` for `NOT term`, parentheses; terms side by side mean `AND`.
///   `NEAR/n` binds tightest, then `NOT`, then `AND`, then `OR`: `a OR b c` is `a OR (b AND c)`.
/// - `x NEAR/n y`: an occurrence of `x` and one of `y` in the same field with at most `n` words between them,
///   in either order; `ONEAR/n` wants `x` first. Operands are terms, phrases or `(a OR b)` groups of them.
/// - Fields: `title:`, `text:`, `author:`, `url:` (words of the URL), `domain:` (host or subdomain of the post's
///   URL or of a URL in its title or text), `source:` (source id), `lang:` (language tag or its primary subtag);
///   a field also applies to a group: `title:(acme OR globex)`. Without a field a term looks in title and text.
/// - `raw:"Acme+"` matches with exact case and punctuation; `entity:acme` matches any name, handle, hashtag
///   or domain of the `[[entity]]` with that id.
/// - A query must need some term to occur: `NOT spam` alone is rejected.
public struct Query: Sendable, Hashable {
    /// The query as written.
    public let text: String
    /// Its syntax tree.
    public let root: QueryNode

    /// Parses `text`. When `entities` is given, `entity:` references are checked against it.
    ///
    /// - Throws: ``QueryError`` with the message and the column of the first problem.
    public init(_ text: String, entities: [String]? = nil) throws(QueryError) {
        self.text = text
        var parser = QueryParser(text, entities: entities)
        root = try parser.parse()
    }
}
