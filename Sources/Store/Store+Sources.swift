import Foundation
import GRDB

extension Store {
    /// Every source's remembered state, by source id.
    public func sourceStates() throws(StoreError) -> [String: SourceState] {
        try read("read source states") { db in
            var states: [String: SourceState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM source_state") {
                let state = SourceState(row: row)
                states[state.source] = state
            }
            return states
        }
    }

    /// Saves source states (validators, health) on their own, outside a poll batch.
    public func save(_ states: [SourceState]) throws(StoreError) {
        try write("save source states") { db in
            for state in states { try state.upsert(db) }
        }
    }
}

extension SourceState {
    init(row: Row) {
        self.init(source: row["source"])
        url = row["url"]
        etag = row["etag"]
        lastModified = row["last_modified"]
        lastAttempt = (row["last_attempt"] as Double?).map(Date.init(timeIntervalSince1970:))
        lastSuccess = (row["last_success"] as Double?).map(Date.init(timeIntervalSince1970:))
        lastStatus = row["last_status"]
        lastError = row["last_error"]
        lastErrorAt = (row["last_error_at"] as Double?).map(Date.init(timeIntervalSince1970:))
        consecutiveFailures = row["consecutive_failures"]
        nextDue = (row["next_due"] as Double?).map(Date.init(timeIntervalSince1970:))
        configuredURL = row["configured_url"]
        interval = row["interval"]
        goneURL = row["gone_url"]
        ttl = row["ttl"]
        skipHours = Set(columnText: row["skip_hours"])
        skipDays = Set(columnText: row["skip_days"])
        readSocialColumns(row)
    }

    func upsert(_ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO source_state (source, url, etag, last_modified, last_attempt, last_success, last_status,
                    last_error, last_error_at, consecutive_failures, next_due, configured_url, interval, gone_url, ttl,
                    skip_hours, skip_days)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(source) DO UPDATE SET url = excluded.url, etag = excluded.etag,
                    last_modified = excluded.last_modified, last_attempt = excluded.last_attempt,
                    last_success = excluded.last_success, last_status = excluded.last_status,
                    last_error = excluded.last_error, last_error_at = excluded.last_error_at,
                    consecutive_failures = excluded.consecutive_failures, next_due = excluded.next_due,
                    configured_url = excluded.configured_url, interval = excluded.interval,
                    gone_url = excluded.gone_url, ttl = excluded.ttl, skip_hours = excluded.skip_hours,
                    skip_days = excluded.skip_days
                """)
        try statement.execute(arguments: [
            source, url, etag, lastModified, lastAttempt?.timeIntervalSince1970, lastSuccess?.timeIntervalSince1970,
            lastStatus, lastError, lastErrorAt?.timeIntervalSince1970, consecutiveFailures,
            nextDue?.timeIntervalSince1970, configuredURL, interval, goneURL, ttl, skipHours.columnText,
            skipDays.columnText,
        ])
        try upsertSocialColumns(db)
    }
}
