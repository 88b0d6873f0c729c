import EarshotCore
import Foundation
import GRDB

extension Store {
    /// Every undelivered outbox row (due, waiting for a retry or a dead letter), oldest first.
    public func pending(limit: Int = 100_000) throws(StoreError) -> [QueuedDelivery] {
        try deliverableRows(where: "outbox.delivered_at IS NULL ORDER BY outbox.id LIMIT ?", arguments: [limit])
    }

    /// Counts for `earshot status`.
    public func statistics() throws(StoreError) -> StoreStatistics {
        try read("read statistics") { db in
            StoreStatistics(
                seenPosts: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM seen") ?? 0,
                pending: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL") ?? 0,
                delivered: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NOT NULL")
                    ?? 0,
                failing: try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND attempts > 0") ?? 0)
        }
    }
}
