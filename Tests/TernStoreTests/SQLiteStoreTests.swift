import Foundation
import Testing
import TernCore
@testable import TernStore

/// SQLite's own concerns (migrations, WAL, fsync); what every store does is in StoreConformance.
@Suite("SQLiteStore")
struct SQLiteStoreTests {
    static func namespace(_ name: String) throws -> NamespaceRecord {
        try NamespaceRules.builtIn(name: name, id: "id-\(name)")
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tern-\(UUID().uuidString).db").path
    }

    @Test func migratesAFreshDatabase() async throws {
        let store = try SQLiteStore(path: nil)
        #expect(try await store.appliedMigrations() == ["v1-namespaces-and-engine", "v2-typed-search-attributes", "v3-schedules",
                                                             "v4-pending-activities", "v5-worker-deployments", "v6-batch-operations",
                                                             "v7-version-sets"])
    }

    @Test func fileDatabaseUsesWALAndSyncsEveryCommit() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        #expect(try await store.journalMode() == "wal")
        // FULL (2): a commit returns only after the WAL is fsynced. GRDB's pool default is NORMAL (1).
        #expect(try await store.synchronousLevel() == 2)
    }

    @Test func reopenedFileKeepsEverything() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let store = try SQLiteStore(path: path)
            try await store.createNamespace(try Self.namespace("kept"))
            try await store.addSearchAttributes(namespaceID: "id-kept", ["Region": .keyword])
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.namespace(named: "kept")?.id == "id-kept")
        #expect(try await reopened.searchAttributes(namespaceID: "id-kept") == ["Region": .keyword])
        #expect(try await reopened.appliedMigrations() == ["v1-namespaces-and-engine", "v2-typed-search-attributes", "v3-schedules",
                                                             "v4-pending-activities", "v5-worker-deployments", "v6-batch-operations",
                                                             "v7-version-sets"])
    }
}
