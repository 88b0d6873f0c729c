/// A named thing several watches refer to as `entity:id`: its names, handles, hashtags and domains.
public struct EntityDefinition: Sendable, Equatable {
    /// The id queries use (`entity:acme`).
    public var id: String
    /// Names and phrases, matched like quoted phrases (`"Acme Corp"`).
    public var names: [String]
    /// Handles, with or without the leading `@`.
    public var handles: [String]
    /// Hashtags, with or without the leading `#`.
    public var hashtags: [String]
    /// Hosts, matched like `domain:` (the host or any subdomain of it).
    public var domains: [String]

    /// Creates an entity.
    public init(
        id: String, names: [String] = [], handles: [String] = [], hashtags: [String] = [], domains: [String] = []
    ) {
        self.id = id
        self.names = names
        self.handles = handles
        self.hashtags = hashtags
        self.domains = domains
    }

    /// The entity's members as query terms (handles with `@`, hashtags with `#`, domains as `domain:`).
    func terms(column: Int) -> [QueryTerm] {
        names.map { QueryTerm(field: .any, kind: .phrase, text: $0, display: $0, column: column) }
            + handles.map { handle in
                let text = handle.hasPrefix("@") ? handle : "@" + handle
                return QueryTerm(field: .any, kind: .word, text: text, display: text, column: column)
            }
            + hashtags.map { tag in
                let text = tag.hasPrefix("#") ? tag : "#" + tag
                return QueryTerm(field: .any, kind: .word, text: text, display: text, column: column)
            }
            + domains.map { QueryTerm(field: .domain, kind: .word, text: $0, display: "domain:\($0)", column: column) }
    }
}
