import Foundation
import GRPCCore
import Temporal
import Testing

/// `client.namespaceService` against a real frontend: what is registered comes back from
/// describe and list, updates stick, and the server's refusals arrive as gRPC status codes.
/// Every test registers namespaces of its own under fresh names, so runs never collide.
@Suite("Namespace service", .timeLimit(.minutes(1)))
struct NamespaceServiceIntegrationTests {
    /// A name no earlier run used (letters, digits and dashes: valid on every server).
    static func uniqueName(_ prefix: String = "swift-ns") -> String {
        "\(prefix)-\(UUID().uuidString.prefix(13).lowercased())"
    }

    @Test func registeredFieldsRoundTripThroughDescribeByNameAndByID() async throws {
        let name = Self.uniqueName()
        try await withWorkerAndClient { client, _ in
            let namespaces = client.namespaceService
            try await namespaces.registerNamespace(
                name: name, workflowExecutionRetentionPeriod: .seconds(3 * 86_400),
                description: "registered by the Swift SDK tests", ownerEmail: "owner@example.com",
                data: ["team": "sdk", "tier": "test"], historyArchivalState: .disabled,
                visibilityArchivalState: .disabled)

            let described = try await namespaces.describeNamespace(namespace: .name(name))
            #expect(described.info.name == name)
            #expect(!described.info.id.isEmpty)
            #expect(described.info.state == .registered)
            #expect(described.info.description == "registered by the Swift SDK tests")
            #expect(described.info.ownerEmail == "owner@example.com")
            #expect(described.info.data == ["team": "sdk", "tier": "test"])
            #expect(described.config.workflowExecutionRetentionTtl == .seconds(3 * 86_400))
            #expect(described.config.historyArchivalState == .disabled)
            #expect(described.config.visibilityArchivalState == .disabled)
            #expect(described.isGlobalNamespace == false)
            let active = try #require(described.replicationConfig.activeClusterName)
            #expect(described.replicationConfig.clusters.contains(active))

            // The id names the same namespace.
            let byID = try await namespaces.describeNamespace(namespace: .id(described.info.id))
            #expect(byID.info == described.info)
            #expect(byID.config.workflowExecutionRetentionTtl == .seconds(3 * 86_400))
        }
    }

    @Test func listingPagesThroughEveryNamespace() async throws {
        let prefix = Self.uniqueName("swift-ls")
        let names = Set((1...3).map { "\(prefix)-\($0)" })
        try await withWorkerAndClient { client, _ in
            let namespaces = client.namespaceService
            for name in names {
                try await namespaces.registerNamespace(
                    name: name, workflowExecutionRetentionPeriod: .seconds(86_400), description: "listed \(name)")
            }

            // Pages of two: three new namespaces (plus whatever the server has) span several pages,
            // and each must come back exactly once.
            var seen: Set<String> = []
            var paged: [String] = []
            for try await namespace in namespaces.listNamespaces(includeDeleted: false, pageSize: 2, callOptions: nil) {
                // A page fetched again would repeat names without end: stop at the first repeat.
                guard seen.insert(namespace.info.name).inserted else {
                    Issue.record("\(namespace.info.name) listed twice")
                    break
                }
                if namespace.info.name.hasPrefix(prefix) { paged.append(namespace.info.name) }
            }
            #expect(paged.sorted() == names.sorted())

            // The public call finds them too, described in full.
            var listed: [String: NamespaceDescription] = [:]
            for try await namespace in try await namespaces.listNamespaces() where namespace.info.name.hasPrefix(prefix) {
                listed[namespace.info.name] = namespace
            }
            #expect(Set(listed.keys) == names)
            for (name, namespace) in listed {
                #expect(namespace.info.description == "listed \(name)")
                #expect(namespace.info.state == .registered)
                #expect(namespace.config.workflowExecutionRetentionTtl == .seconds(86_400))
            }
        }
    }

