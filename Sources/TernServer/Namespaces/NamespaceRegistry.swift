import Foundation
import TernAPI
import TernCore
import TernStore

/// Namespaces and their custom search attributes: the rules of `NamespaceRules` and
/// `SearchAttributeRules` applied against the store, with an in-memory cache for the
/// lookups every RPC makes.
actor NamespaceRegistry {
    private let store: any Store
    private var byName: [String: NamespaceRecord] = [:]
    private var attributesByID: [String: [String: IndexedValueType]] = [:]

    init(store: any Store) {
        self.store = store
    }

    /// Creates the built-in namespaces that do not exist yet and gives each the search
    /// attributes named at start-up.
    func bootstrap(namespaces: [String], searchAttributes: [String: IndexedValueType]) async throws {
        for name in namespaces {
            if try await store.namespace(named: name) == nil {
                do {
                    try await store.createNamespace(try NamespaceRules.builtIn(name: name, id: Self.newID()))
                } catch StoreError.alreadyExists {
                    // Another node created it first.
                }
            }
            if !searchAttributes.isEmpty {
                try await addSearchAttributes(namespace: name, searchAttributes)
            }
        }
    }

    func register(_ request: RegisterNamespaceRequest) async throws -> NamespaceRecord {
        let record = try NamespaceRules.register(request, id: Self.newID())
        do {
            try await store.createNamespace(record)
        } catch StoreError.alreadyExists {
            throw Self.alreadyExists(record.name)
        }
        byName[record.name] = record
        return record
    }

    /// The namespace with this name, or `NOT_FOUND` carrying `NamespaceNotFoundFailure`.
    func namespace(named name: String) async throws -> NamespaceRecord {
        try NamespaceRules.validateName(name)
        if let cached = byName[name] { return cached }
        guard let record = try await store.namespace(named: name) else { throw Self.notFound(name) }
        byName[name] = record
        return record
    }

    func namespace(id: String) async throws -> NamespaceRecord {
        guard let record = try await store.namespace(id: id) else { throw Self.notFound(id) }
        return record
    }

    /// One page of namespaces in name order; the token is the last name returned.
    func list(pageSize: Int, after token: Data, includeDeleted: Bool) async throws -> (records: [NamespaceRecord], nextToken: Data) {
        let size = pageSize > 0 ? min(pageSize, 1000) : 100
        var after = token.isEmpty ? nil : String(decoding: token, as: UTF8.self)
        var page: [NamespaceRecord] = []
        // Deleted namespaces are skipped without shortening the page. A full page always
        // carries a token, so the page after it may be empty (as in Temporal).
        while true {
            let batch = try await store.listNamespaces(afterName: after, limit: size)
            for record in batch where includeDeleted || record.state != .deleted {
                page.append(record)
                if page.count == size { return (page, Data(record.name.utf8)) }
            }
            guard batch.count == size, let last = batch.last else { return (page, Data()) }
            after = last.name
        }
    }

    func update(_ request: UpdateNamespaceRequest, now: Date) async throws -> NamespaceRecord {
        // A concurrent update makes ours fail its version check: re-read and apply again.
        for _ in 0..<5 {
            byName[request.namespace] = nil
            let current = try await namespace(named: request.namespace)
            let changed = try NamespaceRules.update(request, of: current, now: now)
            do {
                let stored = try await store.updateNamespace(changed)
                byName[stored.name] = stored
                return stored
            } catch StoreError.conditionFailed {
                continue
            } catch StoreError.notFound {
                throw Self.notFound(request.namespace)
            }
        }
        throw TernError(.unavailable, "Namespace \(request.namespace) is being updated concurrently; retry.")
    }

    // MARK: Search attributes

    func searchAttributes(namespace name: String) async throws -> [String: IndexedValueType] {
        let record = try await namespace(named: name)
        if let cached = attributesByID[record.id] { return cached }
        let attributes = try await store.searchAttributes(namespaceID: record.id)
        attributesByID[record.id] = attributes
        return attributes
    }

    func addSearchAttributes(namespace name: String, _ requested: [String: IndexedValueType]) async throws {
        let record = try await namespace(named: name)
        let existing = try await store.searchAttributes(namespaceID: record.id)
        let added = try SearchAttributeRules.additions(requested, existing: existing)
        if !added.isEmpty {
            try await store.addSearchAttributes(namespaceID: record.id, added)
        }
        attributesByID[record.id] = nil
    }

    func removeSearchAttributes(namespace name: String, _ names: [String]) async throws {
        try SearchAttributeRules.validateRemoval(names)
        let record = try await namespace(named: name)
        try await store.removeSearchAttributes(namespaceID: record.id, names: names)
        attributesByID[record.id] = nil
    }

    // MARK: Errors

    static func notFound(_ name: String) -> TernError {
        var detail = Temporal_Api_Errordetails_V1_NamespaceNotFoundFailure()
        detail.namespace = name
        return TernError(.notFound, "Namespace \(name) is not found.", detail: detail)
    }

    static func alreadyExists(_ name: String) -> TernError {
        TernError(
            .alreadyExists, "Namespace \"\(name)\" already exists",
            detail: Temporal_Api_Errordetails_V1_NamespaceAlreadyExistsFailure())
    }

    private static func newID() -> String { UUID().uuidString.lowercased() }
}
