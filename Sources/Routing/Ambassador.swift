/// What routing needs to know about one ambassador.
public struct Ambassador: Sendable, Hashable {
    public var id: String
    public var expertise: Set<String>
    /// Mentions this person can take in a rolling 24 hours.
    public var capacity: Int

    public init(id: String, expertise: some Sequence<String>, capacity: Int) {
        self.id = id
        self.expertise = Set(expertise)
        self.capacity = capacity
    }
}
