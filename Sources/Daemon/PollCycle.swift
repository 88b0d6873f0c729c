import Curl
import EarshotCore
import Feeds
import Foundation
import Logging
import Routing
import Settings
import Store
import Telemetry

/// One pass over a set of sources: fetch -> parse -> dedupe -> match -> route -> outbox.
///
/// Every source is fetched concurrently (the engine enforces the overall and per-host limits) and parsed as soon
/// as its body arrives, so one slow or failing source never holds up another. Parsed posts are stored in batches:
/// each batch's posts are marked seen, and the mentions they produce written to the outbox, together with the
/// sources' new validators (ETag, Last-Modified) in one transaction. A batch that fails to commit leaves its posts
/// unseen and its validators unchanged, so the next cycle fetches and processes them again.
public struct PollCycle: Sendable {
    public let snapshot: Snapshot
    public let store: Store
    public let engine: CurlEngine
    public let parser = FeedParser()
    public let logger: Logger
    let scheduler: PollScheduler
    /// Posts per store transaction.
    public var batchSize = 5_000
    /// Sources fetched or parsed ahead of the store at most (the engine runs `concurrency` of them at once).
    public var window: Int { max(32, snapshot.settings.daemon.concurrency * 4) }

    public init(snapshot: Snapshot, store: Store, engine: CurlEngine, logger: Logger) {
        self.snapshot = snapshot
        self.store = store
        self.engine = engine
        self.logger = logger
        self.scheduler = PollScheduler(daemon: snapshot.settings.daemon)
    }

    /// Polls `sources` once, returning what happened. Source failures are recorded, logged and counted, never
    /// thrown.
    public func run(_ sources: [SourceSettings], now: Date = Date()) async -> CycleReport {
        let clock = ContinuousClock()
        let started = clock.now
        var report = CycleReport()
        report.sources = sources.count
        let states: [String: SourceState]
        do {
            states = try store.sourceStates()
        } catch {
            logger.error("cannot read source states", metadata: ["error": "\(error)"])
            report.storeFailures += 1
            return report
        }
        var load = Deliverer.routingLoad(store, now: now)
        var pendingPosts: [Post] = []
        var pendingStates: [SourceState] = []

        var queue = sources.reversed().filter { source in
            guard let gone = states[source.id]?.goneURL, gone == source.url else { return true }
            report.gone += 1
            return false
        }
        await withTaskGroup(of: SourceOutcome.self) { group in
            // A sliding window of sources in flight: fetching and parsing stay ahead of storing, but only by
            // `window` sources, so parsed posts never pile up in memory while a batch commits.
            func startNext() {
                guard let source = queue.popLast() else { return }
                let state = states[source.id] ?? SourceState(source: source.id)
                group.addTask { await poll(source, state: state) }
            }
            for _ in 0..<window { startNext() }
            for await outcome in group {
                startNext()
                report.add(outcome)
                let kind =
                    outcome.kind == .fetched ? "fetched" : outcome.kind == .notModified ? "not_modified" : "failed"
                EarshotMetrics.fetch(source: outcome.source, outcome: kind, duration: outcome.duration)
                EarshotMetrics.sourceHealth(
                    source: outcome.source, up: outcome.kind != .failed,
                    consecutiveFailures: outcome.state.consecutiveFailures)
                pendingStates.append(outcome.state)
                pendingPosts.append(contentsOf: outcome.posts)
                if pendingPosts.count >= batchSize {
                    commit(&pendingPosts, &pendingStates, load: &load, report: &report, now: now)
                }
            }
        }
        commit(&pendingPosts, &pendingStates, load: &load, report: &report, now: now)
        report.duration = clock.now - started
        return report
    }

