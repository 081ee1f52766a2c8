import Foundation
import PostgresNIO

extension PostgresStore {
    /// The schema version this binary reads and writes.
    public static var schemaVersion: Int { PostgresSchema.currentVersion }

    /// The database's schema version; nil when it has no Tern tables (an empty database).
    public func databaseSchemaVersion() async throws -> Int? {
        // The table is resolved when a statement is parsed: ask whether it exists first.
        let exists = try await access.query("SELECT to_regclass('tern_schema_version') IS NOT NULL").first?.decode(Bool.self)
        guard exists == true else { return nil }
        return try await access.query("SELECT MAX(version) FROM tern_schema_version").first?.decode(Int?.self)
    }

    /// Throws `SchemaError` unless the database is at this binary's schema version.
    public func checkSchema() async throws {
        let version = try await databaseSchemaVersion() ?? 0
        if version > Self.schemaVersion { throw SchemaError.tooNew(database: version, binary: Self.schemaVersion) }
        if version < Self.schemaVersion { throw SchemaError.notMigrated(database: version, binary: Self.schemaVersion) }
    }

    /// Applies the migrations the database lacks, each in a transaction of its own holding
    /// `pg_advisory_xact_lock`, so that nodes starting together migrate once. Refuses
    /// (`SchemaError.tooNew`) a database a newer binary migrated.
    @discardableResult
    public func migrate() async throws -> (from: Int?, to: Int) {
        let from = try await databaseSchemaVersion()
        if let from, from > Self.schemaVersion {
            throw SchemaError.tooNew(database: from, binary: Self.schemaVersion)
        }
        var trigram: Bool?
        for migration in PostgresSchema.migrations where migration.version > (from ?? 0) {
            let access = access
            let applied: Bool? = try await access.writeTransaction { connection in
                // Index builds on a big table may take longer than the statement timeout.
                _ = try await access.query("SET LOCAL statement_timeout = 0", on: connection)
                _ = try await access.query(
                    "SELECT pg_advisory_xact_lock($1)", try Self.binds(PostgresSchema.migrationLockKey), on: connection)
                _ = try await access.query(PostgresSchema.versionTable, on: connection)
                let current = try await access.query("SELECT MAX(version) FROM tern_schema_version", on: connection)
                    .first?.decode(Int?.self) ?? 0
                if current > PostgresStore.schemaVersion {
                    throw SchemaError.tooNew(database: current, binary: PostgresStore.schemaVersion)
                }
                guard current < migration.version else { return nil }  // another node got there first
                for statement in migration.statements { _ = try await access.query(statement, on: connection) }
                var optionalApplied = true
                if !migration.optional.isEmpty {
                    _ = try await access.query("SAVEPOINT optional", on: connection)
                    do {
                        for statement in migration.optional { _ = try await access.query(statement, on: connection) }
                        _ = try await access.query("RELEASE SAVEPOINT optional", on: connection)
                    } catch let error as PSQLError where error.code == .server {
                        access.logger.notice("PostgreSQL: optional part of migration \(migration.version) skipped", metadata: [
                            "reason": "\(error.serverInfo?[.message] ?? "")",
                        ])
                        _ = try await access.query("ROLLBACK TO SAVEPOINT optional", on: connection)
                        optionalApplied = false
                    }
                }
                var binds = PostgresBindings()
                binds.append(migration.version)
                binds.append(migration.name)
                _ = try await access.query(
                    "INSERT INTO tern_schema_version (version, name) VALUES ($1, $2)", binds, on: connection)
                return optionalApplied
            }
            if migration.version == 1, let applied { trigram = applied }
        }
        if let trigram { trigramIndexes.withLock { $0 = trigram } }
        return (from, Self.schemaVersion)
    }

    /// Opens a connection of its own (not the pool's) within `connectTimeout`, runs `SELECT 1`
    /// and closes it. Throws `StoreError.unavailable` naming host:port and the reason: refused,
    /// timed out, authentication failed for the user, no such database.
    public func ping() async throws {
        let configuration = Self.connectionConfiguration(access.url, access.options)
        let access = access
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: access.logger)
                    defer { Task { try? await connection.close() } }
                    _ = try await connection.query("SELECT 1", logger: access.logger).collect()
                }
                group.addTask {
                    // The connect timeout covers the TCP connect; this covers a server that accepts
                    // but never answers the startup or the query.
                    try await Task.sleep(for: access.options.connectTimeout)
                    throw StoreError.unavailable(
                        "PostgreSQL at \(access.url.endpoint) is unavailable: no answer within \(PostgresAccess.describe(access.options.connectTimeout))")
                }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            throw access.map(error)
        }
    }

    static func binds(_ values: any PostgresThrowingDynamicTypeEncodable...) throws -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { try binds.append(value) }
        return binds
    }

    /// Whether CONTAINS can use the trigram indexes; asked of the database once.
    func dialect() async throws -> SQLDialect {
        if let known = trigramIndexes.withLock({ $0 }) { return .postgres(trigramIndexes: known) }
        var binds = PostgresBindings()
        binds.append(PostgresSchema.trigramIndexName)
        let exists = try await access.query("SELECT to_regclass($1) IS NOT NULL", binds).first?.decode(Bool.self) ?? false
        trigramIndexes.withLock { $0 = exists }
        return .postgres(trigramIndexes: exists)
    }
}
