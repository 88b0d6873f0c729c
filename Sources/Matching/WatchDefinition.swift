/// One watch list as the matcher sees it: which terms a post must, may and must not mention.
///
/// Terms are plain words or phrases as written in the config (`"Acme Cloud"`, `"#acme"`, `"node.js"`); see
/// ``Matcher`` for how they are compared with post text.
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

    /// Creates a watch definition. A watch needs at least one term in `any` or `all`.
    public init(id: String, any: [String] = [], all: [String] = [], none: [String] = [], tags: [String] = []) {
        self.id = id
        self.any = any
        self.all = all
        self.none = none
        self.tags = tags
    }
}
