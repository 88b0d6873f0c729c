import Foundation
import GRDB

/// What `earshot status` shows per ambassador, and what routing reads: loads in the capacity windows.
public struct AmbassadorLoads: Sendable, Equatable {
    /// Assignments per ambassador in the last 24 hours.
    public var day: [String: Int] = [:]
    /// Assignments per ambassador in the last 7 days.
    public var week: [String: Int] = [:]
    /// The latest assignment per ambassador.
    public var lastAssigned: [String: Date] = [:]
    /// Mentions that went to the fallback in the last 24 hours, by reason (`overflow`, `unclaimed`).
    public var toFallback: [String: Int] = [:]
}

extension Store {
    /// Loads at `now`: per ambassador over the last day and week, when last assigned, and fallback reasons.
    public func ambassadorLoads(now: Date = Date()) throws(StoreError) -> AmbassadorLoads {
        try read("read loads") { db in
            var loads = AmbassadorLoads()
            let day = now.addingTimeInterval(-86_400).timeIntervalSince1970
            let week = now.addingTimeInterval(-7 * 86_400).timeIntervalSince1970
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT ambassador, SUM(assigned_at >= ?) AS day, COUNT(*) AS week, MAX(assigned_at) AS last
                    FROM assignment WHERE assigned_at >= ? GROUP BY ambassador
                    """,
                arguments: [day, week])
            for row in rows {
                let id: String = row["ambassador"]
                loads.day[id] = row["day"]
                loads.week[id] = row["week"]
                loads.lastAssigned[id] = Date(timeIntervalSince1970: row["last"])
            }
            let reasons = try Row.fetchAll(
                db,
                sql: """
                    SELECT reason, COUNT(*) AS n FROM assignment
                    WHERE assigned_at >= ? AND reason IN ('overflow', 'unclaimed') GROUP BY reason
                    """,
                arguments: [day])
            for row in reasons { loads.toFallback[row["reason"]] = row["n"] }
            return loads
        }
    }

    /// Undelivered rows that are dead letters.
    public func deadLetterCount() throws(StoreError) -> Int {
        try read("count dead letters") { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND dead_at IS NOT NULL") ?? 0
        }
    }
}
