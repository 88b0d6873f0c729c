/// One watch list as the matcher sees it: a boolean ``Query``, or which terms a post must, may and must not
/// mention.
///
/// Terms are plain words or phrases as written in the config (`"Acme Cloud"`, `"#acme"`, `"node.js"`); see
/// ``Matcher`` for how they are compared with post text. A watch with a `query` ignores `any`, `all` and `none`
/// (the config loader rejects a watch that sets both).
public struct WatchDefinition: Sendable, Equatable {
    /// The watch list's id, copied into every ``EarshotCore/Mention`` it produces.
    public var id: String
    /// At least one of these must appear; an empty list imposes nothing.
    public var any: [String]
    /// Every one of these must appear.
    public var all: [String]
    /// None of these may appear.
    public var none: [String]
    /// Expertise tags, copied into every mention for routing.
    public var tags: [String]
    /// A boolean query (see ``Query``); when set, `any`, `all` and `none` are ignored.
    public var query: String?

    /// Creates a watch definition. A watch needs a query or at least one term in `any` or `all`.
    public init(
        id: String, any: [String] = [], all: [String] = [], none: [String] = [], tags: [String] = [],
        query: String? = nil
    ) {
        self.id = id
        self.query = query
        self.any = any
        self.all = all
        self.none = none
        self.tags = tags
    }
}
