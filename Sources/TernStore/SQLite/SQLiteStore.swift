import Foundation
import GRDB
import SwiftProtobuf
import TernAPI
import TernCore

/// The embedded store: one SQLite database through GRDB.
///
/// A file database runs in WAL mode with `synchronous = FULL`, so a transaction that returned is on
/// disk before its caller answers the client. Without a path the database lives in memory and
/// is gone when the process exits, as with Temporal's dev server.
public final class SQLiteStore: Store {
    let writer: any DatabaseWriter
    var reader: any DatabaseReader { writer }
    let groupCommit: GroupCommit

    /// Opens (creating if needed) the database at `path`, or an in-memory one when `path` is nil,
    /// and brings its schema up to date.
    public init(path: String?) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        if let path {
            let pool = try DatabasePool(path: path, configuration: config)
            // GRDB opens a pool's writer with synchronous = NORMAL (WAL then syncs only at
            // checkpoints: safe from a process crash, not from power loss). The migrations run so,
            // without an fsync each: a power cut can only undo them whole, and they run again.
            // Only the writer commits, so setting FULL on it then makes every later commit, and
            // the migrations with the first one, wait for its fsync.
            try SQLiteSchema.migrator.migrate(pool)
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            writer = pool
        } else {
            writer = try DatabaseQueue(configuration: config)
            try SQLiteSchema.migrator.migrate(writer)
        }
        groupCommit = GroupCommit(writer: writer)
    }

    /// The migrations this database has applied, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in try SQLiteSchema.migrator.appliedMigrations(db) }
    }

    /// The writer's `PRAGMA synchronous` level (2 = FULL for a file database).
    public func synchronousLevel() async throws -> Int {
        try await writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// The SQLite journal mode in force ("wal" for a file database).
    public func journalMode() async throws -> String {
        try await writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: Namespaces

    public func createNamespace(_ namespace: NamespaceRecord) async throws {
        let blob: Data = try namespace.detail.serializedBytes()
        do {
            try await writer.write { db in
                try db.execute(
                    sql: "INSERT INTO namespaces (id, name, version, detail) VALUES (?, ?, ?, ?)",
                    arguments: [namespace.id, namespace.name, namespace.version, blob])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.alreadyExists
        }
    }

    public func namespace(named name: String) async throws -> NamespaceRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT version, detail FROM namespaces WHERE name = ?", arguments: [name])
                .map(Self.namespaceRecord)
        }
    }

    public func namespace(id: String) async throws -> NamespaceRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT version, detail FROM namespaces WHERE id = ?", arguments: [id])
                .map(Self.namespaceRecord)
        }
    }

    public func listNamespaces(afterName: String?, limit: Int) async throws -> [NamespaceRecord] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT version, detail FROM namespaces WHERE name > ? ORDER BY name LIMIT ?",
                arguments: [afterName ?? "", limit]
            ).map(Self.namespaceRecord)
        }
    }

    public func updateNamespace(_ namespace: NamespaceRecord) async throws -> NamespaceRecord {
        let blob: Data = try namespace.detail.serializedBytes()
        return try await writer.write { db in
            try db.execute(
                sql: "UPDATE namespaces SET name = ?, detail = ?, version = version + 1 WHERE id = ? AND version = ?",
                arguments: [namespace.name, blob, namespace.id, namespace.version])
            guard db.changesCount == 1 else {
                let exists = try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM namespaces WHERE id = ?", arguments: [namespace.id]) ?? false
                throw exists ? StoreError.conditionFailed : StoreError.notFound
            }
            var updated = namespace
            updated.version += 1
            return updated
        }
    }

    private static func namespaceRecord(_ row: Row) throws -> NamespaceRecord {
        let blob: Data = row["detail"]
        return NamespaceRecord(
            detail: try Temporal_Api_Workflowservice_V1_DescribeNamespaceResponse(serializedBytes: blob),
            version: row["version"])
    }

    // MARK: Search attributes

    public func searchAttributes(namespaceID: String) async throws -> [String: IndexedValueType] {
        try await writer.read { db in
            var result: [String: IndexedValueType] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT name, type FROM search_attributes WHERE namespace_id = ?", arguments: [namespaceID])
            while let row = try rows.next() {
                result[row["name"]] = IndexedValueType(rawValue: row["type"]) ?? .unspecified
            }
            return result
        }
    }

    public func addSearchAttributes(namespaceID: String, _ attributes: [String: IndexedValueType]) async throws {
        try await writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM namespaces WHERE id = ?", arguments: [namespaceID]) ?? false
            else { throw StoreError.notFound }
            for (name, type) in attributes {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO search_attributes (namespace_id, name, type) VALUES (?, ?, ?)",
                    arguments: [namespaceID, name, type.rawValue])
            }
        }
    }

    public func removeSearchAttributes(namespaceID: String, names: [String]) async throws {
        try await writer.write { db in
            for name in names {
                try db.execute(
                    sql: "DELETE FROM search_attributes WHERE namespace_id = ? AND name = ?",
                    arguments: [namespaceID, name])
            }
        }
    }
}
