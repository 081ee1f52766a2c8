import Foundation
import Testing
import TernCore
@testable import TernStore

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

    @Test func namespaceRoundTrip() async throws {
        let store = try SQLiteStore(path: nil)
        var record = try Self.namespace("orders")
        record.detail.namespaceInfo.data = ["team": "payments"]
        try await store.createNamespace(record)
        #expect(try await store.namespace(named: "orders") == record)
        #expect(try await store.namespace(id: "id-orders") == record)
        #expect(try await store.namespace(named: "missing") == nil)
    }

    @Test func duplicateNameOrIDIsAlreadyExists() async throws {
        let store = try SQLiteStore(path: nil)
        try await store.createNamespace(try Self.namespace("a"))
        await #expect(throws: StoreError.alreadyExists) { try await store.createNamespace(try Self.namespace("a")) }
        var sameID = try Self.namespace("b")
        sameID.detail.namespaceInfo.id = "id-a"
        await #expect(throws: StoreError.alreadyExists) { try await store.createNamespace(sameID) }
    }

    @Test func updateIsConditionalOnVersion() async throws {
        let store = try SQLiteStore(path: nil)
        let original = try Self.namespace("n")
        try await store.createNamespace(original)
        var first = original
        first.detail.namespaceInfo.description_p = "first"
        let stored = try await store.updateNamespace(first)
        #expect(stored.version == original.version + 1)

        var stale = original
        stale.detail.namespaceInfo.description_p = "stale"
        await #expect(throws: StoreError.conditionFailed) { _ = try await store.updateNamespace(stale) }
        #expect(try await store.namespace(named: "n")?.detail.namespaceInfo.description_p == "first")

        var ghost = try Self.namespace("ghost")
        ghost.detail.namespaceInfo.description_p = "x"
        await #expect(throws: StoreError.notFound) { _ = try await store.updateNamespace(ghost) }
    }

    @Test func listsInNameOrderFromACursor() async throws {
        let store = try SQLiteStore(path: nil)
        for name in ["c", "a", "d", "b"] { try await store.createNamespace(try Self.namespace(name)) }
        #expect(try await store.listNamespaces(afterName: nil, limit: 2).map(\.name) == ["a", "b"])
        #expect(try await store.listNamespaces(afterName: "b", limit: 10).map(\.name) == ["c", "d"])
        #expect(try await store.listNamespaces(afterName: "d", limit: 10).isEmpty)
    }

    @Test func searchAttributesAddKeepFirstTypeAndRemove() async throws {
        let store = try SQLiteStore(path: nil)
        try await store.createNamespace(try Self.namespace("n"))
        try await store.addSearchAttributes(namespaceID: "id-n", ["A": .keyword, "B": .int])
        try await store.addSearchAttributes(namespaceID: "id-n", ["A": .double])
        #expect(try await store.searchAttributes(namespaceID: "id-n") == ["A": .keyword, "B": .int])
        try await store.removeSearchAttributes(namespaceID: "id-n", names: ["B", "Missing"])
        #expect(try await store.searchAttributes(namespaceID: "id-n") == ["A": .keyword])
        await #expect(throws: StoreError.notFound) {
            try await store.addSearchAttributes(namespaceID: "no-such-id", ["X": .keyword])
        }
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
