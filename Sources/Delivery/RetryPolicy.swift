import Foundation

/// When to try a failed delivery again: exponential backoff with jitter for transient failures (or the
/// receiver's `Retry-After`, when longer), never for permanent ones, and never after `giveUpAfter` of failures.
public struct RetryPolicy: Sendable, Equatable {
    /// The wait after the first failure.
    public var initialDelay: TimeInterval = 30
    /// The longest wait between two attempts.
    public var maximumDelay: TimeInterval = 3600
    /// Up to this fraction of the delay is added at random, so that failed channels do not retry in lockstep.
    public var jitter: Double = 0.25
    /// A row failing for this long since its first failure becomes a dead letter.
    public var giveUpAfter: TimeInterval = 86_400

    public init() {}

    /// The base delay before attempt `attempt + 1`, where `attempt` failures have happened (1 = the first).
    public func delay(afterFailures attempt: Int) -> TimeInterval {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        return min(maximumDelay, initialDelay * pow(2, exponent))
    }

    /// The next attempt's time, or nil when the rows should become dead letters. `random` in 0..<1 picks the
    /// jitter (injected for tests).
    public func nextAttempt(
        after error: DeliveryError, failures: Int, firstFailure: Date, now: Date, random: Double
    ) -> Date? {
        guard error.transient else { return nil }
        var wait = delay(afterFailures: failures) * (1 + jitter * random)
        if let retryAfter = error.retryAfter { wait = max(wait, min(retryAfter, giveUpAfter)) }
        let next = now.addingTimeInterval(wait)
        // Still failing after the window: give up now rather than schedule an attempt past it.
        guard now.timeIntervalSince(firstFailure) < giveUpAfter else { return nil }
        return next
    }
}
