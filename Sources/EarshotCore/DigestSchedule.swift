/// When an ambassador's digests go out, in that person's time zone: `immediate`, `hourly`, `daily 08:30` or
/// `weekly mon 08:30`.
public enum DigestSchedule: Sendable, Hashable, CustomStringConvertible {
    /// After every poll cycle that found something.
    case immediate
    /// At the top of every hour.
    case hourly
    /// Once a day at this local time.
    case daily(TimeOfDay)
    /// Once a week on `weekday` (1 = Sunday ... 7 = Saturday, as `Calendar` counts) at this local time.
    case weekly(weekday: Int, TimeOfDay)

    /// `mon` ... `sun` (also full names), in `Calendar`'s numbering (1 = Sunday).
    public static let weekdays: [String: Int] = [
        "sun": 1, "sunday": 1, "mon": 2, "monday": 2, "tue": 3, "tuesday": 3, "wed": 4, "wednesday": 4,
        "thu": 5, "thursday": 5, "fri": 6, "friday": 6, "sat": 7, "saturday": 7,
    ]

    /// Parses the config form; nil when it is not one of the four shapes.
    public init?(parsing text: String) {
        let words = text.lowercased().split(separator: " ")
        switch words.count {
        case 1 where words[0] == "immediate": self = .immediate
        case 1 where words[0] == "hourly": self = .hourly
        case 2 where words[0] == "daily":
            guard let time = TimeOfDay(parsing: words[1]) else { return nil }
            self = .daily(time)
        case 3 where words[0] == "weekly":
            guard let weekday = Self.weekdays[String(words[1])], let time = TimeOfDay(parsing: words[2]) else {
                return nil
            }
            self = .weekly(weekday: weekday, time)
        default:
            return nil
        }
    }

    public var description: String {
        switch self {
        case .immediate: "immediate"
        case .hourly: "hourly"
        case .daily(let time): "daily \(time)"
        case .weekly(let weekday, let time):
            "weekly \(["sun", "mon", "tue", "wed", "thu", "fri", "sat"][(weekday - 1) % 7]) \(time)"
        }
    }
}