    @Test func updatesChangeOnlyWhatTheyName() async throws {
        let name = Self.uniqueName()
        try await withWorkerAndClient { client, _ in
            let namespaces = client.namespaceService
            try await namespaces.registerNamespace(
                name: name, workflowExecutionRetentionPeriod: .seconds(86_400), description: "before",
                ownerEmail: "owner@example.com", data: ["kept": "yes", "changed": "old"])

            let updated = try await namespaces.updateNamespace(
                namespace: name,
                updateInfo: .init(description: "after", data: ["changed": "new", "added": "1"]),
                config: .init(workflowExecutionRetentionTtl: .seconds(5 * 86_400)))
            #expect(updated.info.name == name)
            #expect(updated.info.description == "after")
            #expect(updated.config.workflowExecutionRetentionTtl == .seconds(5 * 86_400))

            // Data is merged, and fields the update left out keep their values.
            let described = try await namespaces.describeNamespace(namespace: .name(name))
            #expect(described.info.description == "after")
            #expect(described.info.ownerEmail == "owner@example.com")
            #expect(described.info.data == ["kept": "yes", "changed": "new", "added": "1"])
            #expect(described.config.workflowExecutionRetentionTtl == .seconds(5 * 86_400))
            #expect(described.info.state == .registered)
            #expect(updated.info == described.info)
        }
    }

    @Test func deprecatingAndMarkingDeletedChangeTheState() async throws {
        let deprecated = Self.uniqueName("swift-dep")
        let deleted = Self.uniqueName("swift-del")
        try await withWorkerAndClient { client, _ in
            let namespaces = client.namespaceService
            for name in [deprecated, deleted] {
                try await namespaces.registerNamespace(name: name, workflowExecutionRetentionPeriod: .seconds(86_400))
            }

            try await namespaces.deprecateNamespace(namespace: deprecated)
            #expect(try await namespaces.describeNamespace(namespace: .name(deprecated)).info.state == .deprecated)

            // A namespace in the deleted state is listed only when asked for.
            let marked = try await namespaces.updateNamespace(namespace: deleted, updateInfo: .init(state: .deleted))
            #expect(marked.info.state == .deleted)
            func listedStates(includeDeleted: Bool) async throws -> [NamespaceInfo.State?] {
                var states: [NamespaceInfo.State?] = []
                for try await namespace in try await namespaces.listNamespaces(includeDeleted: includeDeleted)
                where namespace.info.name == deleted {
                    states.append(namespace.info.state)
                }
                return states
            }
            #expect(try await listedStates(includeDeleted: false).isEmpty)
            #expect(try await listedStates(includeDeleted: true) == [.deleted])
        }
    }

    @Test func missingNamespacesAreNotFoundAndTakenNamesAlreadyExist() async throws {
        let name = Self.uniqueName()
        try await withWorkerAndClient { client, _ in
            let namespaces = client.namespaceService
            let byName = await #expect(throws: RPCError.self) {
                _ = try await namespaces.describeNamespace(namespace: .name(Self.uniqueName("swift-missing")))
            }
            #expect(byName?.code == .notFound)
            let byID = await #expect(throws: RPCError.self) {
                _ = try await namespaces.describeNamespace(namespace: .id(UUID().uuidString.lowercased()))
            }
            #expect(byID?.code == .notFound)
            let update = await #expect(throws: RPCError.self) {
                _ = try await namespaces.updateNamespace(
                    namespace: Self.uniqueName("swift-missing"), updateInfo: .init(description: "x"))
            }
            #expect(update?.code == .notFound)

            try await namespaces.registerNamespace(name: name, workflowExecutionRetentionPeriod: .seconds(86_400))
            let again = await #expect(throws: RPCError.self) {
                try await namespaces.registerNamespace(name: name, workflowExecutionRetentionPeriod: .seconds(86_400))
            }
            #expect(again?.code == .alreadyExists)
        }
    }
}