    /// Stores one batch; on failure the batch is dropped from memory but not marked seen (retried next cycle).
    private func commit(
        _ posts: inout [Post], _ states: inout [SourceState], load: inout Router.Load, report: inout CycleReport,
        now: Date
    ) {
        guard !posts.isEmpty || !states.isEmpty else { return }
        defer {
            posts.removeAll(keepingCapacity: true)
            states.removeAll(keepingCapacity: true)
        }
        var batchLoad = load
        var mentions = 0
        var perWatch: [String: Int] = [:]
        var overflow = 0
        var unclaimed = 0
        var full: [String: Int] = [:]
        do {
            let summary = try store.record(posts: posts, sources: states, now: now) { fresh in
                var assignments: [NewAssignment] = []
                // One call for the batch: the matcher's first read goes over all the new posts at once.
                for mention in snapshot.matcher.match(fresh) {
                    mentions += 1
                    perWatch[mention.watch, default: 0] += 1
                    let decision = snapshot.router.route(mention, load: &batchLoad, now: now)
                    for ambassador in decision.full { full[ambassador, default: 0] += 1 }
                    for assignment in decision.assignments {
                        if assignment.reason == .overflow { overflow += 1 }
                        if assignment.reason == .unclaimed { unclaimed += 1 }
                        assignments.append(
                            NewAssignment(
                                ambassador: assignment.ambassador,
                                channels: snapshot.channelsOf[assignment.ambassador] ?? [],
                                mention: mention, reason: assignment.reason.rawValue))
                    }
                }
                return assignments
            }
            load = batchLoad
            EarshotMetrics.posts(seen: posts.count, new: summary.newPosts)
            for (watch, count) in perWatch { EarshotMetrics.mention(watch: watch, count: count) }
            EarshotMetrics.fallback(reason: "overflow", count: overflow)
            EarshotMetrics.fallback(reason: "unclaimed", count: unclaimed)
            report.newPosts += summary.newPosts
            report.assignments += summary.assignments
            report.mentions += mentions
            report.overflow += overflow
            report.unclaimed += unclaimed
            for (ambassador, skipped) in full.sorted(by: { $0.key < $1.key }) {
                logger.notice(
                    "ambassador at capacity; mentions went to others or the fallback",
                    metadata: [
                        "ambassador": "\(ambassador)", "skipped": "\(skipped)",
                        "fallback": "\(snapshot.router.fallback)",
                    ])
            }
        } catch {
            report.storeFailures += 1
            logger.error(
                "batch not stored; its posts will be processed again next cycle",
                metadata: ["posts": "\(posts.count)", "error": "\(error)"])
        }
    }

    /// Fetches and parses one source. Never throws: every failure becomes the source's recorded error.
    private func poll(_ source: SourceSettings, state: SourceState) async -> SourceOutcome {
        if source.kind != "feed" { return await pollSocial(source, state: state) }
        var state = state
        let now = Date()
        if state.configuredURL != source.url {
            // New source, or the config now names another URL: forget redirects, validators and a 410.
            let fresh = SourceState(source: source.id)
            (state.url, state.etag, state.lastModified, state.goneURL) = (fresh.url, nil, nil, nil)
            state.interval = nil
            state.configuredURL = source.url
        }
        state.lastAttempt = now
        let url = state.url ?? source.url
        let request = HTTPRequest(
            url: url, etag: state.etag, lastModified: state.lastModified, limits: snapshot.transferLimits)
        switch await engine.perform(request) {
        case .failure(let error):
            return failed(source, state: state, status: nil, message: error.description, now: now)
        case .success(let response):
            state.lastStatus = response.status
            if response.status == 304 {
                succeeded(&state, response: response)
                schedule(&state, source: source, response: response, feed: nil, now: now)
                logger.debug("not modified", metadata: ["source": "\(source.id)", "url": "\(Redact.url(url))"])
                return SourceOutcome(
                    source: source.id, state: state, kind: .notModified, bytes: 0, duration: response.duration)
            }
            if response.status == 410 {
                state.goneURL = source.url
                logger.warning(
                    "source is gone (HTTP 410); not polled until its url changes in the config",
                    metadata: ["source": "\(source.id)", "url": "\(Redact.url(url))"])
                return failed(source, state: state, status: 410, message: "\(url): HTTP 410 Gone", now: now)
            }
            guard (200..<300).contains(response.status) else {
                let retryAfter =
                    response.status == 429 || response.status == 503
                    ? PollScheduler.retryAfter(
                        response.headers.value(for: "Retry-After"), now: now, parseDate: FeedDate.parse) : nil
                return failed(
                    source, state: state, status: response.status, message: "\(url): HTTP \(response.status)",
                    now: now, retryAfter: retryAfter)
            }
            do {
                let feed = try parser.parse(
                    response.body, source: source.id, url: response.url, contentType: response.contentType)
                for skipped in feed.skipped {
                    logger.warning(
                        "item skipped",
                        metadata: ["source": "\(source.id)", "url": "\(Redact.url(url))", "why": "\(skipped)"])
                }
                if response.permanentRedirect && response.url != url {
                    logger.notice(
                        "source moved permanently; polling the new url from now on",
                        metadata: [
                            "source": "\(source.id)", "from": "\(Redact.url(url))", "to": "\(Redact.url(response.url))",
                        ])
                    state.url = response.url
                }
                succeeded(&state, response: response)
                schedule(&state, source: source, response: response, feed: feed, now: now)
                logger.debug(
                    "fetched",
                    metadata: [
                        "source": "\(source.id)", "url": "\(Redact.url(url))", "status": "\(response.status)",
                        "posts": "\(feed.posts.count)", "bytes": "\(response.body.count)",
                    ])
                return SourceOutcome(
                    source: source.id, state: state, kind: .fetched, posts: feed.posts, bytes: response.body.count,
                    duration: response.duration)
            } catch {
                return failed(source, state: state, status: response.status, message: error.description, now: now)
            }
        }
    }

