import Foundation
import Testing
import TernAPI
import TernCore
@testable import TernStore

/// List and count over real rows: the query compiler and the store together.
enum VisibilityConformance {
    static let base = Date(timeIntervalSince1970: 1_800_000_000)
    static let custom: [String: IndexedValueType] = [
        "Customer": .keyword, "Notes": .text, "Amount": .int, "Score": .double, "Vip": .bool,
        "DueAt": .datetime, "Tags": .keywordList,
    ]

    struct Seed {
        var id: String
        var type = "Order"
        var closed = false
        var attributes: [String: String] = [:]  // name -> JSON
    }

    static let seeds: [Seed] = [
        Seed(id: "order-1", attributes: ["Customer": "\"acme\"", "Amount": "5", "Score": "1.5", "Vip": "true",
                                         "Notes": "\"quick brown fox\"", "Tags": "[\"red\",\"blue\"]",
                                         "DueAt": "\"2027-01-01T00:00:00Z\""]),
        Seed(id: "order-2", closed: true, attributes: ["Customer": "\"globex\"", "Amount": "20", "Vip": "false", "Tags": "[\"green\"]"]),
        Seed(id: "invoice-3", type: "Invoice", attributes: ["Customer": "\"acme-west\"", "Amount": "12", "DueAt": "\"2026-06-01T12:00:00.5Z\""]),
        Seed(id: "invoice-4", type: "Invoice", closed: true),
    ]

    static let queries: [(String, [String])] = [
        ("", ["order-1", "order-2", "invoice-3", "invoice-4"]),
        ("WorkflowType = 'Invoice'", ["invoice-3", "invoice-4"]),
        ("ExecutionStatus = 'Running'", ["order-1", "invoice-3"]),
        ("ExecutionStatus != 'Running' AND WorkflowId STARTS_WITH 'order'", ["order-2"]),
        ("Customer = 'acme'", ["order-1"]),
        ("Customer != 'acme'", ["order-2", "invoice-3"]),
        ("Customer IN ('acme', 'globex')", ["order-1", "order-2"]),
        ("Customer NOT IN ('acme')", ["order-2", "invoice-3"]),
        ("Customer STARTS_WITH 'acme'", ["order-1", "invoice-3"]),
        ("Customer CONTAINS 'cme-w'", ["invoice-3"]),
        ("WorkflowId CONTAINS 'voice'", ["invoice-3", "invoice-4"]),
        ("WorkflowId NOT CONTAINS 'voice'", ["order-1", "order-2"]),
        ("Amount > 5", ["order-2", "invoice-3"]),
        ("Amount BETWEEN 5 AND 12", ["order-1", "invoice-3"]),
        ("Amount NOT BETWEEN 5 AND 12", ["order-2"]),
        ("Score >= 1.5", ["order-1"]),
        ("Score > 1", ["order-1"]),
        ("Vip = true", ["order-1"]),
        ("Vip = false", ["order-2"]),
        ("Notes = 'fox quick'", ["order-1"]),
        ("Notes = 'dog'", []),
        ("Tags = 'blue'", ["order-1"]),
        ("Tags != 'red'", ["order-2", "invoice-3", "invoice-4"]),
        ("DueAt = '2027-01-01T00:00:00Z'", ["order-1"]),
        ("DueAt < '2027-01-01T00:00:00Z'", ["invoice-3"]),
        ("DueAt = '2026-06-01T12:00:00.5Z'", ["invoice-3"]),
        ("Amount IS NULL", ["invoice-4"]),
        ("CloseTime IS NOT NULL", ["order-2", "invoice-4"]),
        ("(Customer = 'acme' OR Amount = 20) AND NOT Vip = true", ["order-2"]),
        ("WorkflowId = 'x\\' OR 1=1 --'", []),
    ]

    static func withSeededStore(_ backend: some StoreBackend, _ body: (any Store) async throws -> Void) async throws {
        try await backend.withStore { store throws in
            for (i, seed) in seeds.enumerated() {
                let request = StartWorkflowRequest.with {
                    $0.workflowID = seed.id
                    $0.workflowType.name = seed.type
                    $0.taskQueue.name = "q"
                    $0.requestID = seed.id
                    for (name, json) in seed.attributes {
                        $0.searchAttributes.indexedFields[name] = .with { $0.data = Data(json.utf8) }
                    }
                }
                let now = base.addingTimeInterval(Double(i))
                let machine = WorkflowMachine.start(request, namespaceID: "ns", runID: "run-\(seed.id)", now: now)
                var state = machine.state
                if seed.closed {
                    state.execution.status = .completed
                    state.execution.closeTime = now.addingTimeInterval(100).timestamp
                }
                _ = try await store.commit(WorkflowChange(
                    key: WorkflowKey(namespaceID: "ns", workflowID: seed.id, runID: "run-\(seed.id)"),
                    condition: .newRun(previousCurrentRunID: nil), state: state, newEvents: machine.newEvents,
                    searchAttributeValues: SearchAttributeRules.index(state.execution.searchAttributes, types: custom)))
            }
            try await body(store)
        }
    }

    static func ids(_ store: any Store, _ text: String) async throws -> Set<String> {
        let query = try VisibilityQuery.parse(text, customAttributes: custom, now: base)
        return Set(try await store.listWorkflows(namespaceID: "ns", query: query, pageSize: 100, pageToken: Data())
            .executions.map(\.execution.workflowID))
    }

