import Delivery
import EarshotCore
import Foundation
import Logging
import Store
import Telemetry

/// Turns due outbox rows into digests, one per ambassador per channel, and delivers them.
///
/// A row is due when its ambassador's digest schedule says so (at once for `immediate` or an urgent watch),
/// never inside their quiet hours, and not before its retry time. Channels run concurrently; a failing channel
/// only fails its own digests. A transient failure schedules a retry with exponential backoff and jitter (or the
/// receiver's `Retry-After`); a permanent one, or 24 hours of failures, makes the rows dead letters that
/// `earshot redeliver` puts back. Rows are marked delivered only after their channel accepted the digest, so a
/// crash in between means the digest goes out once more (with the same id), never a loss.
public struct Deliverer: Sendable {
    public let snapshot: Snapshot
    public let store: Store
    public let logger: Logger
    public var retryPolicy = RetryPolicy()
    /// Picks the jitter of each retry, in 0..<1 (injected for tests).
    public var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

    public init(snapshot: Snapshot, store: Store, logger: Logger) {
        self.snapshot = snapshot
        self.store = store
        self.logger = logger
    }

    /// Delivers every row that is due at `now`. `retryingNow` (for `earshot poll --once`, a pass an operator
    /// asked for) also tries the rows waiting out a retry backoff; dead letters still need `redeliver`.
    public func deliverPending(now: Date = Date(), retryingNow: Bool = false) async -> DeliveryReport {
        var report = DeliveryReport()
        let rows: [QueuedDelivery]
        do {
            rows = try store.deliverable(now: now, ignoringBackoff: retryingNow)
        } catch {
            logger.error("cannot read the outbox", metadata: ["error": "\(error)"])
            return report
        }
        var due: [QueuedDelivery] = []
        for row in rows {
            let at = Self.slot(of: row, snapshot: snapshot, now: now)
            if at <= now {
                due.append(row)
            } else {
                report.held += 1
                report.nextWake = min(report.nextWake ?? at, at)
            }
        }
        await deliver(due, now: now, report: &report)
        if let retry = try? store.nextRetry(after: now) {
            report.nextWake = min(report.nextWake ?? retry, retry)
        }
        return report
    }

    /// When `row` goes out by its ambassador's schedule: its digest slot (at once for an urgent watch), not inside
    /// quiet hours, and not before `now`'s quiet hours end.
    static func slot(of row: QueuedDelivery, snapshot: Snapshot, now: Date) -> Date {
        let planner = snapshot.planner(for: row.ambassador)
        let urgent = snapshot.urgentWatches.contains(row.mention.watch)
        return max(planner.due(assignedAt: row.createdAt, urgent: urgent), planner.releaseFromQuietHours(now))
    }

    /// Each ambassador's next digest, for `earshot status`: when the earliest of their waiting mentions goes out
    /// (by schedule and quiet hours, or a retry's backoff when that is later), and how many mentions wait.
    /// Dead letters are not counted (they wait for `earshot redeliver`).
    public static func nextDigests(snapshot: Snapshot, store: Store, now: Date) throws(StoreError) -> [String: (
        at: Date, waiting: Int
    )] {
        var next: [String: (at: Date, waiting: Int)] = [:]
        for row in try store.deliverable(now: now, ignoringBackoff: true) {
            var at = slot(of: row, snapshot: snapshot, now: now)
            if let retry = row.nextAttemptAt, retry > at { at = retry }
            let earlier = next[row.ambassador]
            next[row.ambassador] = (min(earlier?.at ?? at, at), (earlier?.waiting ?? 0) + 1)
        }
        return next
    }

    /// Puts outbox rows (dead letters, or rows waiting for a retry or a digest slot) back in line and delivers
    /// them at once, whatever the schedule. Returns the report and the ids that are not undelivered rows.
    public func redeliver(_ ids: [Int64], now: Date = Date()) async -> (DeliveryReport, unknown: [Int64]) {
        var report = DeliveryReport()
        var rows: [QueuedDelivery] = []
        var unknown: [Int64] = []
        for id in ids {
            do {
                if try store.requeue(id), let row = try store.queued(id) {
                    rows.append(row)
                } else {
                    unknown.append(id)
                }
            } catch {
                logger.error("cannot requeue", metadata: ["id": "\(id)", "error": "\(error)"])
                unknown.append(id)
            }
        }
        await deliver(rows, now: now, report: &report)
        return (report, unknown)
    }

    /// How long a pass holds the rows it is sending (see ``Store/claim(_:until:now:by:isAlive:)``): longer than
    /// any send takes (libcurl's timeouts are shorter); the claim of a process that died is void sooner.
    static let claimLease: TimeInterval = 600

