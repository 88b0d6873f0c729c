import Delivery
import Foundation
import Logging
import Store

/// Turns pending outbox rows into digests, one per ambassador per channel, and delivers them.
///
/// Channels run concurrently; a failing channel only fails its own digests, whose rows stay pending (with the
/// error recorded) for the next pass. Rows are marked delivered only after their channel accepted the digest, so
/// a crash in between means a duplicate, never a loss.
public struct Deliverer: Sendable {
    public let snapshot: Snapshot
    public let store: Store
    public let logger: Logger

    public init(snapshot: Snapshot, store: Store, logger: Logger) {
        self.snapshot = snapshot
        self.store = store
        self.logger = logger
    }

    /// Delivers everything pending.
    public func deliverPending(now: Date = Date()) async -> DeliveryReport {
        var report = DeliveryReport()
        let pending: [PendingDelivery]
        do {
            pending = try store.pending()
        } catch {
            logger.error("cannot read the outbox", metadata: ["error": "\(error)"])
            return report
        }
        guard !pending.isEmpty else { return report }

        var groups: [GroupKey: [PendingDelivery]] = [:]
        var order: [GroupKey] = []
        for row in pending {
            let key = GroupKey(ambassador: row.ambassador, channel: row.channel)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }

        var jobs: [(digest: Digest, channel: any Channel, rows: [Int64])] = []
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
            let ids = rows.map(\.id)
            let digest = Digest(
                id: Digest.id(outboxIDs: ids), recipient: recipient,
                items: rows.map { Digest.Item(mention: $0.mention, reason: $0.reason) }, createdAt: now)
            jobs.append((digest, channel, ids))
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
                    logger.warning(
                        "delivery failed; will retry", metadata: metadata.merging(["error": "\(error)"]) { $1 })
                    do {
                        try store.markFailed(job.rows, error: error.description, at: now)
                    } catch {
                        logger.error("cannot record the failed delivery", metadata: ["error": "\(error)"])
                    }
                } else {
                    do {
                        try store.markDelivered(job.rows, at: now)
                        report.digests += 1
                        report.delivered += job.rows.count
                        logger.info("digest delivered", metadata: metadata)
                    } catch {
                        logger.error(
                            "digest delivered but not marked; it will be sent again",
                            metadata: metadata.merging(["error": "\(error)"]) { $1 })
                    }
                }
            }
        }
        return report
    }
}

private struct GroupKey: Hashable {
    var ambassador: String
    var channel: String
}
