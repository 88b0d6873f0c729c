import EarshotCore
import Foundation
import GRDB

extension Store {
    /// Undelivered outbox rows, oldest first.
    public func pending(limit: Int = 100_000) throws(StoreError) -> [PendingDelivery] {
        try read("read outbox") { db in
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT outbox.id, outbox.channel, outbox.created_at, outbox.attempts,
                           assignment.ambassador, assignment.reason, assignment.mention
                    FROM outbox JOIN assignment ON assignment.id = outbox.assignment_id
                    WHERE outbox.delivered_at IS NULL
                    ORDER BY outbox.id LIMIT ?
                    """,
                arguments: [limit])
            return try rows.map { row in
                let json: String = row["mention"]
                return PendingDelivery(
                    id: row["id"], ambassador: row["ambassador"], channel: row["channel"],
                    mention: try decoder.decode(Mention.self, from: Data(json.utf8)), reason: row["reason"],
                    createdAt: Date(timeIntervalSince1970: row["created_at"]), attempts: row["attempts"])
            }
        }
    }

    /// Marks outbox rows delivered.
    public func markDelivered(_ ids: [Int64], at date: Date = Date()) throws(StoreError) {
        try write("mark delivered") { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_attempt_at = ? WHERE id = ?")
            for id in ids {
                try statement.execute(arguments: [date.timeIntervalSince1970, date.timeIntervalSince1970, id])
            }
        }
    }

    /// Records a failed delivery attempt; the rows stay pending.
    public func markFailed(_ ids: [Int64], error: String, at date: Date = Date()) throws(StoreError) {
        try write("mark failed") { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_attempt_at = ? WHERE id = ?")
            for id in ids {
                try statement.execute(arguments: [error, date.timeIntervalSince1970, id])
            }
        }
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
