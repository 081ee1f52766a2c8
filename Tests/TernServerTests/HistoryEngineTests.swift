import Foundation
import Logging
import Testing
import TernAPI
import TernCore
import TernStore
@testable import TernServer

/// The engine over an in-memory store, without a network.
@Suite("HistoryEngine")
struct HistoryEngineTests {
    let store: SQLiteStore
    let engine: HistoryEngine

    init() throws {
        store = try SQLiteStore(path: nil)
        engine = HistoryEngine(
            store: store, namespaces: NamespaceRegistry(store: store), matching: MatchingEngine(store: store), timers: TimerQueue(clock: .wall()), clock: .wall(),
            logger: Logger(label: "test"))
    }

    func namespace(retentionSeconds: Int64) async throws -> NamespaceRecord {
        var detail = Temporal_Api_Workflowservice_V1_DescribeNamespaceResponse()
        detail.namespaceInfo.id = UUID().uuidString
        detail.namespaceInfo.name = "ns-\(detail.namespaceInfo.id.prefix(8))"
        detail.namespaceInfo.state = .registered
        detail.config.workflowExecutionRetentionTtl = .init(seconds: retentionSeconds)
        let record = NamespaceRecord(detail: detail)
        try await store.createNamespace(record)
        return record
    }

    func start(_ ns: NamespaceRecord, id: String) async throws -> WorkflowKey {
        let request = StartWorkflowRequest.with {
            $0.namespace = ns.name
            $0.workflowID = id
            $0.workflowType.name = "Job"
            $0.taskQueue.name = "jobs"
            $0.requestID = UUID().uuidString
        }
        let started = try await engine.start(namespace: ns, request)
        return WorkflowKey(namespaceID: ns.id, workflowID: id, runID: started.runID)
    }

    @Test func aClosedRunIsDeletedWhenItsRetentionIsOver() async throws {
        let ns = try await namespace(retentionSeconds: 1)
        let key = try await start(ns, id: "short-lived")
        try await engine.update(key) { try $0.terminate(reason: "done", details: nil, identity: "test") }
        let timers = try await store.timerTasks(dueBy: Date().addingTimeInterval(1.5), limit: 100)
        let deletion = try #require(timers.first { $0.task.kind == .deleteHistory && $0.key == key })
        // Not a moment before it is due: the deletion timer fires at close + retention.
        #expect(deletion.task.fireTime.date > Date().addingTimeInterval(0.5))
        await engine.fire(deletion)
        #expect(try await store.workflow(key) == nil)
        #expect(try await store.historyEvents(key, from: 1, through: nil).isEmpty)
        #expect(try await store.currentExecution(namespaceID: ns.id, workflowID: "short-lived") == nil)
        await #expect(throws: TernError.self) { _ = try await engine.load(key) }
    }

    @Test func mootTasksAreDeletedInALaterBatchNotOneTransactionEach() async throws {
        let ns = try await namespace(retentionSeconds: 3600)
        let key = try await start(ns, id: "moot")
        let outbox = try await store.transferTasks().filter { $0.key == key }.map(\.id)
        #expect(!outbox.isEmpty)
        // Consuming the rows without changing the run: nothing to commit, so the rows wait for the sweep.
        try await engine.update(key, consumedTransfer: outbox) { _ in }
        #expect(try await store.transferTasks().contains { outbox.contains($0.id) })
        await engine.staleTasks.flush()
        #expect(try await store.transferTasks().allSatisfy { !outbox.contains($0.id) })
    }

    @Test func aWorkflowTaskGoesStraightToAWaitingPollInTheChangeThatSchedulesIt() async throws {
        let ns = try await namespace(retentionSeconds: 3600)
        let queue = engine.matching.queue(.init(namespaceID: ns.id, name: "jobs", type: .workflow))
        let poll = Task { await queue.poll(identity: "worker-1", until: .now + .seconds(30)) }
        while await queue.waitingPollCount == 0 { try await Task.sleep(for: .milliseconds(1)) }
        let key = try await start(ns, id: "handed")
        guard case .startedWorkflowTask(let task)? = await poll.value else {
            Issue.record("the waiting poll did not get a started workflow task")
            return
        }
        #expect(task.history.events.map(\.eventType) == [.workflowExecutionStarted, .workflowTaskScheduled, .workflowTaskStarted])
        #expect(task.history.events.last?.workflowTaskStartedEventAttributes.identity == "worker-1")
        #expect(task.startedEventID == 3)
        // One transaction: the started event is stored, and no outbox row was ever needed.
        #expect(try await store.historyEvents(key, from: 1, through: nil).count == 3)
        #expect(try await store.transferTasks().filter { $0.key == key }.isEmpty)
        #expect(await queue.waitingPollCount == 0)

        // Without a waiting poll the task takes the usual way: an outbox row, queued for the next poll.
        let queued = try await start(ns, id: "queued")
        #expect(try await store.transferTasks().contains { $0.key == queued && $0.task.kind == .workflowTask })
        #expect(await queue.backlogCount == 1)
    }

    @Test func deletingARunningWorkflowTerminatesItFirstAndFreesTheID() async throws {
        let ns = try await namespace(retentionSeconds: 3600)
        let key = try await start(ns, id: "doomed")
        try await engine.delete(key)
        #expect(try await store.workflow(key) == nil)
        let again = try await start(ns, id: "doomed")
        #expect(again.runID != key.runID)
    }
}
