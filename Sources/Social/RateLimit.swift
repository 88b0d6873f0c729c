import Curl
import Feeds
import Foundation

/// What a response said about the API's rate limit, read from `X-RateLimit-*` (GitHub, Mastodon),
/// `X-Ratelimit-*` (Reddit), `RateLimit-*` (Bluesky), `Retry-After` and GitHub's `X-Poll-Interval`.
public struct RateLimit: Sendable, Equatable {
    /// Requests left in the current window.
    public var remaining: Double?
    /// When the window resets.
    public var reset: Date?
    /// `Retry-After`, in seconds from the response.
    public var retryAfter: TimeInterval?
    /// `X-Poll-Interval`: the least time between polls the server asks for, in seconds.
    public var pollInterval: TimeInterval?

    /// Creates a value; every field is optional.
    public init(
        remaining: Double? = nil, reset: Date? = nil, retryAfter: TimeInterval? = nil,
        pollInterval: TimeInterval? = nil
    ) {
        self.remaining = remaining
        self.reset = reset
        self.retryAfter = retryAfter
        self.pollInterval = pollInterval
    }

    /// Reads the headers of one response received at `now`; nil when it has none of them.
    ///
    /// A reset value is read as epoch seconds when it is large (GitHub, Bluesky), as seconds from now when it
    /// is small (Reddit), and as a date otherwise (Mastodon's ISO 8601).
    public init?(headers: [HTTPHeader], now: Date) {
        func value(_ names: String...) -> String? {
            for name in names {
                if let value = headers.value(for: name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                    return value
                }
            }
            return nil
        }
        self.init()
        if let text = value("X-RateLimit-Remaining", "RateLimit-Remaining") { remaining = Double(text) }
        if let text = value("X-RateLimit-Reset", "RateLimit-Reset") {
            if let number = Double(text) {
                reset = number > 1_000_000_000 ? Date(timeIntervalSince1970: number) : now.addingTimeInterval(number)
            } else {
                reset = FeedDate.parse(text)
            }
        }
        if let text = value("Retry-After") {
            if let seconds = Double(text) {
                retryAfter = max(0, seconds)
            } else if let date = FeedDate.parse(text) {
                retryAfter = max(0, date.timeIntervalSince(now))
            }
        }
        if let text = value("X-Poll-Interval"), let seconds = Double(text) { pollInterval = max(0, seconds) }
        if remaining == nil && reset == nil && retryAfter == nil && pollInterval == nil { return nil }
    }

    /// Whether no request may be made before the reset.
    public var exhausted: Bool { (remaining ?? 1) < 1 }

    /// How long the next request must wait, from `now`: `Retry-After`, the reset when no requests are left,
    /// and the poll interval, whichever is longest; nil when nothing asks to wait.
    public func wait(now: Date) -> TimeInterval? {
        var waits: [TimeInterval] = []
        if let retryAfter { waits.append(retryAfter) }
        if exhausted, let reset { waits.append(max(0, reset.timeIntervalSince(now))) }
        if let pollInterval { waits.append(pollInterval) }
        return waits.max()
    }

    /// The stricter of two readings (the later one wins for the window, waits add up to the longest).
    public func merged(with later: RateLimit?) -> RateLimit {
        guard let later else { return self }
        var result = later
        result.retryAfter = [retryAfter, later.retryAfter].compactMap { $0 }.max()
        result.pollInterval = [pollInterval, later.pollInterval].compactMap { $0 }.max()
        return result
    }
}
