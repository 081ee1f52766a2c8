import Foundation
import Testing
import TernAPI
import TernCore
@testable import TernStore

/// What every `Store` must do, whatever keeps the bytes: each body runs on SQLite
/// (`SQLiteConformanceTests`) and on PostgreSQL (`PostgresConformanceTests`).
enum StoreConformance {
    static func namespace(_ name: String) throws -> NamespaceRecord {
        try NamespaceRules.builtIn(name: name, id: "id-\(name)")
    }

    static func start(_ id: String, namespaceID: String = "ns", previous: String? = nil, run: String? = nil) -> WorkflowChange {
        let request = StartWorkflowRequest.with {
            $0.workflowID = id
            $0.workflowType.name = "Job"
            $0.taskQueue.name = "q"
            $0.requestID = "request-\(id)"
        }
        let runID = run ?? "run-\(id)"
        let machine = WorkflowMachine.start(request, namespaceID: namespaceID, runID: runID, now: Date())
        return WorkflowChange(
            key: WorkflowKey(namespaceID: namespaceID, workflowID: id, runID: runID),
            condition: .newRun(previousCurrentRunID: previous), state: machine.state, newEvents: machine.newEvents,
            transferTasks: machine.transferTasks)
    }

    // MARK: Namespaces and search attributes

