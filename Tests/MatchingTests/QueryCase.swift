import EarshotCore
import Matching
import Testing

/// One query against one post: does the watch match?
struct QueryCase: Sendable, CustomTestStringConvertible {
    var query: String
    var post: Post
    var expected: Bool

    /// A case whose post has `text` and optionally other fields.
    init(
        _ query: String, _ text: String, title: String = "", author: String? = nil, url: String? = nil,
        source: String = "news", lang: String? = nil, _ expected: Bool
    ) {
        self.query = query
        post = Post(source: source, id: "p", url: url, title: title, text: text, author: author, lang: lang)
        self.expected = expected
    }

    var testDescription: String {
        "\(query) on \((post.title.isEmpty ? "" : post.title + " | ") + post.text) → \(expected)"
    }
}

/// Entities the query cases may refer to.
let caseEntities = [
    EntityDefinition(
        id: "acme", names: ["Acme Corp", "Acme Cloud"], handles: ["acmehq"], hashtags: ["acmelife"],
        domains: ["acme.com"]),
    EntityDefinition(id: "globex", names: ["Globex"]),
]

/// Whether a watch with `query` matches `post`.
func queryMatches(_ query: String, _ post: Post) throws -> Bool {
    let matcher = try Matcher(watches: [WatchDefinition(id: "w", query: query)], entities: caseEntities)
    return !matcher.match(post).isEmpty
}
