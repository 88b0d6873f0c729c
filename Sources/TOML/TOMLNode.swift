/// A value and the position where it was written.
///
/// For a `[table]` or `[[array.of.tables]]` element the position is that of its header's first `[`; for a table
/// created implicitly (by a dotted key, or as the parent in a header) it is the position of the key that created it.
public struct TOMLNode: Sendable, Equatable {
    /// The value.
    public var value: TOMLValue
    /// Where the value starts.
    public var position: TOMLPosition

    /// Creates a node.
    public init(_ value: TOMLValue, at position: TOMLPosition) {
        self.value = value
        self.position = position
    }
}