    /// Every query of `queries` on one seeded store (one database for all of them).
    static func eachOperatorSelectsTheRightRuns(_ backend: some StoreBackend) async throws {
        try await withSeededStore(backend) { store throws in
            for (query, expected) in queries {
                #expect(try await ids(store, query) == Set(expected), "\(query)")
            }
            #expect(try await ids(store, "WorkflowId = 'x'' OR 1=1 --'").isEmpty)
        }
    }

    static func orderByAndDefaultOrder(_ backend: some StoreBackend) async throws {
        try await withSeededStore(backend) { store throws in
            let byAmount = try VisibilityQuery.parse("Amount IS NOT NULL ORDER BY Amount DESC", customAttributes: custom, now: base)
            let page = try await store.listWorkflows(namespaceID: "ns", query: byAmount, pageSize: 10, pageToken: Data())
            #expect(page.executions.map(\.execution.workflowID) == ["order-2", "invoice-3", "order-1"])
            // Runs without the attribute sort first ascending (as NULL in SQLite), on every store.
            let byCustomer = try VisibilityQuery.parse("ORDER BY Customer", customAttributes: custom, now: base)
            let customers = try await store.listWorkflows(namespaceID: "ns", query: byCustomer, pageSize: 10, pageToken: Data())
            #expect(customers.executions.map(\.execution.workflowID) == ["invoice-4", "order-1", "invoice-3", "order-2"])
            let all = try await store.listWorkflows(namespaceID: "ns", query: VisibilityQuery(), pageSize: 10, pageToken: Data())
            // Running first (newest start first), then closed, newest close first.
            #expect(all.executions.map(\.execution.workflowID) == ["invoice-3", "order-1", "invoice-4", "order-2"])
            #expect(all.executions.first?.searchAttributes.indexedFields["Customer"] != nil)
            let closed = all.executions.last
            #expect(closed?.status == .completed)
            #expect(closed?.closeTime == base.addingTimeInterval(101).timestamp)
            #expect(closed?.executionDuration.seconds == 100)
            #expect(closed?.type.name == "Order")
            #expect(closed?.taskQueue == "q")
        }
    }

    static func pagingHasNoGapsOrDuplicates(_ backend: some StoreBackend) async throws {
        try await withSeededStore(backend) { store throws in
            var seen: [String] = []
            var token = Data()
            repeat {
                let page = try await store.listWorkflows(namespaceID: "ns", query: VisibilityQuery(), pageSize: 3, pageToken: token)
                seen += page.executions.map(\.execution.workflowID)
                token = page.nextPageToken
            } while !token.isEmpty
            #expect(seen == ["invoice-3", "order-1", "invoice-4", "order-2"])
            // With an ORDER BY of its own, pages go by offset.
            let ordered = try VisibilityQuery.parse("ORDER BY WorkflowId", customAttributes: custom, now: base)
            seen = []
            repeat {
                let page = try await store.listWorkflows(namespaceID: "ns", query: ordered, pageSize: 3, pageToken: token)
                seen += page.executions.map(\.execution.workflowID)
                token = page.nextPageToken
            } while !token.isEmpty
            #expect(seen == ["invoice-3", "invoice-4", "order-1", "order-2"])
            await #expect(throws: TernError.self) {
                _ = try await store.listWorkflows(namespaceID: "ns", query: VisibilityQuery(), pageSize: 3, pageToken: Data("junk".utf8))
            }
        }
    }

    static func countGroupsByStatus(_ backend: some StoreBackend) async throws {
        try await withSeededStore(backend) { store throws in
            let grouped = try VisibilityQuery.parse("GROUP BY ExecutionStatus", customAttributes: [:], now: base)
            let result = try await store.countWorkflows(namespaceID: "ns", query: grouped)
            #expect(result.count == 4)
            #expect(Dictionary(uniqueKeysWithValues: result.groups.map { ($0.status, $0.count) }) == [.running: 2, .completed: 2])
            let filtered = try VisibilityQuery.parse("WorkflowType = 'Order'", customAttributes: [:], now: base)
            #expect(try await store.countWorkflows(namespaceID: "ns", query: filtered).count == 2)
            let contains = try VisibilityQuery.parse("Customer CONTAINS 'acme'", customAttributes: custom, now: base)
            #expect(try await store.countWorkflows(namespaceID: "ns", query: contains).count == 2)
            #expect(try await store.countWorkflows(namespaceID: "other", query: VisibilityQuery()).count == 0)
        }
    }

    /// A visibility update replaces the row and the search attribute values.
    static func visibilityFollowsUpdates(_ backend: some StoreBackend) async throws {
        try await withSeededStore(backend) { store throws in
            let key = WorkflowKey(namespaceID: "ns", workflowID: "order-1", runID: "run-order-1")
            guard var state = try await store.workflow(key)?.state else { Issue.record("no order-1"); return }
            state.execution.status = .failed
            state.execution.closeTime = base.addingTimeInterval(500).timestamp
            _ = try await store.commit(WorkflowChange(
                key: key, condition: .version(1), state: state,
                searchAttributeValues: [IndexedValue(name: "Customer", text: "initech")]))
            #expect(try await ids(store, "Customer = 'initech'") == ["order-1"])
            #expect(try await ids(store, "Customer = 'acme'").isEmpty)
            #expect(try await ids(store, "ExecutionStatus = 'Failed'") == ["order-1"])
            // A change that does not update visibility leaves the row as it was.
            state.execution.status = .terminated
            _ = try await store.commit(WorkflowChange(key: key, condition: .version(2), state: state, updatesVisibility: false))
            #expect(try await ids(store, "ExecutionStatus = 'Failed'") == ["order-1"])
        }
    }
}
