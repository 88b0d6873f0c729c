import EarshotCore
import Foundation

/// What routing needs to know about one ambassador.
public struct Ambassador: Sendable, Hashable {
    public var id: String
    public var expertise: Set<String>
    /// Mentions this person can take in a rolling 24 hours.
    public var capacity: Int
    /// Mentions this person can take in a rolling 7 days, when limited.
    public var capacityWeek: Int?
    /// The person's time zone: `away` days are read in it.
    public var timeZone: TimeZone
    /// Days on which this person gets nothing new; their mentions go to others.
    public var away: [DayRange]

    public init(
        id: String, expertise: some Sequence<String>, capacity: Int, capacityWeek: Int? = nil,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!, away: [DayRange] = []
    ) {
        self.id = id
        self.expertise = Set(expertise)
        self.capacity = capacity
        self.capacityWeek = capacityWeek
        self.timeZone = timeZone
        self.away = away
    }

    /// Whether the person is away at `date` (in their own time zone).
    public func isAway(at date: Date) -> Bool {
        away.contains { $0.contains(date, in: timeZone) }
    }
}
