import Foundation
import Settings

/// Decides when a source is polled next, politely: on its interval adapted to how often it publishes, never
/// before the feed's `<ttl>` or the response's `Cache-Control: max-age` allow, never in its `<skipHours>` /
/// `<skipDays>`, after `Retry-After`, and with exponential backoff while it keeps failing.
///
/// Pure: everything it needs comes in as values, so it is tested with plain dates.
public struct PollScheduler: Sendable {
    public var minInterval: TimeInterval
    public var maxInterval: TimeInterval
    public var maxBackoff: TimeInterval
    /// The longest any server hint (`ttl`, `max-age`, `Retry-After`) may postpone a poll.
    public var maxHint: TimeInterval = 86_400

    public init(daemon: DaemonSettings) {
        minInterval = daemon.minInterval.seconds
        maxInterval = daemon.maxInterval.seconds
        maxBackoff = daemon.maxBackoff.seconds
    }

    /// What the last poll said, as far as scheduling cares.
    public struct Outcome: Sendable {
        public var succeeded: Bool
        /// Publication dates of the posts in the feed (all of them, not only new ones), when it was parsed.
        public var published: [Date] = []
        /// `Cache-Control: max-age`, `Retry-After` and the feed's `<ttl>`, in seconds.
        public var maxAge: TimeInterval?
        public var retryAfter: TimeInterval?
        public var ttl: TimeInterval?
        public var skipHours: Set<Int> = []
        public var skipDays: Set<Int> = []
        /// Failures in a row, this one included.
        public var consecutiveFailures = 0

        public init(succeeded: Bool) {
            self.succeeded = succeeded
        }
    }

    /// The next due date and the source's (possibly adapted) interval. `configured` is the source's interval
    /// from the config; `current` the adapted one kept in the store; `jitter` a number in 0...1.
    public func next(
        after outcome: Outcome, configured: TimeInterval, current: TimeInterval?, now: Date, jitter: Double
    ) -> (due: Date, interval: TimeInterval) {
        let lower = min(minInterval, configured)
        let upper = max(maxInterval, configured)
        var interval = min(max(current ?? configured, lower), upper)
        var wait: TimeInterval
        if outcome.succeeded {
            if let adapted = Self.publishingGap(outcome.published) {
                // Poll about twice per typical gap between posts.
                interval = min(max(adapted / 2, lower), upper)
            }
            wait = max(interval, min(outcome.ttl ?? 0, maxHint), min(outcome.maxAge ?? 0, maxHint))
        } else {
            let doublings = Double(max(0, min(outcome.consecutiveFailures - 1, 30)))
            wait = min(interval * pow(2, doublings), max(maxBackoff, interval))
        }
        if let retryAfter = outcome.retryAfter { wait = max(wait, min(retryAfter, maxHint)) }
        wait *= 1 + 0.1 * min(max(jitter, 0), 1)
        let due = Self.avoiding(
            hours: outcome.skipHours, days: outcome.skipDays, from: now.addingTimeInterval(wait))
        return (due, interval)
    }

    /// The median gap between the ten most recent distinct publication dates; nil with fewer than three.
    static func publishingGap(_ dates: [Date]) -> TimeInterval? {
        let recent = Array(Set(dates.map(\.timeIntervalSince1970)).sorted(by: >).prefix(10))
        guard recent.count >= 3 else { return nil }
        let gaps = zip(recent, recent.dropFirst()).map { $0 - $1 }.sorted()
        return gaps[gaps.count / 2]
    }

    /// The first moment at or after `date` outside the skipped GMT hours and weekdays (RSS `skipHours`,
    /// `skipDays`), moving to the start of the next hour while inside one. Gives up after a week.
    static func avoiding(hours: Set<Int>, days: Set<Int>, from date: Date) -> Date {
        guard !hours.isEmpty || !days.isEmpty else { return date }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT")!
        var candidate = date
        for _ in 0..<(7 * 24 + 1) {
            let parts = calendar.dateComponents([.hour, .weekday], from: candidate)
            if !hours.contains(parts.hour!) && !days.contains(parts.weekday!) { return candidate }
            let hourStart = calendar.dateInterval(of: .hour, for: candidate)!.start
            candidate = hourStart.addingTimeInterval(3600)
        }
        return date
    }

    /// `Cache-Control: ..., max-age=N` in seconds.
    public static func maxAge(cacheControl: String?) -> TimeInterval? {
        guard let cacheControl else { return nil }
        for directive in cacheControl.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0].lowercased() == "max-age", let seconds = TimeInterval(parts[1]) {
                return max(0, seconds)
            }
        }
        return nil
    }

    /// `Retry-After`: delta-seconds or an HTTP date, as seconds from `now`.
    public static func retryAfter(_ value: String?, now: Date, parseDate: (String) -> Date?) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = TimeInterval(value) { return max(0, seconds) }
        return parseDate(value).map { max(0, $0.timeIntervalSince(now)) }
    }
}
