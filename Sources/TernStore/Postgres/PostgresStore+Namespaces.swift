import Foundation
import PostgresNIO
import TernAPI
import TernCore

extension PostgresStore {
    public func createNamespace(_ namespace: NamespaceRecord) async throws {
        let blob: Data = try namespace.detail.serializedBytes()
        let binds = try Self.binds(namespace.id, namespace.name, namespace.version, blob)
        try await write("INSERT INTO namespaces (id, name, version, detail) VALUES ($1, $2, $3, $4)", binds)
    }

    public func namespace(named name: String) async throws -> NamespaceRecord? {
        try await access.query("SELECT version, detail FROM namespaces WHERE name = $1", Self.binds(name))
            .first.map(Self.namespaceRecord)
    }

    public func namespace(id: String) async throws -> NamespaceRecord? {
        try await access.query("SELECT version, detail FROM namespaces WHERE id = $1", Self.binds(id))
            .first.map(Self.namespaceRecord)
    }

    public func listNamespaces(afterName: String?, limit: Int) async throws -> [NamespaceRecord] {
        try await access.query(
            "SELECT version, detail FROM namespaces WHERE name > $1 ORDER BY name LIMIT $2",
            Self.binds(afterName ?? "", Int64(max(0, limit)))
        ).map(Self.namespaceRecord)
    }

    public func updateNamespace(_ namespace: NamespaceRecord) async throws -> NamespaceRecord {
        let blob: Data = try namespace.detail.serializedBytes()
        let access = access
        try await access.writeTransaction { connection in
            let updated = try await access.query(
                "UPDATE namespaces SET name = $1, detail = $2, version = version + 1 WHERE id = $3 AND version = $4 RETURNING 1",
                Self.binds(namespace.name, blob, namespace.id, namespace.version), on: connection)
            guard updated.isEmpty else { return }
            let exists = try await access.query("SELECT 1 FROM namespaces WHERE id = $1", Self.binds(namespace.id), on: connection)
            throw exists.isEmpty ? StoreError.notFound : StoreError.conditionFailed
        }
        var updated = namespace
        updated.version += 1
        return updated
    }

    private static func namespaceRecord(_ row: PostgresRow) throws -> NamespaceRecord {
        let (version, blob) = try row.decode((Int64, Data).self)
        return NamespaceRecord(
            detail: try Temporal_Api_Workflowservice_V1_DescribeNamespaceResponse(serializedBytes: blob), version: version)
    }

    // MARK: Search attributes

    public func searchAttributes(namespaceID: String) async throws -> [String: IndexedValueType] {
        var result: [String: IndexedValueType] = [:]
        for row in try await access.query("SELECT name, type FROM search_attributes WHERE namespace_id = $1", Self.binds(namespaceID)) {
            let (name, type) = try row.decode((String, Int).self)
            result[name] = IndexedValueType(rawValue: type) ?? .unspecified
        }
        return result
    }

    public func addSearchAttributes(namespaceID: String, _ attributes: [String: IndexedValueType]) async throws {
        let names = attributes.keys.sorted()
        let types = names.map { Int64(attributes[$0]?.rawValue ?? 0) }
        let access = access
        try await access.writeTransaction { connection in
            let namespace = try await access.query("SELECT 1 FROM namespaces WHERE id = $1", Self.binds(namespaceID), on: connection)
            guard !namespace.isEmpty else { throw StoreError.notFound }
            _ = try await access.query(
                """
                INSERT INTO search_attributes (namespace_id, name, type)
                SELECT $1, name, type FROM unnest($2::text[], $3::int8[]) AS a(name, type)
                ON CONFLICT (namespace_id, name) DO NOTHING
                """,
                Self.binds(namespaceID, PostgresArray.text(names), PostgresArray.int8(types)), on: connection)
        }
    }

    public func removeSearchAttributes(namespaceID: String, names: [String]) async throws {
        try await write(
            "DELETE FROM search_attributes WHERE namespace_id = $1 AND name = ANY($2::text[])",
            Self.binds(namespaceID, PostgresArray.text(names)))
    }

    /// One statement in a write transaction (with the commit-outcome check every write gets).
    func write(_ sql: String, _ binds: PostgresBindings) async throws {
        let access = access
        try await access.writeTransaction { connection in _ = try await access.query(sql, binds, on: connection) }
    }
}
