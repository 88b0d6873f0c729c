import Foundation

/// An inclusive span of calendar days, `["2026-12-20", "2027-01-04"]`, read in some person's time zone.
public struct DayRange: Sendable, Hashable, CustomStringConvertible {
    /// `yyyymmdd` as a number, so that ranges compare with plain integers.
    public var first: Int
    public var last: Int

    public init(first: Int, last: Int) {
        self.first = first
        self.last = last
    }

    /// Parses two `YYYY-MM-DD` dates; nil when either is malformed or the second comes first.
    public init?(from: String, to: String) {
        guard let first = Self.dayNumber(from), let last = Self.dayNumber(to), first <= last else { return nil }
        self.init(first: first, last: last)
    }

    /// `2026-12-20` as 20261220; nil unless it is a real date.
    public static func dayNumber(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]), (1...12).contains(month), day >= 1
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard
            let range = calendar.range(
                of: .day, in: .month, for: calendar.date(from: DateComponents(year: year, month: month, day: 1))!),
            range.contains(day)
        else { return nil }
        return year * 10_000 + month * 100 + day
    }

    /// Whether `date` falls on one of these days in `timeZone`.
    public func contains(_ date: Date, in timeZone: TimeZone) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let day = parts.year! * 10_000 + parts.month! * 100 + parts.day!
        return day >= first && day <= last
    }

    public var description: String {
        func text(_ number: Int) -> String {
            String(format: "%04d-%02d-%02d", number / 10_000, number / 100 % 100, number % 100)
        }
        return "\(text(first)) to \(text(last))"
    }
}
