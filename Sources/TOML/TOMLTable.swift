/// A TOML table: entries in the order their keys were first written, each with the key's position.
public struct TOMLTable: Sendable, Equatable {
    /// One key of a table.
    public struct Entry: Sendable, Equatable {
        /// The key, unquoted (`"a b"` is `a b`). A dotted key `a.b = 1` is stored as `a` holding a table with `b`.
        public var key: String
        /// Where the key was written (for a `[table]`, where its name is written in the header).
        public var keyPosition: TOMLPosition
        /// The value and its position.
        public var node: TOMLNode

        /// Creates an entry.
        public init(key: String, keyPosition: TOMLPosition, node: TOMLNode) {
            self.key = key
            self.keyPosition = keyPosition
            self.node = node
        }
    }

    /// The entries in document order.
    public var entries: [Entry]

    /// Creates a table from entries; keys are expected to be unique.
    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// The keys in document order.
    public var keys: [String] { entries.map(\.key) }

    /// Whether the table has no keys.
    public var isEmpty: Bool { entries.isEmpty }

    /// The entry for `key`, if present.
    public func entry(_ key: String) -> Entry? {
        entries.first { $0.key == key }
    }

    /// The node for `key`, if present.
    public subscript(key: String) -> TOMLNode? {
        entry(key)?.node
    }
}
