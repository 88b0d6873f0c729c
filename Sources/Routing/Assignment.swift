import EarshotCore

/// One mention handed to one ambassador, and why that person.
public struct Assignment: Sendable, Hashable {
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The ambassador's expertise shares a tag with the watch, and they had room.
        case expertise
        /// Every fitting ambassador was at capacity, so the fallback got it.
        case overflow
        /// Nobody's expertise fits the watch's tags, so the fallback got it.
        case unclaimed
    }

    public var ambassador: String
    public var mention: Mention
    public var reason: Reason

    public init(ambassador: String, mention: Mention, reason: Reason) {
        self.ambassador = ambassador
        self.mention = mention
        self.reason = reason
    }
}
