import EarshotCore
import Foundation

/// An undelivered outbox row with its retry state.
public struct QueuedDelivery: Sendable, Equatable {
    public var id: Int64
    public var ambassador: String
    public var channel: String
    public var mention: Mention
    /// Why this ambassador (`expertise`, `overflow`, `unclaimed`).
    public var reason: String
    public var createdAt: Date
    public var attempts: Int
    /// No attempt before this time (after a transient failure).
    public var nextAttemptAt: Date?
    /// The first failed attempt since the row last went out or was redelivered.
    public var firstFailureAt: Date?
}

/// An outbox row that will not be retried automatically: a permanent failure, or 24 hours of transient ones.
public struct DeadLetter: Sendable, Equatable {
    /// The outbox row id, for `earshot redeliver ID`.
    public var id: Int64
    public var ambassador: String
    public var channel: String
    public var watch: String
    public var title: String
    public var url: String?
    public var attempts: Int
    public var error: String
    public var deadAt: Date
}

/// How a failed attempt ends for its rows.
public enum FailureOutcome: Sendable, Equatable {
    /// Try again at this time.
    case retry(at: Date)
    /// Give up: a dead letter.
    case dead
}
