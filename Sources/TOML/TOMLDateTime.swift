/// A TOML date, time or date-time: the text as written and its parsed components.
public struct TOMLDateTime: Sendable, Hashable, CustomStringConvertible {
    /// Which of the four TOML date/time types this is.
    public enum Kind: Sendable, Hashable {
        /// `1979-05-27T07:32:00Z`, `1979-05-27 07:32:00-07:00`
        case offsetDateTime
        /// `1979-05-27T07:32:00`
        case localDateTime
        /// `1979-05-27`
        case localDate
        /// `07:32:00.999`
        case localTime
    }

    /// A calendar date.
    public struct LocalDate: Sendable, Hashable {
        /// The year, `0...9999`.
        public var year: Int
        /// The month, `1...12`.
        public var month: Int
        /// The day of the month, `1...31`.
        public var day: Int

        /// Creates a date (not validated).
        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
    }

    /// A time of day.
    public struct LocalTime: Sendable, Hashable {
        /// `0...23`.
        public var hour: Int
        /// `0...59`.
        public var minute: Int
        /// 0...60 (60 is a leap second).
        public var second: Int
        /// Fractional seconds, in nanoseconds (digits past the ninth are dropped).
        public var nanosecond: Int

        /// Creates a time (not validated).
        public init(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
            self.hour = hour
            self.minute = minute
            self.second = second
            self.nanosecond = nanosecond
        }
    }

    /// The text as written in the document.
    public var text: String
    /// The date part, when there is one.
    public var date: LocalDate?
    /// The time part, when there is one.
    public var time: LocalTime?
    /// The UTC offset in minutes (`Z` is 0), for offset date-times only.
    public var offsetMinutes: Int?

    /// Creates a value from its parts.
    public init(text: String, date: LocalDate?, time: LocalTime?, offsetMinutes: Int?) {
        self.text = text
        self.date = date
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    /// Which TOML type this is, from the parts present.
    public var kind: Kind {
        if offsetMinutes != nil { return .offsetDateTime }
        if date != nil { return time == nil ? .localDate : .localDateTime }
        return .localTime
    }

    /// The text as written.
    public var description: String { text }
}
