import GRDB

extension Store {
    /// Source-state columns for polite polling: the configured URL (to notice config changes), the adapted
    /// interval, 410 Gone, and the feed's own caching hints.
    static func addPollingColumns(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE source_state ADD COLUMN configured_url TEXT;
                ALTER TABLE source_state ADD COLUMN interval REAL;
                ALTER TABLE source_state ADD COLUMN gone_url TEXT;
                ALTER TABLE source_state ADD COLUMN ttl REAL;
                ALTER TABLE source_state ADD COLUMN skip_hours TEXT NOT NULL DEFAULT '';
                ALTER TABLE source_state ADD COLUMN skip_days TEXT NOT NULL DEFAULT '';
                """)
    }
}

extension Set<Int> {
    /// `"0,1,23"`, sorted, for a TEXT column.
    var columnText: String { sorted().map(String.init).joined(separator: ",") }

    init(columnText: String?) {
        self = Set((columnText ?? "").split(separator: ",").compactMap { Int($0) })
    }
}
