import Foundation
import Settings
import Testing

@testable import Daemon

private let now = Date(timeIntervalSince1970: 1_795_000_000)  // Wed 18 Nov 2026 11:06:40 GMT

private func scheduler() -> PollScheduler {
    var daemon = DaemonSettings(stateDir: "/tmp")
    daemon.minInterval = .seconds(300)
    daemon.maxInterval = .seconds(6 * 3600)
    daemon.maxBackoff = .seconds(3600)
    return PollScheduler(daemon: daemon)
}

@Test func aQuietSuccessKeepsTheConfiguredInterval() {
    let next = scheduler().next(
        after: .init(succeeded: true), configured: 900, current: nil, now: now, jitter: 0)
    #expect(next.due == now.addingTimeInterval(900))
    #expect(next.interval == 900)
}

@Test func jitterAddsAtMostTenPercent() {
    let next = scheduler().next(after: .init(succeeded: true), configured: 1000, current: nil, now: now, jitter: 1)
    #expect(next.due == now.addingTimeInterval(1100))
}

@Test func theIntervalAdaptsToHowOftenTheFeedPublishes() {
    var busy = PollScheduler.Outcome(succeeded: true)
    busy.published = (0..<10).map { now.addingTimeInterval(Double(-$0) * 1200) }  // every 20 minutes
    #expect(scheduler().next(after: busy, configured: 3600, current: nil, now: now, jitter: 0).interval == 600)

    var slow = PollScheduler.Outcome(succeeded: true)
    slow.published = (0..<10).map { now.addingTimeInterval(Double(-$0) * 86_400) }  // daily
    #expect(scheduler().next(after: slow, configured: 900, current: nil, now: now, jitter: 0).interval == 6 * 3600)

    var flood = PollScheduler.Outcome(succeeded: true)
    flood.published = (0..<10).map { now.addingTimeInterval(Double(-$0)) }
    // Never below min_interval, unless the source itself asks for less.
    #expect(scheduler().next(after: flood, configured: 900, current: nil, now: now, jitter: 0).interval == 300)
    #expect(scheduler().next(after: flood, configured: 60, current: nil, now: now, jitter: 0).interval == 60)
}

@Test func ttlAndMaxAgePostponeButNeverBeyondADay() {
    var outcome = PollScheduler.Outcome(succeeded: true)
    outcome.ttl = 7200
    #expect(
        scheduler().next(after: outcome, configured: 900, current: nil, now: now, jitter: 0).due
            == now.addingTimeInterval(7200))
    outcome.ttl = nil
    outcome.maxAge = 10 * 86_400
    #expect(
        scheduler().next(after: outcome, configured: 900, current: nil, now: now, jitter: 0).due
            == now.addingTimeInterval(86_400))
}

@Test func failuresBackOffExponentiallyUpToTheCap() {
    let waits = (1...5).map { failures -> TimeInterval in
        var outcome = PollScheduler.Outcome(succeeded: false)
        outcome.consecutiveFailures = failures
        return scheduler().next(after: outcome, configured: 600, current: nil, now: now, jitter: 0).due
            .timeIntervalSince(now)
    }
    #expect(waits == [600, 1200, 2400, 3600, 3600])
}

@Test func retryAfterIsHonoured() {
    var outcome = PollScheduler.Outcome(succeeded: false)
    outcome.consecutiveFailures = 1
    outcome.retryAfter = 5400
    #expect(
        scheduler().next(after: outcome, configured: 600, current: nil, now: now, jitter: 0).due
            == now.addingTimeInterval(5400))
    #expect(PollScheduler.retryAfter("120", now: now) { _ in nil } == 120)
    let httpDate = PollScheduler.retryAfter("Wed, 18 Nov 2026 12:06:40 GMT", now: now) { text in
        text == "Wed, 18 Nov 2026 12:06:40 GMT" ? now.addingTimeInterval(3600) : nil
    }
    #expect(httpDate == 3600)
    #expect(PollScheduler.maxAge(cacheControl: "public, max-age=600, must-revalidate") == 600)
    #expect(PollScheduler.maxAge(cacheControl: "no-cache") == nil)
}

@Test func skipHoursAndDaysMoveThePollOut() {
    var outcome = PollScheduler.Outcome(succeeded: true)
    outcome.skipHours = [11, 12]  // GMT; the poll would land at 11:21:40
    let next = scheduler().next(after: outcome, configured: 900, current: nil, now: now, jitter: 0)
    #expect(next.due == Date(timeIntervalSince1970: 1_795_006_800))  // 13:00 GMT
    outcome.skipHours = []
    outcome.skipDays = [4]  // Wednesday
    let nextDay = scheduler().next(after: outcome, configured: 900, current: nil, now: now, jitter: 0)
    #expect(nextDay.due == Date(timeIntervalSince1970: 1_795_046_400))  // Thu 19 Nov 00:00 GMT
}
