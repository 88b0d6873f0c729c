import EarshotCore
import Foundation

/// A mention assigned to an ambassador, to be written to the outbox: one row per channel.
public struct NewAssignment: Sendable, Equatable {
    public var ambassador: String
    public var channels: [String]
    public var mention: Mention
    /// Why this ambassador (`expertise`, `overflow`, `unclaimed`).
    public var reason: String

    public init(ambassador: String, channels: [String], mention: Mention, reason: String) {
        self.ambassador = ambassador
        self.channels = channels
        self.mention = mention
        self.reason = reason
    }
}

/// What one `record` call changed.
public struct RecordSummary: Sendable, Equatable {
    /// Posts not seen before.
    public var newPosts: Int = 0
    /// Assignments written (one per ambassador per mention).
    public var assignments: Int = 0
    /// Outbox rows written (one per assignment per channel).
    public var outboxRows: Int = 0
}

/// Counts for status output.
public struct StoreStatistics: Sendable, Equatable {
    public var seenPosts: Int
    public var pending: Int
    public var delivered: Int
    public var failing: Int
}
