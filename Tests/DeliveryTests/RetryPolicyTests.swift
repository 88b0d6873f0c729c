import Foundation
import Testing

@testable import Delivery

@Suite struct RetryPolicyTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)

    func failure(transient: Bool, retryAfter: TimeInterval? = nil) -> DeliveryError {
        DeliveryError(channel: "c", recipient: "ana", message: "x", transient: transient, retryAfter: retryAfter)
    }

    @Test func transientFailuresBackOffExponentiallyWithBoundedJitter() {
        let policy = RetryPolicy()
        var waits: [TimeInterval] = []
        for failures in 1...10 {
            let next = policy.nextAttempt(
                after: failure(transient: true), failures: failures, firstFailure: start, now: start, random: 0)
            waits.append(next!.timeIntervalSince(start))
        }
        #expect(Array(waits.prefix(4)) == [30, 60, 120, 240])
        #expect(waits.last == 3600)
        let jittered = policy.nextAttempt(
            after: failure(transient: true), failures: 1, firstFailure: start, now: start, random: 0.999)!
        #expect(jittered.timeIntervalSince(start) > 30 && jittered.timeIntervalSince(start) < 30 * 1.25 + 0.01)
    }

    @Test func retryAfterIsHonouredWhenLonger() {
        let policy = RetryPolicy()
        let next = policy.nextAttempt(
            after: failure(transient: true, retryAfter: 600), failures: 1, firstFailure: start, now: start, random: 0)
        #expect(next == start.addingTimeInterval(600))
        #expect(HTTPPost.retryAfter("120", now: start) == 120)
        let fromDate = HTTPPost.retryAfter("Wed, 18 Nov 2026 11:08:20 GMT", now: start)
        #expect(fromDate.map { abs($0 - 100) < 1 } == true, "\(String(describing: fromDate))")
    }

    @Test func permanentFailuresAndADayOfFailuresGiveUp() {
        let policy = RetryPolicy()
        #expect(
            policy.nextAttempt(
                after: failure(transient: false), failures: 1, firstFailure: start, now: start, random: 0)
                == nil)
        let later = start.addingTimeInterval(86_400)
        #expect(
            policy.nextAttempt(
                after: failure(transient: true), failures: 40, firstFailure: start, now: later, random: 0)
                == nil)
        let almost = start.addingTimeInterval(86_000)
        #expect(
            policy.nextAttempt(
                after: failure(transient: true), failures: 40, firstFailure: start, now: almost, random: 0)
                != nil)
    }

    @Test func redactedURLsKeepOnlySchemeAndHost() {
        #expect(
            RedactedURL.redact("https://hooks.slack.com/services/T000/B000/SECRET?x=1")
                == "https://hooks.slack.com/…")
        #expect(RedactedURL.redact("https://user:pw@example.com:8443/a") == "https://example.com:8443/…")
        #expect(RedactedURL.redact("smtp://mail.example.com:587") == "smtp://mail.example.com:587")
    }
}
