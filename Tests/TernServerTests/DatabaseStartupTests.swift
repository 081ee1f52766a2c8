import Foundation
import GRDB
import Logging
import Synchronization
import Testing
import TernStore
@testable import TernServer

/// `tern server start`'s database policy: reachable, then migrate an empty database, refuse an
/// older or newer schema, serve an equal one.
@Suite("Database start-up policy")
struct DatabaseStartupTests {
    @Test func decisions() {
        #expect(SchemaDecision.decide(database: nil, binary: 7) == .migrateEmpty)
        #expect(SchemaDecision.decide(database: 0, binary: 7) == .migrateEmpty)
        #expect(SchemaDecision.decide(database: 6, binary: 7) == .refuseOlder(database: 6, binary: 7))
        #expect(SchemaDecision.decide(database: 8, binary: 7) == .refuseNewer(database: 8, binary: 7))
        #expect(SchemaDecision.decide(database: 7, binary: 7) == .serve)
    }

    /// A database whose answers the test sets.
    final class FakeDatabase: ManagedDatabase {
        let version: Mutex<Int?>
        let binary: Int
        let pingDelay: Duration
        let migrations = Mutex(0)

        init(version: Int?, binary: Int = 3, pingDelay: Duration = .zero) {
            self.version = Mutex(version)
            self.binary = binary
            self.pingDelay = pingDelay
        }

        var endpoint: String { "db.internal:5432/tern" }
        var binarySchemaVersion: Int { binary }
        func ping() async throws { try await Task.sleep(for: pingDelay) }
        func databaseSchemaVersion() async throws -> Int? { version.withLock { $0 } }
        func migrate() async throws -> (from: Int?, to: Int) {
            migrations.withLock { $0 += 1 }
            let from = version.withLock { v in defer { v = binary }; return v }
            return (from, binary)
        }
    }

    func check(_ database: FakeDatabase, timeout: Duration = .seconds(5)) -> StartupCheck {
        StartupCheck(database: database, connectTimeout: timeout, migrateCommand: "tern admin db migrate --db X", logger: Logger(label: "test"))
    }

    @Test func emptyDatabaseIsMigrated() async throws {
        let database = FakeDatabase(version: nil)
        try await check(database).run()
        #expect(database.migrations.withLock { $0 } == 1)
    }

    @Test func equalVersionServesWithoutMigrating() async throws {
        let database = FakeDatabase(version: 3)
        try await check(database).run()
        #expect(database.migrations.withLock { $0 } == 0)
    }

    @Test func olderSchemaIsRefusedNamingTheMigrateCommand() async throws {
        let database = FakeDatabase(version: 2)
        let error = await #expect(throws: StartupError.self) { try await check(database).run() }
        let text = try #require(error).description
        #expect(text.contains("schema version 2") && text.contains("schema version 3"))
        #expect(text.contains("tern admin db migrate --db X"))
        #expect(database.migrations.withLock { $0 } == 0)
    }

    @Test func newerSchemaIsRefused() async throws {
        let error = await #expect(throws: StartupError.self) { try await check(FakeDatabase(version: 4)).run() }
        let text = try #require(error).description
        #expect(text.contains("schema version 4") && text.contains("schema version 3") && text.contains("newer"))
    }

    @Test func unreachableDatabaseFailsAfterTheConnectTimeout() async throws {
        let started = ContinuousClock.now
        let error = await #expect(throws: StartupError.self) {
            try await check(FakeDatabase(version: 3, pingDelay: .seconds(30)), timeout: .milliseconds(200)).run()
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        let text = try #require(error).description
        #expect(text.contains("db.internal:5432") && text.contains("200ms"))
    }
}

@Suite("SQLite database files")
struct SQLiteDatabaseTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tern-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func schemaVersionCountsKnownMigrationsInOrder() {
        let known = ["v1-a", "v2-b", "v3-c"]
        #expect(SQLiteSchemaVersion.version(applied: known, known: known) == 3)
        #expect(SQLiteSchemaVersion.version(applied: ["v2-b", "v1-a"], known: known) == 2)
        #expect(SQLiteSchemaVersion.version(applied: ["v1-a", "v3-c"], known: known) == 1)  // a hole: migrate fills it
        #expect(SQLiteSchemaVersion.version(applied: known + ["v9-later"], known: known) == 9)
        #expect(SQLiteSchemaVersion.version(applied: known + ["other"], known: known) == 4)
    }

    @Test func newFileIsEmptyAndMigrateCreatesIt() async throws {
        let path = try temporaryDirectory().appendingPathComponent("tern.db").path
        let database = SQLiteDatabase(path: path)
        let binary = try await database.binarySchemaVersion
        #expect(binary >= 7)
        try await database.ping()
        #expect(try await database.databaseSchemaVersion() == nil)
        #expect(!FileManager.default.fileExists(atPath: path))  // reading the version created nothing
        let (from, to) = try await database.migrate()
        #expect(from == nil && to == binary)
        #expect(try await database.databaseSchemaVersion() == binary)
        let (again, _) = try await database.migrate()
        #expect(again == binary)
        #expect(try await database.schemaDetails().allSatisfy { $0.hasPrefix("applied") })
    }

    @Test func aFileMissingItsLastMigrationIsOlder() async throws {
        let path = try temporaryDirectory().appendingPathComponent("old.db").path
        let database = SQLiteDatabase(path: path)
        _ = try await database.migrate()
        let known = try await SQLiteDatabase.knownMigrations()
        let last = try #require(known.last)
        try await DatabaseQueue(path: path).write { try $0.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [last]) }
        #expect(try await database.databaseSchemaVersion() == known.count - 1)
        #expect(try await database.schemaDetails().last == "pending  \(last)")
    }

    @Test func missingDirectoryIsNamed() async throws {
        let path = "/no/such/dir-\(UUID().uuidString)/tern.db"
        let error = await #expect(throws: DatabaseSetupError.self) { try await SQLiteDatabase(path: path).ping() }
        #expect(try #require(error).description.contains(path))
    }

    @Test func anotherSQLiteDatabaseIsNotTaken() async throws {
        let path = try temporaryDirectory().appendingPathComponent("other.db").path
        try await DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE t (x INTEGER)") }
        await #expect(throws: DatabaseSetupError.self) { try await SQLiteDatabase(path: path).databaseSchemaVersion() }
    }

    @Test func databaseLocations() throws {
        #expect(try DatabaseLocation(parsing: "tern.db") == .sqlite(path: "tern.db"))
        #expect(try DatabaseLocation(parsing: "postgres://u:p@h:5432/d?sslmode=require") == .postgres(url: "postgres://u:p@h:5432/d?sslmode=require"))
        #expect(try DatabaseLocation(parsing: "postgres://u:secret@h:5432/d").displayName == "postgres://u:***@h:5432/d")
        #expect(throws: DatabaseLocation.ParseError.self) { try DatabaseLocation(parsing: "mysql://h/d") }
        #expect(throws: DatabaseLocation.ParseError.self) { try DatabaseLocation(parsing: "") }
    }
}
