import Foundation
import Logging
import Testing
@testable import TernStore

/// A store implementation under test: each test gets a fresh, empty database, and may open it
/// again (a second store on the same data, as after a restart).
protocol StoreBackend: Sendable {
    var name: String { get }
    /// Runs `body` with a fresh database, removed afterwards.
    func withDatabase(_ body: (any TestDatabase) async throws -> Void) async throws
}

protocol TestDatabase: Sendable {
    /// A store on this database (a new one each call: the "reopened" store).
    func withStore<T>(_ body: (any Store) async throws -> T) async throws -> T
}

extension StoreBackend {
    /// The common case: one store on a fresh database.
    func withStore(_ body: (any Store) async throws -> Void) async throws {
        try await withDatabase { database in try await database.withStore(body) }
    }
}

struct SQLiteBackend: StoreBackend {
    var name: String { "SQLite" }

    struct Database: TestDatabase {
        var path: String
        func withStore<T>(_ body: (any Store) async throws -> T) async throws -> T {
            try await body(try SQLiteStore(path: path))
        }
    }

    func withDatabase(_ body: (any TestDatabase) async throws -> Void) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tern-\(UUID().uuidString).db").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try await body(Database(path: path))
    }
}

/// The PostgreSQL cluster the tests use: `TERN_TEST_POSTGRES_URL`, an admin URL (a role that may
/// create databases); each test creates a database of its own and drops it at the end.
enum PostgresTestCluster {
    static let url: String? = ProcessInfo.processInfo.environment["TERN_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let disabledReason: Comment =
        "Set TERN_TEST_POSTGRES_URL to a PostgreSQL admin URL (scripts/postgres-cluster start prints one) to run the PostgreSQL store tests"
    static let logger = Logger(label: "tern.tests.postgres") { _ in SwiftLogNoOpLogHandler() }

    /// The admin URL with `database` instead of its own.
    static func url(database: String) throws -> String {
        guard let url else { throw PostgresStore.ConfigurationError("TERN_TEST_POSTGRES_URL is not set") }
        var components = URLComponents(string: url)
        components?.path = "/" + database
        guard let text = components?.string else { throw PostgresStore.ConfigurationError("TERN_TEST_POSTGRES_URL is not a URL") }
        return text
    }

    /// Runs SQL on the admin database (CREATE/DROP DATABASE cannot run in a transaction).
    static func admin(_ sql: String) async throws {
        guard let url else { return }
        try await PostgresStore.withStore(url: url, logger: logger) { store in
            try await store.execute(sql)
        }
    }

    /// A fresh database for `body`, dropped afterwards (even when `body` throws).
    static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        try await admin("CREATE DATABASE \(name)")
        do {
            let result = try await body(try url(database: String(name)))
            try await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            return result
        } catch {
            try? await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
    }
}

struct PostgresBackend: StoreBackend {
    var name: String { "PostgreSQL" }

    struct Database: TestDatabase {
        var url: String
        func withStore<T>(_ body: (any Store) async throws -> T) async throws -> T {
            try await PostgresStore.withStore(url: url, logger: PostgresTestCluster.logger) { store in
                try await store.migrate()
                return try await body(store)
            }
        }
    }

    func withDatabase(_ body: (any TestDatabase) async throws -> Void) async throws {
        try await PostgresTestCluster.withDatabase { url in try await body(Database(url: url)) }
    }
}
