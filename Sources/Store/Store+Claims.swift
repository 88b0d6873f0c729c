import Foundation
import GRDB

extension Store {
    /// Outbox columns for claims: `claimed_until`, the end of the lease a delivery pass took on a row before
    /// sending it, and `claimed_by`, the process that took it, so that two processes on one database (the daemon,
    /// and `earshot redeliver` or `earshot poll --once` beside it) never send the same row twice.
    static func addClaimColumns(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE outbox ADD COLUMN claimed_until REAL;
                ALTER TABLE outbox ADD COLUMN claimed_by INTEGER;
                """)
    }

    /// This process, as a claimant.
    public static var thisProcess: Int64 { Int64(getpid()) }

    /// Whether process `pid` is running on this machine (a claim of a process that died is void).
    public static func processIsAlive(_ pid: Int64) -> Bool {
        guard pid > 0, pid <= Int64(Int32.max) else { return false }
        return kill(pid_t(pid), 0) == 0 || errno == EPERM
    }

    /// Claims for `claimant` the undelivered rows `ids` that no other running process holds a lease on at `now`,
    /// until `until`; returns those claimed. One write transaction: of two passes that race for a row, one gets
    /// it. Recording the outcome (``markDelivered(_:deliveryID:at:)``,
    /// ``recordFailure(_:deliveryID:error:at:outcome:)``) ends the lease; the lease of a process that died (killed
    /// while sending) is void at once, and any lease ends at `until`.
    public func claim(
        _ ids: [Int64], until: Date, now: Date, by claimant: Int64 = Store.thisProcess,
        isAlive: (Int64) -> Bool = Store.processIsAlive
    ) throws(StoreError) -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return try write("claim outbox rows") { db in
            // Rows under another process's lease: taken over only if that process is gone.
            var held: Set<Int64> = []
            for id in ids {
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT claimed_by FROM outbox
                        WHERE id = ? AND claimed_until > ? AND claimed_by IS NOT NULL AND claimed_by != ?
                        """,
                    arguments: [id, now.timeIntervalSince1970, claimant])
                if let row, let holder = row["claimed_by"] as Int64?, isAlive(holder) { held.insert(id) }
            }
            let statement = try db.cachedStatement(
                sql: "UPDATE outbox SET claimed_until = ?, claimed_by = ? WHERE id = ? AND delivered_at IS NULL")
            var claimed: Set<Int64> = []
            for id in ids where !held.contains(id) {
                try statement.execute(arguments: [until.timeIntervalSince1970, claimant, id])
                if db.changesCount > 0 { claimed.insert(id) }
            }
            return claimed
        }
    }
}