    private func succeeded(_ state: inout SourceState, response: HTTPResponse) {
        state.lastSuccess = state.lastAttempt
        state.consecutiveFailures = 0
        state.lastError = nil
        state.lastErrorAt = nil
        if let etag = response.etag { state.etag = etag }
        if let lastModified = response.lastModified { state.lastModified = lastModified }
    }

    /// Sets `nextDue` (and the adapted interval) after a successful poll; keeps the feed's hints for 304s.
    private func schedule(
        _ state: inout SourceState, source: SourceSettings, response: HTTPResponse, feed: Feed?, now: Date
    ) {
        if let feed {
            state.ttl = feed.ttl?.seconds
            state.skipHours = feed.skipHours
            state.skipDays = feed.skipDays
        }
        var outcome = PollScheduler.Outcome(succeeded: true)
        outcome.published = feed?.posts.compactMap(\.published) ?? []
        outcome.ttl = state.ttl
        outcome.maxAge = PollScheduler.maxAge(cacheControl: response.headers.value(for: "Cache-Control"))
        outcome.skipHours = state.skipHours
        outcome.skipDays = state.skipDays
        let next = scheduler.next(
            after: outcome, configured: configuredInterval(source), current: state.interval, now: now,
            jitter: Double.random(in: 0...1))
        state.nextDue = next.due
        state.interval = next.interval
    }

    func configuredInterval(_ source: SourceSettings) -> TimeInterval {
        (source.interval ?? snapshot.settings.daemon.pollInterval).seconds
    }

    /// Records a failed poll of any kind of source: the error (redacted), exponential backoff, and at least
    /// `retryAfter` (a `Retry-After` or a rate limit's reset).
    func failed(
        _ source: SourceSettings, state: SourceState, status: Int?, message: String, now: Date,
        retryAfter: TimeInterval? = nil
    ) -> SourceOutcome {
        var state = state
        state.lastStatus = status
        state.consecutiveFailures += 1
        state.lastError = Redact.text(message)
        state.lastErrorAt = state.lastAttempt
        var outcome = PollScheduler.Outcome(succeeded: false)
        outcome.consecutiveFailures = state.consecutiveFailures
        outcome.retryAfter = retryAfter
        let next = scheduler.next(
            after: outcome, configured: configuredInterval(source), current: state.interval, now: now,
            jitter: Double.random(in: 0...1))
        state.nextDue = next.due
        logger.warning(
            "source failed",
            metadata: [
                "source": "\(source.id)", "kind": "\(source.kind)", "url": "\(Redact.url(state.url ?? source.url))",
                "error": "\(Redact.text(message))", "failures": "\(state.consecutiveFailures)",
                "retry_in": "\(Int(next.due.timeIntervalSince(now)))s",
            ])
        return SourceOutcome(source: source.id, state: state, kind: .failed, bytes: 0)
    }
}

/// The result of polling one source.
struct SourceOutcome: Sendable {
    enum Kind: Sendable { case fetched, notModified, failed }
    var source: String
    var state: SourceState
    var kind: Kind
    var posts: [Post] = []
    var bytes: Int
    /// How long the transfer took, when there was a response.
    var duration: Duration?
}

extension CycleReport {
    mutating func add(_ outcome: SourceOutcome) {
        switch outcome.kind {
        case .fetched: fetched += 1
        case .notModified: notModified += 1
        case .failed: failed += 1
        }
        posts += outcome.posts.count
        bytes += outcome.bytes
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
