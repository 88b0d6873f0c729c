import EarshotCore
import Foundation
import GRDB

extension Store {
    /// Undelivered rows that are not dead letters and whose retry time (if any) has come, oldest first;
    /// `ignoringBackoff` includes the rows waiting for a retry.
    public func deliverable(now: Date = Date(), ignoringBackoff: Bool = false, limit: Int = 1_000_000)
        throws(StoreError) -> [QueuedDelivery]
    {
        try deliverableRows(
            where: """
                outbox.delivered_at IS NULL AND outbox.dead_at IS NULL
                AND (? OR outbox.next_attempt_at IS NULL OR outbox.next_attempt_at <= ?) ORDER BY outbox.id LIMIT ?
                """,
            arguments: [ignoringBackoff, now.timeIntervalSince1970, limit])
    }

    /// The earliest retry time after `now` among rows waiting to be retried, if any.
    public func nextRetry(after now: Date) throws(StoreError) -> Date? {
        try read("read outbox") { db in
            try Double.fetchOne(
                db,
                sql: """
                    SELECT MIN(next_attempt_at) FROM outbox
                    WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at > ?
                    """,
                arguments: [now.timeIntervalSince1970]
            ).map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Marks rows delivered in the digest `deliveryID`.
    public func markDelivered(_ ids: [Int64], deliveryID: String, at date: Date) throws(StoreError) {
        try write("mark delivered") { db in
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_attempt_at = ?, delivery_id = ?,
                        next_attempt_at = NULL, claimed_until = NULL, claimed_by = NULL WHERE id = ?
                    """)
            for id in ids {
                try statement.execute(arguments: [
                    date.timeIntervalSince1970, date.timeIntervalSince1970, deliveryID, id,
                ])
            }
        }
    }

    /// Records a failed attempt of the digest `deliveryID`: each row is either scheduled for a retry or becomes a
    /// dead letter, as `outcome` decides from the row's first failure time.
    public func recordFailure(
        _ rows: [QueuedDelivery], deliveryID: String, error: String, at date: Date,
        outcome: (_ firstFailure: Date) -> FailureOutcome
    ) throws(StoreError) {
        try write("record failed delivery") { db in
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_attempt_at = ?, delivery_id = ?,
                        first_failure_at = ?, next_attempt_at = ?, dead_at = ?, claimed_until = NULL, claimed_by = NULL
                        WHERE id = ? AND delivered_at IS NULL
                    """)
            for row in rows {
                let first = row.firstFailureAt ?? date
                var retryAt: Double?
                var deadAt: Double?
                switch outcome(first) {
                case .retry(let at): retryAt = at.timeIntervalSince1970
                case .dead: deadAt = date.timeIntervalSince1970
                }
                try statement.execute(arguments: [
                    error, date.timeIntervalSince1970, deliveryID, first.timeIntervalSince1970, retryAt, deadAt, row.id,
                ])
            }
        }
    }

    /// Dead letters, oldest first.
    public func deadLetters(limit: Int = 1_000) throws(StoreError) -> [DeadLetter] {
        try read("read dead letters") { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT outbox.id, outbox.channel, outbox.attempts, outbox.last_error, outbox.dead_at,
                           assignment.ambassador, assignment.watch, assignment.mention
                    FROM outbox JOIN assignment ON assignment.id = outbox.assignment_id
                    WHERE outbox.delivered_at IS NULL AND outbox.dead_at IS NOT NULL
                    ORDER BY outbox.id LIMIT ?
                    """,
                arguments: [limit])
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            return rows.map { row in
                let json: String = row["mention"]
                let mention = try? decoder.decode(Mention.self, from: Data(json.utf8))
                return DeadLetter(
                    id: row["id"], ambassador: row["ambassador"], channel: row["channel"], watch: row["watch"],
                    title: mention?.post.title ?? "", url: mention?.post.url, attempts: row["attempts"],
                    error: row["last_error"] ?? "", deadAt: Date(timeIntervalSince1970: row["dead_at"]))
            }
        }
    }

    /// Puts a dead letter (or a row waiting for a retry) back in line for an attempt now. False when no
    /// undelivered row has this id.
    @discardableResult
    public func requeue(_ id: Int64) throws(StoreError) -> Bool {
        try write("requeue") { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET dead_at = NULL, next_attempt_at = NULL, first_failure_at = NULL
                    WHERE id = ? AND delivered_at IS NULL
                    """,
                arguments: [id])
            return db.changesCount > 0
        }
    }

    /// One outbox row, undelivered, whatever its retry state.
    public func queued(_ id: Int64) throws(StoreError) -> QueuedDelivery? {
        try deliverableRows(where: "outbox.id = ? AND outbox.delivered_at IS NULL", arguments: [id]).first
    }

    /// Undelivered rows matching `condition` (an SQL tail over `outbox` joined with `assignment`).
    func deliverableRows(where condition: String, arguments: StatementArguments) throws(StoreError)
        -> [QueuedDelivery]
    {
        try read("read outbox") { db in
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT outbox.id, outbox.channel, outbox.created_at, outbox.attempts, outbox.next_attempt_at,
                           outbox.first_failure_at, assignment.ambassador, assignment.reason, assignment.mention
                    FROM outbox JOIN assignment ON assignment.id = outbox.assignment_id
                    WHERE \(condition)
                    """,
                arguments: arguments)
            return try rows.map { row in
                let json: String = row["mention"]
                return QueuedDelivery(
                    id: row["id"], ambassador: row["ambassador"], channel: row["channel"],
                    mention: try decoder.decode(Mention.self, from: Data(json.utf8)), reason: row["reason"],
                    createdAt: Date(timeIntervalSince1970: row["created_at"]), attempts: row["attempts"],
                    nextAttemptAt: (row["next_attempt_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                    firstFailureAt: (row["first_failure_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
            }
        }
    }
}
