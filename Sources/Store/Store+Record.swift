import EarshotCore
import Foundation
import GRDB

extension Store {
    /// Records one poll batch atomically.
    ///
    /// Marks `posts` as seen, hands the ones never seen before to `assign` (which matches and routes them, and
    /// may read `loads`), writes its assignments and their outbox rows, and saves `sources`, all in one
    /// transaction. If anything throws, nothing is recorded and the same posts will be new again next time.
    @discardableResult
    public func record(
        posts: [Post], sources: [SourceState] = [], now: Date = Date(),
        assign: ([Post]) throws -> [NewAssignment]
    ) throws(StoreError) -> RecordSummary {
        try write("record poll batch") { db in
            var summary = RecordSummary()
            let insertSeen = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO seen (source, post_id, seen_at) VALUES (?, ?, ?)")
            var fresh: [Post] = []
            var keys = Set<PostKey>()
            for post in posts {
                // The same post twice in one batch (a feed listing an item twice) is still one post.
                guard keys.insert(PostKey(source: post.source, id: post.id)).inserted else { continue }
                try insertSeen.execute(arguments: [post.source, post.id, now.timeIntervalSince1970])
                if db.changesCount > 0 { fresh.append(post) }
            }
            summary.newPosts = fresh.count
            let assignments = try assign(fresh)
            try insert(assignments, db: db, now: now, summary: &summary)
            for state in sources { try state.upsert(db) }
            return summary
        }
    }

    /// Writes assignments and their outbox rows (one per channel).
    func insert(_ assignments: [NewAssignment], db: Database, now: Date, summary: inout RecordSummary) throws {
        guard !assignments.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let insertAssignment = try db.cachedStatement(
            sql: """
                INSERT INTO assignment (ambassador, watch, source, post_id, reason, mention, assigned_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        let insertOutbox = try db.cachedStatement(
            sql: "INSERT INTO outbox (assignment_id, channel, created_at) VALUES (?, ?, ?)")
        for assignment in assignments {
            let mention = assignment.mention
            let json = String(decoding: try encoder.encode(mention), as: UTF8.self)
            try insertAssignment.execute(arguments: [
                assignment.ambassador, mention.watch, mention.post.source, mention.post.id, assignment.reason, json,
                now.timeIntervalSince1970,
            ])
            let assignmentID = db.lastInsertedRowID
            summary.assignments += 1
            for channel in assignment.channels {
                try insertOutbox.execute(arguments: [assignmentID, channel, now.timeIntervalSince1970])
                summary.outboxRows += 1
            }
        }
    }

    /// Mentions assigned to each ambassador since `since`: the load that capacity is measured against.
    public func loads(since: Date) throws(StoreError) -> [String: Int] {
        try read("read loads") { db in
            var loads: [String: Int] = [:]
            let rows = try Row.fetchAll(
                db, sql: "SELECT ambassador, COUNT(*) AS n FROM assignment WHERE assigned_at >= ? GROUP BY ambassador",
                arguments: [since.timeIntervalSince1970])
            for row in rows { loads[row["ambassador"]] = row["n"] }
            return loads
        }
    }

    /// Whether `(source, id)` has been recorded as seen.
    public func hasSeen(source: String, id: String) throws(StoreError) -> Bool {
        try read("read seen") { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM seen WHERE source = ? AND post_id = ?)",
                arguments: [source, id]) ?? false
        }
    }

    /// Forgets seen posts and delivered outbox rows older than `before`. Undelivered rows are never pruned.
    @discardableResult
    public func prune(before: Date) throws(StoreError) -> (seen: Int, assignments: Int) {
        try write("prune") { db in
            let cutoff = before.timeIntervalSince1970
            try db.execute(sql: "DELETE FROM seen WHERE seen_at < ?", arguments: [cutoff])
            let seen = db.changesCount
            try db.execute(
                sql: """
                    DELETE FROM assignment WHERE assigned_at < ?
                    AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.assignment_id = assignment.id
                                    AND outbox.delivered_at IS NULL)
                    """,
                arguments: [cutoff])
            let assignments = db.changesCount
            try db.execute(
                sql: "DELETE FROM outbox WHERE assignment_id NOT IN (SELECT id FROM assignment)")
            return (seen, assignments)
        }
    }
}

private struct PostKey: Hashable {
    var source: String
    var id: String
}
