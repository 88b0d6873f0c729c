import Curl
import Foundation
import Logging
import Settings
import Store
import Telemetry

/// Sends `WATCHDOG=1` from the main loop at half of `$WATCHDOG_USEC`: if the loop stops turning, systemd notices.
struct Watchdog {
    let notifier: SystemdNotifier
    var last = ContinuousClock.now

    /// `timeout`, shortened so that the loop wakes in time for the next ping.
    func bound(_ timeout: Duration) -> Duration {
        guard let interval = notifier.watchdogInterval else { return timeout }
        return min(timeout, max(.milliseconds(10), last + interval - .now))
    }

    mutating func tick() {
        guard let interval = notifier.watchdogInterval, ContinuousClock.now >= last + interval else { return }
        notifier.watchdog()
        last = .now
    }
}

/// The long-running service: polls each source on its interval, delivers digests after each cycle, reloads the
/// config on SIGHUP (keeping the old one when the new one is invalid) and stops cleanly on SIGTERM/SIGINT.
public struct Daemon: Sendable {
    public let configPath: String
    public let logger: Logger
    public let notifier: SystemdNotifier
    /// A snapshot the caller already loaded from `configPath`, used for the first start instead of loading again.
    public let preloaded: Snapshot?
    /// How long a stopping daemon lets the cycle in hand finish before it cancels the remaining transfers.
    public var stopGrace: Duration = .seconds(8)

    public init(
        configPath: String, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(), snapshot: Snapshot? = nil
    ) {
        self.configPath = configPath
        self.logger = logger
        self.notifier = notifier
        self.preloaded = snapshot
    }