    /// One digest per (ambassador, channel) of `rows`, delivered concurrently; outcomes recorded. Only the rows
    /// this pass claims are sent: another process delivering some of them keeps them.
    private func deliver(_ rows: [QueuedDelivery], now: Date, report: inout DeliveryReport) async {
        guard !rows.isEmpty else { return }
        let claimed: Set<Int64>
        do {
            claimed = try store.claim(rows.map(\.id), until: now.addingTimeInterval(Self.claimLease), now: now)
        } catch {
            logger.error("cannot claim outbox rows; nothing sent this pass", metadata: ["error": "\(error)"])
            return
        }
        if claimed.count < rows.count {
            report.claimedElsewhere += rows.count - claimed.count
            logger.info(
                "outbox rows left to the process delivering them",
                metadata: ["rows": "\(rows.count - claimed.count)"])
        }
        let rows = rows.filter { claimed.contains($0.id) }
        guard !rows.isEmpty else { return }
        var groups: [GroupKey: [QueuedDelivery]] = [:]
        var order: [GroupKey] = []
        for row in rows {
            let key = GroupKey(ambassador: row.ambassador, channel: row.channel)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }

        var jobs: [(digest: Digest, channel: any Channel, rows: [QueuedDelivery])] = []
        for key in order {
            let rows = groups[key]!
            guard let recipient = snapshot.recipients[key.ambassador], let channel = snapshot.channels[key.channel]
            else {
                report.stranded += rows.count
                logger.warning(
                    "outbox rows wait for an ambassador or channel that is not configured",
                    metadata: ["ambassador": "\(key.ambassador)", "channel": "\(key.channel)", "rows": "\(rows.count)"])
                continue
            }
            let digest = Digest(
                id: Digest.id(outboxIDs: rows.map(\.id)), recipient: recipient,
                items: rows.map {
                    Digest.Item(
                        mention: $0.mention, reason: $0.reason,
                        urgent: snapshot.urgentWatches.contains($0.mention.watch))
                }, createdAt: now)
            jobs.append((digest, channel, rows))
        }

        await withTaskGroup(of: (Int, DeliveryError?).self) { group in
            for (index, job) in jobs.enumerated() {
                group.addTask {
                    do throws(DeliveryError) {
                        try await job.channel.deliver(job.digest)
                        return (index, nil)
                    } catch {
                        return (index, error)
                    }
                }
            }
            for await (index, error) in group {
                let job = jobs[index]
                let metadata: Logger.Metadata = [
                    "ambassador": "\(job.digest.recipient.id)", "channel": "\(job.channel.id)",
                    "mentions": "\(job.rows.count)", "digest": "\(job.digest.id)",
                ]
                if let error {
                    report.failedDigests += 1
                    recordFailure(
                        job.rows, digest: job.digest.id, error: error, now: now, metadata: metadata,
                        report: &report)
                } else {
                    do {
                        try store.markDelivered(job.rows.map(\.id), deliveryID: job.digest.id, at: now)
                        report.digests += 1
                        report.delivered += job.rows.count
                        EarshotMetrics.delivery(channel: job.channel.id, outcome: "delivered", mentions: job.rows.count)
                        logger.info("digest delivered", metadata: metadata)
                    } catch {
                        logger.error(
                            "digest delivered but not recorded; it may be delivered again",
                            metadata: metadata.merging(["error": "\(error)"]) { $1 })
                    }
                }
            }
        }
    }

    private func recordFailure(
        _ rows: [QueuedDelivery], digest: String, error: DeliveryError, now: Date, metadata: Logger.Metadata,
        report: inout DeliveryReport
    ) {
        let failures = (rows.map(\.attempts).max() ?? 0) + 1
        let policy = retryPolicy
        let jitter = random()
        var dead = 0
        var nextAttempt: Date?
        do {
            try store.recordFailure(rows, deliveryID: digest, error: error.description, at: now) { first in
                if let next = policy.nextAttempt(
                    after: error, failures: failures, firstFailure: first, now: now, random: jitter)
                {
                    nextAttempt = next
                    return .retry(at: next)
                }
                dead += 1
                return .dead
            }
        } catch {
            logger.error("cannot record the failed delivery", metadata: ["error": "\(error)"])
            return
        }
        report.deadLettered += dead
        let channel = rows.first?.channel ?? ""
        if dead > 0 { EarshotMetrics.delivery(channel: channel, outcome: "dead", mentions: dead) }
        if rows.count > dead {
            EarshotMetrics.delivery(channel: channel, outcome: "retry", mentions: rows.count - dead)
        }
        if dead > 0 {
            logger.error(
                error.transient
                    ? "delivery still failing after \(Int(policy.giveUpAfter / 3600)) hours; dead letters"
                    : "delivery failed permanently; dead letters",
                metadata: metadata.merging(["error": "\(error)", "dead": "\(dead)"]) { $1 })
        }
        if let nextAttempt {
            logger.warning(
                "delivery failed; will retry",
                metadata: metadata.merging([
                    "error": "\(error)", "retry_in": "\(Int(nextAttempt.timeIntervalSince(now).rounded()))s",
                ]) { $1 })
        }
    }
}

private struct GroupKey: Hashable {
    var ambassador: String
    var channel: String
}
