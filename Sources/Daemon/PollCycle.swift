import Curl
import EarshotCore
import Feeds
import Foundation
import Logging
import Routing
import Settings
import Store

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
    /// Posts per store transaction.
    public var batchSize = 5_000

    public init(snapshot: Snapshot, store: Store, engine: CurlEngine, logger: Logger) {
        self.snapshot = snapshot
        self.store = store
        self.engine = engine
        self.logger = logger
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
        var load = (try? store.loads(since: now.addingTimeInterval(-86_400))).map(Router.Load.init) ?? Router.Load()
        var pendingPosts: [Post] = []
        var pendingStates: [SourceState] = []

        await withTaskGroup(of: SourceOutcome.self) { group in
            for source in sources {
                let state = states[source.id] ?? SourceState(source: source.id)
                group.addTask { await poll(source, state: state) }
            }
            for await outcome in group {
                report.add(outcome)
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
        var overflow = 0
        var unclaimed = 0
        var full: [String: Int] = [:]
        do {
            let summary = try store.record(posts: posts, sources: states, now: now) { fresh in
                var assignments: [NewAssignment] = []
                for post in fresh {
                    for mention in snapshot.matcher.match(post) {
                        mentions += 1
                        let decision = snapshot.router.route(mention, load: &batchLoad)
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
                }
                return assignments
            }
            load = batchLoad
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
        var state = state
        let now = Date()
        state.lastAttempt = now
        let url = state.url ?? source.url
        let request = HTTPRequest(
            url: url, etag: state.etag, lastModified: state.lastModified, limits: snapshot.transferLimits)
        let interval = source.interval ?? snapshot.settings.daemon.pollInterval
        // Up to 10% of jitter, so that sources configured together drift apart instead of polling in lockstep.
        state.nextDue = now.addingTimeInterval(interval.seconds * Double.random(in: 1.0...1.1))
        switch await engine.perform(request) {
        case .failure(let error):
            return failed(source, state: state, status: nil, message: error.description)
        case .success(let response):
            state.lastStatus = response.status
            if response.status == 304 {
                succeeded(&state, response: response)
                logger.debug("not modified", metadata: ["source": "\(source.id)", "url": "\(url)"])
                return SourceOutcome(source: source.id, state: state, kind: .notModified, bytes: 0)
            }
            guard (200..<300).contains(response.status) else {
                return failed(source, state: state, status: response.status, message: "\(url): HTTP \(response.status)")
            }
            do {
                let feed = try parser.parse(
                    response.body, source: source.id, url: response.url, contentType: response.contentType)
                for skipped in feed.skipped {
                    logger.warning(
                        "item skipped", metadata: ["source": "\(source.id)", "url": "\(url)", "why": "\(skipped)"])
                }
                succeeded(&state, response: response)
                logger.debug(
                    "fetched",
                    metadata: [
                        "source": "\(source.id)", "url": "\(url)", "status": "\(response.status)",
                        "posts": "\(feed.posts.count)", "bytes": "\(response.body.count)",
                    ])
                return SourceOutcome(
                    source: source.id, state: state, kind: .fetched, posts: feed.posts, bytes: response.body.count)
            } catch {
                return failed(source, state: state, status: response.status, message: error.description)
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

    private func failed(_ source: SourceSettings, state: SourceState, status: Int?, message: String) -> SourceOutcome {
        var state = state
        state.lastStatus = status
        state.consecutiveFailures += 1
        state.lastError = message
        state.lastErrorAt = state.lastAttempt
        logger.warning(
            "source failed",
            metadata: [
                "source": "\(source.id)", "url": "\(state.url ?? source.url)", "error": "\(message)",
                "failures": "\(state.consecutiveFailures)",
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