    /// Loads the config and opens the store, or logs why not.
    func start() -> (Snapshot, Store)? {
        let snapshot: Snapshot
        do throws(ConfigErrors) {
            if let preloaded {
                snapshot = preloaded
            } else {
                snapshot = try Snapshot.load(path: configPath)
            }
        } catch {
            for problem in error.errors { logger.error("invalid config", metadata: ["problem": "\(problem)"]) }
            return nil
        }
        do {
            return (snapshot, try Store(path: snapshot.databasePath))
        } catch {
            logger.error("cannot open the state database", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// One cycle over every source, then one delivery pass. Nil when the config or the store is unusable.
    public func pollOnce() async -> (CycleReport, DeliveryReport)? {
        guard let (snapshot, store) = start() else { return nil }
        let engine = CurlEngine(configuration: snapshot.engineConfiguration)
        defer { engine.shutdown() }
        let cycle = PollCycle(snapshot: snapshot, store: store, engine: engine, logger: logger)
        let report = await cycle.run(snapshot.settings.sources)
        let delivery = await Deliverer(snapshot: snapshot, store: store, logger: logger).deliverPending(
            retryingNow: true)
        return (report, delivery)
    }

    /// Runs until SIGTERM or SIGINT. Returns the process exit status: 0 after a clean stop, 1 when it could not
    /// start.
    public func run() async -> Int32 {
        guard var (snapshot, store) = start() else { return 1 }
        var engine = CurlEngine(configuration: snapshot.engineConfiguration)
        let events = EventQueue()
        let signals = SignalEvents(posting: events)
        defer {
            signals.cancel()
            engine.shutdown()
        }
        var due = dueDates(for: snapshot, store: store)
        var lastPrune = Date.distantPast
        // When held digests or retries fall due between poll cycles (see `Deliverer`); at start, at once, so that
        // what a previous run left in the outbox goes out even when no source is due.
        var nextDelivery: Date? = .distantPast
        var watchdog = Watchdog(notifier: notifier)
        let health = Health(grace: max(120, snapshot.settings.daemon.timeout.seconds * 2 + 30))
        let telemetry = startTelemetry(snapshot, health: health)
        defer { telemetry?.cancel() }
        notifier.ready(status: "polling \(snapshot.settings.sources.count) sources")
        logger.info(
            "started",
            metadata: [
                "config": "\(configPath)", "sources": "\(snapshot.settings.sources.count)",
                "watches": "\(snapshot.settings.watches.count)",
                "ambassadors": "\(snapshot.settings.ambassadors.count)", "state": "\(store.path)",
            ])

        while true {
            let now = Date()
            if now.timeIntervalSince(lastPrune) > 3600 {
                prune(store, snapshot: snapshot, now: now)
                lastPrune = now
            }
            let dueSources = snapshot.settings.sources.filter { (due[$0.id] ?? .distantPast) <= now }
            var reloadRequested = false
            var terminating = false
            if !dueSources.isEmpty {
                let cycle = PollCycle(snapshot: snapshot, store: store, engine: engine, logger: logger)
                let deliverer = Deliverer(snapshot: snapshot, store: store, logger: logger)
                let task = Task {
                    let report = await cycle.run(dueSources)
                    let delivery = await deliverer.deliverPending()
                    events.post(.cycleFinished)
                    return (report, delivery)
                }
                var deadline: ContinuousClock.Instant?
                waiting: while true {
                    let timeout = watchdog.bound(deadline.map { max(.zero, $0 - .now) } ?? .seconds(3600))
                    let event = await events.next(timeout: timeout)
                    watchdog.tick()
                    switch event {
                    case .cycleFinished: break waiting
                    case .reload: reloadRequested = true
                    case .terminate:
                        if !terminating { notifier.stopping() }
                        terminating = true
                        deadline = deadline ?? .now + stopGrace
                        logger.notice("stopping after the cycle in hand", metadata: ["grace": "\(stopGrace)"])
                    case nil:
                        if let deadline, deadline <= .now {
                            logger.warning("cycle still running at the stop deadline; cancelling it")
                            task.cancel()
                        }
                    }
                }
                let (report, delivery) = await task.value
                nextDelivery = delivery.nextWake
                EarshotMetrics.cycle(duration: report.duration)
                if let statistics = try? store.statistics() { EarshotMetrics.outboxDepth(pending: statistics.pending) }
                notifier.status("last cycle: \(report.summary); delivered \(delivery.summary)")
                logger.info(
                    "cycle done",
                    metadata: [
                        "summary": "\(report.summary)", "delivery": "\(delivery.summary)",
                        "seconds": "\(String(format: "%.2f", report.duration.seconds))",
                    ])
                let next = dueDates(for: snapshot, store: store)
                let finished = Date()
                for source in dueSources {
                    // A source whose batch could not be stored keeps its old due date: retry after its interval
                    // (at most a minute), not in a tight loop.
                    let interval = min(60, (source.interval ?? snapshot.settings.daemon.pollInterval).seconds)
                    let stored = next[source.id] ?? .distantPast
                    due[source.id] = stored > finished ? stored : finished.addingTimeInterval(interval)
                }
                health.cycleFinished(nextDue: snapshot.settings.sources.compactMap { due[$0.id] }.min())
            } else if let wake = nextDelivery, wake <= now {
                // Held digests or retries due between cycles: delivered like a cycle's pass, and cancelled the same
                // way when a stop outlasts the grace period (the rows stay pending).
                let deliverer = Deliverer(snapshot: snapshot, store: store, logger: logger)
                let task = Task {
                    let delivery = await deliverer.deliverPending()
                    events.post(.cycleFinished)
                    return delivery
                }
                var stopAt: ContinuousClock.Instant?
                delivering: while true {
                    let timeout = watchdog.bound(stopAt.map { max(.zero, $0 - .now) } ?? .seconds(3600))
                    let event = await events.next(timeout: timeout)
                    watchdog.tick()
                    switch event {
                    case .cycleFinished: break delivering
                    case .reload: reloadRequested = true
                    case .terminate:
                        if !terminating { notifier.stopping() }
                        terminating = true
                        stopAt = stopAt ?? .now + stopGrace
                    case nil:
                        if let stopAt, stopAt <= .now { task.cancel() }
                    }
                }
                let delivery = await task.value
                nextDelivery = delivery.nextWake
                if delivery.digests + delivery.failedDigests > 0 {
                    logger.info("scheduled delivery done", metadata: ["delivery": "\(delivery.summary)"])
                }
            } else {
                var nextDue = snapshot.settings.sources.compactMap { due[$0.id] }.min() ?? now.addingTimeInterval(3600)
                if let wake = nextDelivery { nextDue = min(nextDue, wake) }
                let wait = watchdog.bound(.seconds(max(0.05, min(3600, nextDue.timeIntervalSince(now)))))
                let event = await events.next(timeout: wait)
                watchdog.tick()
                switch event {
                case .reload: reloadRequested = true
                case .terminate:
                    notifier.stopping()
                    terminating = true
                case .cycleFinished, nil: break
                }
            }
            if terminating { break }
            guard reloadRequested else { continue }
            notifier.reloading()
            defer { notifier.ready(status: "polling \(snapshot.settings.sources.count) sources") }
            if let reloaded = reload(current: snapshot) {
                if reloaded.engineConfiguration != snapshot.engineConfiguration {
                    engine.shutdown()
                    engine = CurlEngine(configuration: reloaded.engineConfiguration)
                }
                if reloaded.databasePath != snapshot.databasePath {
                    do {
                        store = try Store(path: reloaded.databasePath)
                    } catch {
                        logger.error("config rejected: cannot open its state database", metadata: ["error": "\(error)"])
                        continue
                    }
                }
                snapshot = reloaded
                let fresh = dueDates(for: snapshot, store: store)
                for source in snapshot.settings.sources where due[source.id] == nil {
                    due[source.id] = fresh[source.id]
                }
            }
        }
        logger.notice("stopped")
        return 0
    }

    /// Serves `/metrics` and `/healthz` when `[daemon] listen` is set; the task ends when cancelled.
    func startTelemetry(_ snapshot: Snapshot, health: Health) -> Task<Void, Never>? {
        guard let listen = snapshot.settings.daemon.listen, let address = ListenAddress(listen) else { return nil }
        let server = TelemetryServer(
            host: address.host, port: address.port, registry: MetricsBootstrap.registry, health: health,
            logger: logger)
        let logger = logger
        return Task {
            do {
                try await server.run { port in
                    logger.info("serving /metrics and /healthz", metadata: ["listen": "\(address.host):\(port)"])
                }
            } catch {
                logger.error("metrics endpoint failed", metadata: ["listen": "\(listen)", "error": "\(error)"])
            }
        }
    }

    /// Reads the config again; nil (and the reasons logged) when it is invalid.
    func reload(current: Snapshot) -> Snapshot? {
        do {
            let snapshot = try Snapshot.load(path: configPath)
            EarshotMetrics.reload(outcome: "ok")
            if snapshot.settings.daemon.listen != current.settings.daemon.listen {
                logger.warning("`listen` changed; the metrics endpoint moves only after a restart")
            }
            logger.notice(
                "config reloaded",
                metadata: [
                    "sources": "\(snapshot.settings.sources.count)", "watches": "\(snapshot.settings.watches.count)",
                    "ambassadors": "\(snapshot.settings.ambassadors.count)",
                ])
            return snapshot
        } catch {
            EarshotMetrics.reload(outcome: "rejected")
            logger.error(
                "config rejected; keeping the previous one", metadata: ["problems": "\(error.errors.count)"])
            for problem in error.errors { logger.error("invalid config", metadata: ["problem": "\(problem)"]) }
            return nil
        }
    }

    /// When each source is next due: its stored due date, or now for a source never polled.
    func dueDates(for snapshot: Snapshot, store: Store) -> [String: Date] {
        let states = (try? store.sourceStates()) ?? [:]
        var due: [String: Date] = [:]
        for source in snapshot.settings.sources {
            due[source.id] = states[source.id]?.nextDue ?? .distantPast
        }
        return due
    }

    func prune(_ store: Store, snapshot: Snapshot, now: Date) {
        do {
            let pruned = try store.prune(before: now.addingTimeInterval(-snapshot.settings.daemon.retention.seconds))
            if pruned.seen + pruned.assignments > 0 {
                logger.info("pruned", metadata: ["posts": "\(pruned.seen)", "assignments": "\(pruned.assignments)"])
            }
        } catch {
            logger.error("prune failed", metadata: ["error": "\(error)"])
        }
    }
}
