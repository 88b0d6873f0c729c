import GRDB

extension Store {
    /// Outbox columns for retries and dead letters (independent of the other migrations after `v1`):
    /// `next_attempt_at` (no attempt before it), `first_failure_at` (start of the 24-hour retry window),
    /// `dead_at` (a dead letter: no more automatic attempts) and `delivery_id` (the digest it last went out in).
    static func addDeliveryColumns(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE outbox ADD COLUMN next_attempt_at REAL;
                ALTER TABLE outbox ADD COLUMN first_failure_at REAL;
                ALTER TABLE outbox ADD COLUMN dead_at REAL;
                ALTER TABLE outbox ADD COLUMN delivery_id TEXT;
                CREATE INDEX outbox_dead ON outbox(dead_at) WHERE dead_at IS NOT NULL AND delivered_at IS NULL;
                CREATE INDEX assignment_reason ON assignment(reason, assigned_at);
                """)
    }
}