    static func namespaceRoundTrip(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            var record = try namespace("orders")
            record.detail.namespaceInfo.data = ["team": "payments"]
            try await store.createNamespace(record)
            #expect(try await store.namespace(named: "orders") == record)
            #expect(try await store.namespace(id: "id-orders") == record)
            #expect(try await store.namespace(named: "missing") == nil)
        }
    }

    static func duplicateNameOrIDIsAlreadyExists(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            try await store.createNamespace(try namespace("a"))
            await #expect(throws: StoreError.alreadyExists) { try await store.createNamespace(try namespace("a")) }
            var sameID = try namespace("b")
            sameID.detail.namespaceInfo.id = "id-a"
            await #expect(throws: StoreError.alreadyExists) { try await store.createNamespace(sameID) }
        }
    }

    static func namespaceUpdateIsConditionalOnVersion(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            let original = try namespace("n")
            try await store.createNamespace(original)
            var first = original
            first.detail.namespaceInfo.description_p = "first"
            let stored = try await store.updateNamespace(first)
            #expect(stored.version == original.version + 1)
            var stale = original
            stale.detail.namespaceInfo.description_p = "stale"
            await #expect(throws: StoreError.conditionFailed) { _ = try await store.updateNamespace(stale) }
            #expect(try await store.namespace(named: "n")?.detail.namespaceInfo.description_p == "first")
            var ghost = try namespace("ghost")
            ghost.detail.namespaceInfo.description_p = "x"
            await #expect(throws: StoreError.notFound) { _ = try await store.updateNamespace(ghost) }
        }
    }

    static func namespacesListInNameOrderFromACursor(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            // "B" sorts before "a" in byte order, as SQLite compares: both stores agree.
            for name in ["c", "a", "d", "b", "B"] { try await store.createNamespace(try namespace(name)) }
            #expect(try await store.listNamespaces(afterName: nil, limit: 2).map(\.name) == ["B", "a"])
            #expect(try await store.listNamespaces(afterName: "b", limit: 10).map(\.name) == ["c", "d"])
            #expect(try await store.listNamespaces(afterName: "d", limit: 10).isEmpty)
        }
    }

    static func searchAttributesAddKeepFirstTypeAndRemove(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            try await store.createNamespace(try namespace("n"))
            try await store.addSearchAttributes(namespaceID: "id-n", ["A": .keyword, "B": .int])
            try await store.addSearchAttributes(namespaceID: "id-n", ["A": .double])
            #expect(try await store.searchAttributes(namespaceID: "id-n") == ["A": .keyword, "B": .int])
            try await store.removeSearchAttributes(namespaceID: "id-n", names: ["B", "Missing"])
            #expect(try await store.searchAttributes(namespaceID: "id-n") == ["A": .keyword])
            await #expect(throws: StoreError.notFound) {
                try await store.addSearchAttributes(namespaceID: "no-such-id", ["X": .keyword])
            }
        }
    }

    static func reopenedStoreKeepsEverything(_ backend: some StoreBackend) async throws {
        try await backend.withDatabase { database in
            try await database.withStore { store throws in
                try await store.createNamespace(try namespace("kept"))
                try await store.addSearchAttributes(namespaceID: "id-kept", ["Region": .keyword])
                _ = try await store.commit(start("w"))
            }
            try await database.withStore { store throws in
                #expect(try await store.namespace(named: "kept")?.id == "id-kept")
                #expect(try await store.searchAttributes(namespaceID: "id-kept") == ["Region": .keyword])
                #expect(try await store.workflow(WorkflowKey(namespaceID: "ns", workflowID: "w", runID: "run-w"))?.version == 1)
                #expect(try await store.transferTasks().count == 1)
            }
        }
    }

    // MARK: Schedules, deployments, version sets, batch operations

    static func schedulesAreConditionalAndListed(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            func record(_ id: String, _ namespaceID: String = "ns", token: Int64 = 1) -> ScheduleRecord {
                .with { $0.namespaceID = namespaceID; $0.scheduleID = id; $0.conflictToken = token }
            }
            for id in ["s2", "s1", "s3"] { try await store.createSchedule(record(id)) }
            try await store.createSchedule(record("s0", "other"))
            await #expect(throws: StoreError.alreadyExists) { try await store.createSchedule(record("s1")) }
            #expect(try await store.schedule(namespaceID: "ns", scheduleID: "s1") == record("s1"))
            #expect(try await store.schedule(namespaceID: "ns", scheduleID: "nope") == nil)
            try await store.updateSchedule(record("s1", token: 2), expectedToken: 1)
            await #expect(throws: StoreError.conditionFailed) { try await store.updateSchedule(record("s1", token: 3), expectedToken: 1) }
            await #expect(throws: StoreError.notFound) { try await store.updateSchedule(record("gone", token: 2), expectedToken: 1) }
            #expect(try await store.schedule(namespaceID: "ns", scheduleID: "s1")?.conflictToken == 2)
            #expect(try await store.listSchedules(namespaceID: "ns", afterID: "s1", limit: 10).map(\.scheduleID) == ["s2", "s3"])
            #expect(try await store.listSchedules(namespaceID: "ns", afterID: "", limit: 2).map(\.scheduleID) == ["s1", "s2"])
            #expect(try await store.listSchedules(namespaceID: nil, afterID: "", limit: 0).count == 4)
            try await store.deleteSchedule(namespaceID: "ns", scheduleID: "s2")
            await #expect(throws: StoreError.notFound) { try await store.deleteSchedule(namespaceID: "ns", scheduleID: "s2") }
            #expect(try await store.listSchedules(namespaceID: "ns", afterID: "", limit: 10).map(\.scheduleID) == ["s1", "s3"])
        }
    }

    static func deploymentsAreSavedReplacedListedAndDeletedPerNamespace(_ backend: some StoreBackend) async throws {
        try await backend.withDatabase { database in
            var record = WorkerDeploymentRecord.with { $0.namespaceID = "ns"; $0.name = "shop"; $0.currentBuildID = "1" }
            try await database.withStore { store throws in
                try await store.saveWorkerDeployment(record)
                record.currentBuildID = "2"
                try await store.saveWorkerDeployment(record)
                try await store.saveWorkerDeployment(.with { $0.namespaceID = "other"; $0.name = "shop" })
            }
            try await database.withStore { store throws in
                #expect(try await store.workerDeployments(namespaceID: "ns") == [record])
                try await store.deleteWorkerDeployment(namespaceID: "ns", name: "shop")
                #expect(try await store.workerDeployments(namespaceID: "ns").isEmpty)
                #expect(try await store.workerDeployments(namespaceID: "other").count == 1)
            }
        }
    }

    static func versionSetsAndBatchOperationsAreReplacedAndListed(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            var sets = TaskQueueVersionSets.with { $0.namespaceID = "ns"; $0.taskQueue = "q2"; $0.clock = 1 }
            try await store.saveTaskQueueVersionSets(sets)
            sets.clock = 2
            try await store.saveTaskQueueVersionSets(sets)
            try await store.saveTaskQueueVersionSets(.with { $0.namespaceID = "ns"; $0.taskQueue = "q1" })
            #expect(try await store.taskQueueVersionSets(namespaceID: "ns").map(\.taskQueue) == ["q1", "q2"])
            #expect(try await store.taskQueueVersionSets(namespaceID: "ns", taskQueue: "q2") == sets)
            #expect(try await store.taskQueueVersionSets(namespaceID: "ns", taskQueue: "q3") == nil)

            var job = BatchOperationRecord.with { $0.namespaceID = "ns"; $0.jobID = "j1"; $0.state = .running }
            try await store.saveBatchOperation(job)
            job.state = .completed
            try await store.saveBatchOperation(job)
            try await store.saveBatchOperation(.with { $0.namespaceID = "other"; $0.jobID = "j2" })
            #expect(try await store.batchOperation(namespaceID: "ns", jobID: "j1") == job)
            #expect(try await store.batchOperation(namespaceID: "ns", jobID: "nope") == nil)
            #expect(try await store.batchOperations(namespaceID: "ns") == [job])
            #expect(try await store.batchOperations(namespaceID: nil).count == 2)
        }
    }
}
