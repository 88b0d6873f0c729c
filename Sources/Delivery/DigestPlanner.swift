import EarshotCore
import Foundation

/// When a mention assigned to one ambassador is due, on that person's clock: at the next slot of their digest
/// schedule (at once for `immediate` or an urgent watch), moved to the end of their quiet hours when it falls
/// inside them. Pure: every answer is computed from the dates passed in, so tests can inject any clock.
public struct DigestPlanner: Sendable, Equatable {
    public var schedule: DigestSchedule
    public var timeZone: TimeZone
    public var quietHours: QuietHours?

    public init(schedule: DigestSchedule = .immediate, timeZone: TimeZone = .utc, quietHours: QuietHours? = nil) {
        self.schedule = schedule
        self.timeZone = timeZone
        self.quietHours = quietHours
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// When a mention assigned at `assigned` is due.
    public func due(assignedAt assigned: Date, urgent: Bool = false) -> Date {
        let slot = urgent ? assigned : nextSlot(atOrAfter: assigned)
        return releaseFromQuietHours(slot)
    }

    /// The first digest slot at or after `date`.
    public func nextSlot(atOrAfter date: Date) -> Date {
        let calendar = calendar
        switch schedule {
        case .immediate:
            return date
        case .hourly:
            return calendar.nextDate(
                after: date.addingTimeInterval(-0.001), matching: DateComponents(minute: 0, second: 0),
                matchingPolicy: .nextTime) ?? date
        case .daily(let time):
            return calendar.nextDate(
                after: date.addingTimeInterval(-0.001),
                matching: DateComponents(hour: time.hour, minute: time.minute, second: 0),
                matchingPolicy: .nextTime) ?? date
        case .weekly(let weekday, let time):
            return calendar.nextDate(
                after: date.addingTimeInterval(-0.001),
                matching: DateComponents(hour: time.hour, minute: time.minute, second: 0, weekday: weekday),
                matchingPolicy: .nextTime) ?? date
        }
    }

    /// `date`, or the end of the quiet hours it falls in.
    public func releaseFromQuietHours(_ date: Date) -> Date {
        guard let quiet = quietHours else { return date }
        let calendar = calendar
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        guard quiet.contains(minutes: parts.hour! * 60 + parts.minute!) else { return date }
        return calendar.nextDate(
            after: date, matching: DateComponents(hour: quiet.end.hour, minute: quiet.end.minute, second: 0),
            matchingPolicy: .nextTime) ?? date
    }

    /// Whether `date` falls inside the quiet hours.
    public func isQuiet(at date: Date) -> Bool {
        releaseFromQuietHours(date) != date
    }
}

extension TimeZone {
    /// UTC.
    public static let utc = TimeZone(identifier: "UTC")!
}
