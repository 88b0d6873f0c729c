/// A daily span of local time in which nothing is delivered, `22:00-07:00` (it may wrap past midnight).
/// What falls due inside it is held until it ends.
public struct QuietHours: Sendable, Hashable, CustomStringConvertible {
    public var start: TimeOfDay
    public var end: TimeOfDay

    public init(start: TimeOfDay, end: TimeOfDay) {
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM`; nil when malformed or when start equals end.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let start = TimeOfDay(parsing: parts[0].trimmingCharacters(in: " ")),
            let end = TimeOfDay(parsing: parts[1].trimmingCharacters(in: " ")), start != end
        else { return nil }
        self.init(start: start, end: end)
    }

    /// Whether a local time of day (minutes since midnight) falls inside.
    public func contains(minutes: Int) -> Bool {
        if start < end { return minutes >= start.minutes && minutes < end.minutes }
        return minutes >= start.minutes || minutes < end.minutes
    }

    public var description: String { "\(start)-\(end)" }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> Substring {
        var text = self
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return text
    }
}
