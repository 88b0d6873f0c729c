import EarshotCore
import Foundation
import GRDB

/// Earshot's state in one SQLite file (WAL, `synchronous=NORMAL`): posts seen per source, source validators and
/// health, assignments (for capacity) and the outbox.
///
/// A poll batch is recorded in one transaction: the posts it marks as seen and the outbox rows of the mentions
/// they produced commit together or not at all, so a crash never loses a mention (at worst it is delivered twice).
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            // Owner only, whatever the umask: the database holds social sources' session tokens. SQLite gives the
            // write-ahead log and shared-memory files the database file's permissions.
            for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            }
            try Store.migrator.migrate(pool)
        } catch {
            throw StoreError(path: path, operation: "open", message: "\(error)")
        }
    }

    /// Runs `body` in a write transaction, wrapping failures with the operation name.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, operation: operation, message: "\(error)")
        }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError(path: path, operation: operation, message: "\(error)")
        }
    }

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE source_state (
                        source TEXT PRIMARY KEY NOT NULL,
                        url TEXT,
                        etag TEXT,
                        last_modified TEXT,
                        last_attempt REAL,
                        last_success REAL,
                        last_status INTEGER,
                        last_error TEXT,
                        last_error_at REAL,
                        consecutive_failures INTEGER NOT NULL DEFAULT 0,
                        next_due REAL
                    );
                    CREATE TABLE seen (
                        source TEXT NOT NULL,
                        post_id TEXT NOT NULL,
                        seen_at REAL NOT NULL,
                        PRIMARY KEY (source, post_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX seen_by_age ON seen(seen_at);
                    CREATE TABLE assignment (
                        id INTEGER PRIMARY KEY,
                        ambassador TEXT NOT NULL,
                        watch TEXT NOT NULL,
                        source TEXT NOT NULL,
                        post_id TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        mention TEXT NOT NULL,
                        assigned_at REAL NOT NULL
                    );
                    CREATE INDEX assignment_load ON assignment(ambassador, assigned_at);
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY,
                        assignment_id INTEGER NOT NULL REFERENCES assignment(id) ON DELETE CASCADE,
                        channel TEXT NOT NULL,
                        created_at REAL NOT NULL,
                        delivered_at REAL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        last_error TEXT,
                        last_attempt_at REAL
                    );
                    CREATE INDEX outbox_pending ON outbox(delivered_at) WHERE delivered_at IS NULL;
                    CREATE INDEX outbox_assignment ON outbox(assignment_id);
                    """)
        }
        migrator.registerMigration("v2-polling", migrate: Store.addPollingColumns)
        migrator.registerMigration("delivery-retry", migrate: Store.addDeliveryColumns)
        migrator.registerMigration("v3-social", migrate: Store.addSocialColumns)
        migrator.registerMigration("v4-claims", migrate: Store.addClaimColumns)
        return migrator
    }()
}
