import Curl
import Foundation
import Social
import Testing

/// Rate-limit headers of each API turn into how long to wait.
@Suite struct RateLimitTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func headers(_ pairs: [(String, String)]) -> [HTTPHeader] {
        pairs.map { HTTPHeader(name: $0.0, value: $0.1) }
    }

    @Test func gitHubEpochResetCountsOnlyWhenNothingIsLeft() throws {
        let exhausted = try #require(
            RateLimit(
                headers: headers([("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1800000600")]), now: now))
        #expect(exhausted.exhausted)
        #expect(exhausted.wait(now: now) == 600)
        let plenty = try #require(
            RateLimit(
                headers: headers([("x-ratelimit-remaining", "55"), ("x-ratelimit-reset", "1800000600")]), now: now))
        #expect(plenty.wait(now: now) == nil)
    }

    @Test func redditRelativeResetAndFractionalRemaining() throws {
        let limit = try #require(
            RateLimit(
                headers: headers([
                    ("X-Ratelimit-Used", "100"), ("X-Ratelimit-Remaining", "0.0"), ("X-Ratelimit-Reset", "240"),
                ]), now: now))
        #expect(limit.wait(now: now) == 240)
    }

    @Test func mastodonISODateResetAndBlueskyUnprefixedHeaders() throws {
        let mastodon = try #require(
            RateLimit(
                headers: headers([("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "2027-01-15T08:00:30.000Z")]),
                now: now))
        #expect(mastodon.wait(now: now) == 30)
        let bluesky = try #require(
            RateLimit(headers: headers([("RateLimit-Remaining", "0"), ("RateLimit-Reset", "1800000120")]), now: now))
        #expect(bluesky.wait(now: now) == 120)
    }

    @Test func retryAfterAndPollIntervalAreWaitsOfTheirOwn() throws {
        let retry = try #require(RateLimit(headers: headers([("Retry-After", "90")]), now: now))
        #expect(retry.wait(now: now) == 90)
        let poll = try #require(RateLimit(headers: headers([("X-Poll-Interval", "60")]), now: now))
        #expect(poll.wait(now: now) == 60)
        #expect(RateLimit(headers: headers([("Content-Type", "application/json")]), now: now) == nil)
    }
}
