import Foundation
import GRDB

extension Store {
    /// Source-state columns for social sources: the API cursor and the settings it belongs to, the session or
    /// access token, and the last rate-limit reading.
    static func addSocialColumns(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE source_state ADD COLUMN cursor TEXT;
                ALTER TABLE source_state ADD COLUMN cursor_scope TEXT;
                ALTER TABLE source_state ADD COLUMN auth_token TEXT;
                ALTER TABLE source_state ADD COLUMN rate_limit_remaining REAL;
                ALTER TABLE source_state ADD COLUMN rate_limit_reset REAL;
                """)
    }
}

extension SourceState {
    mutating func readSocialColumns(_ row: Row) {
        cursor = row["cursor"]
        cursorScope = row["cursor_scope"]
        authToken = row["auth_token"]
        rateLimitRemaining = row["rate_limit_remaining"]
        rateLimitReset = (row["rate_limit_reset"] as Double?).map(Date.init(timeIntervalSince1970:))
    }

    /// Writes the social columns of a row that `upsert` has just written.
    func upsertSocialColumns(_ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE source_state SET cursor = ?, cursor_scope = ?, auth_token = ?, rate_limit_remaining = ?,
                    rate_limit_reset = ?
                WHERE source = ?
                """)
        try statement.execute(arguments: [
            cursor, cursorScope, authToken, rateLimitRemaining, rateLimitReset?.timeIntervalSince1970, source,
        ])
    }
}
