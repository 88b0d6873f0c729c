import Curl
import EarshotCore
import Foundation
import Settings
import Social
import Store

extension PollCycle {
    /// The adapter's view of a social `[[source]]`.
    static func socialSource(_ source: SourceSettings, daemon: DaemonSettings) -> SocialSource {
        var secret: CredentialReference?
        if let file = source.secretFile {
            secret = .file(file)
        } else if let name = source.credentials {
            secret = .credential(name)
        }
        var userAgent = source.options["user_agent"]
        if source.kind == "reddit" && userAgent == nil {
            // Reddit throttles generic agents: make it unique per installation and source.
            userAgent = "\(daemon.userAgent) (Earshot social listening; source \(source.id))"
        }
        return SocialSource(
            id: source.id, kind: source.kind, baseURL: source.url, options: source.options,
            backlogPages: source.backlogPages, secret: secret, userAgent: userAgent)
    }

    /// Polls a social source through its adapter; like the feed path it never throws, records the cursor, the
    /// token and the rate limit with the source's state, and waits for the rate limit before the next poll.
    func pollSocial(_ source: SourceSettings, state: SourceState) async -> SourceOutcome {
        var state = state
        let now = Date()
        let social = Self.socialSource(source, daemon: snapshot.settings.daemon)
        guard let adapter = SocialAdapters.adapter(for: source.kind) else {
            return failed(
                source, state: state, status: nil, message: "unknown source kind \(source.kind)", now: now,
                retryAfter: nil)
        }
        if state.configuredURL != source.url {
            // Another instance or API: nothing kept from the old one applies.
            (state.url, state.etag, state.authToken, state.cursor) = (nil, nil, nil, nil)
            state.configuredURL = source.url
        }
        if state.cursorScope != social.scope {
            // Another tag, query or subreddit: start again with a backlog.
            (state.cursor, state.etag) = (nil, nil)
            state.cursorScope = social.scope
        }
        state.lastAttempt = now
        let engine = engine
        let context = AdapterContext(
            source: social, cursor: state.cursor, token: AuthToken(serialized: state.authToken), etag: state.etag,
            fetch: { await engine.perform($0) }, now: now, limits: snapshot.transferLimits)
        let clock = ContinuousClock()
        let started = clock.now
        let result = await adapter.poll(context)
        let duration = clock.now - started
        state.cursor = result.cursor
        state.authToken = result.token?.serialized
        state.etag = result.etag
        state.lastStatus = result.status
        if let limit = result.rateLimit {
            state.rateLimitRemaining = limit.remaining
            state.rateLimitReset = limit.reset
        }
        let wait = result.rateLimit?.wait(now: now)
        if let error = result.error {
            var outcome = failed(
                source, state: state, status: error.status, message: error.message, now: now, retryAfter: wait)
            outcome.posts = result.posts
            outcome.bytes = result.bytes
            outcome.duration = duration
            return outcome
        }
        state.lastSuccess = now
        state.consecutiveFailures = 0
        state.lastError = nil
        state.lastErrorAt = nil
        var outcome = PollScheduler.Outcome(succeeded: true)
        outcome.published = result.posts.compactMap(\.published)
        outcome.retryAfter = wait
        let next = scheduler.next(
            after: outcome, configured: configuredInterval(source), current: state.interval, now: now,
            jitter: Double.random(in: 0...1))
        state.nextDue = next.due
        state.interval = next.interval
        logger.debug(
            "fetched",
            metadata: [
                "source": "\(source.id)", "kind": "\(source.kind)", "url": "\(Redact.url(source.url))",
                "posts": "\(result.posts.count)", "requests": "\(result.requests)", "bytes": "\(result.bytes)",
            ])
        return SourceOutcome(
            source: source.id, state: state, kind: result.notModified ? .notModified : .fetched, posts: result.posts,
            bytes: result.bytes, duration: duration)
    }
}
