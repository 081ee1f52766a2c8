import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Temporal
import Testing

/// The client's calls on workflows: describe, history, signal-with-start, updates (started,
/// awaited later, and with start), and visibility listing and counting.
@Suite("Client")
struct ClientIntegrationTests {
    /// Collects strings from its input, signals and updates until closed.
    @Workflow
    struct Inbox {
        var items: [String] = []
        var closed = false

        mutating func run(context: WorkflowContext<Self>, input: String) async throws -> [String] {
            items.append(input)
            try await context.condition { $0.closed }
            return items
        }

        @WorkflowSignal
        mutating func post(input: String) { items.append(input) }

        @WorkflowSignal
        mutating func close(input: Void) { closed = true }

        @WorkflowQuery
        func items(input: Void) -> [String] { items }

        @WorkflowUpdate(validator: "validateAdd")
        mutating func add(input: String) async throws -> String {
            items.append(input)
            return "got \(input)"
        }

        func validateAdd(input: String) throws {
            if input.isEmpty { throw ApplicationError(message: "empty items are not allowed", type: "Empty") }
        }
    }

    @Test func describeReportsTheRunAsItIsAndAfterItClosed() async throws {
        try await withWorkerAndClient(workflows: [Inbox.self]) { client, taskQueue in
            let id = "inbox-\(UUID())"
            let handle = try await client.startWorkflow(
                type: Inbox.self, options: .init(id: id, taskQueue: taskQueue, staticSummary: "an inbox"), input: "first")
            let running = try await handle.describe()
            #expect(running.execution.workflowID == id)
            #expect(running.execution.runID == handle.resultRunID)
            #expect(running.execution.workflowType == Inbox.name)
            #expect(running.execution.taskQueue == taskQueue)
            #expect(running.execution.status == .running)
            #expect(running.execution.closeTime == nil)
            #expect(running.staticSummary == "an inbox")

            try await handle.signal(signalType: Inbox.Close.self)
            #expect(try await handle.result() == ["first"])
            let closed = try await client.untypedWorkflowHandle(id: id).describe()
            #expect(closed.execution.status == .completed)
            #expect(closed.execution.closeTime != nil)
            #expect(closed.execution.historyLength > 3)

            let missing = await #expect(throws: RPCError.self) {
                try await client.untypedWorkflowHandle(id: "no-such-\(UUID())").describe()
            }
            #expect(missing?.code == .notFound)
        }
    }

    @Test func historyIsFetchedWholeFilteredStreamedAndRoundTripsThroughJSON() async throws {
        try await withWorkerAndClient(workflows: [Inbox.self]) { client, taskQueue in
            let id = "inbox-\(UUID())"
            let handle = try await client.startWorkflow(type: Inbox.self, options: .init(id: id, taskQueue: taskQueue), input: "a")
            try await handle.signal(signalType: Inbox.Post.self, input: "b")
            try await handle.signal(signalType: Inbox.Close.self)
            _ = try await handle.result()

            let events = try await handle.fetchHistoryEvents()
            #expect(events.first?.eventType == .workflowExecutionStarted)
            #expect(events.last?.eventType == .workflowExecutionCompleted)
            #expect(events.filter { $0.eventType == .workflowExecutionSignaled }.count == 2)
            #expect(events.map(\.eventID) == Array(1...Int64(events.count)))

            var streamed: [Int64] = []
            for try await event in handle.fetchHistoryEventStream() { streamed.append(event.eventID) }
            #expect(streamed == events.map(\.eventID))

            let closeOnly = try await handle.fetchHistoryEvents(eventFilterType: .closeEvent)
            #expect(closeOnly.map(\.eventType) == [.workflowExecutionCompleted])

            let history = try await handle.fetchHistory()
            #expect(history.id == id)
            #expect(history.events == events)
            let reread = try WorkflowHistory.fromJSON(workflowID: id, jsonData: try history.toJSON())
            #expect(reread.events == events)
            #expect(throws: ArgumentError.self) { try WorkflowHistory(events: Array(events.dropFirst())) }
        }
    }

    @Test func signalWithStartStartsAWorkflowOnceAndSignalsTheOpenRunAfterwards() async throws {
        try await withWorkerAndClient(workflows: [Inbox.self]) { client, taskQueue in
            let id = "inbox-\(UUID())"
            let first = try await client.signalWithStartWorkflow(
                type: Inbox.self, input: "started", options: .init(id: id, taskQueue: taskQueue),
                signalType: Inbox.Post.self, signalInput: "hello")
            try await eventually { Set(try await first.query(queryType: Inbox.Items.self)) == ["started", "hello"] }

            // The run is open: the workflow input is ignored and the signal goes to the same run.
            let second = try await client.signalWithStartWorkflow(
                name: Inbox.name, input: "ignored", options: .init(id: id, taskQueue: taskQueue),
                signalName: Inbox.Post.name, signalInput: "again")
            #expect(second.resultRunID == first.resultRunID)

            try await first.signal(signalType: Inbox.Close.self)
            #expect(Set(try await first.result()) == ["started", "hello", "again"])
        }
    }

    @Test func updatesAreStartedAwaitedLaterAndFetchedAgainById() async throws {
        try await withWorkerAndClient(workflows: [Inbox.self]) { client, taskQueue in
            let id = "inbox-\(UUID())"
            let handle = try await client.startWorkflow(type: Inbox.self, options: .init(id: id, taskQueue: taskQueue), input: "start")

            let update = try await handle.startUpdate(
                updateType: Inbox.Add.self, updateID: "add-a", waitForStage: .accepted, input: "a")
            #expect(update.id == "add-a")
            #expect(update.workflowID == id)
            #expect(try await update.result() == "got a")
            // A fresh handle on the same update id polls the server for the outcome.
            #expect(try await handle.getUpdateHandle(updateType: Inbox.Add.self, id: "add-a").result() == "got a")

            let untyped = client.untypedWorkflowHandle(id: id)
            let byName = try await untyped.startUpdate(updateName: Inbox.Add.name, waitForStage: .completed, input: "b")
            #expect(try await byName.result(resultTypes: String.self) == "got b")
            #expect(try await untyped.executeUpdate(updateName: Inbox.Add.name, input: "c", resultTypes: String.self) == "got c")
            #expect(try await client.workflowService.executeWorkflowUpdate(workflowID: id, updateType: Inbox.Add.self, input: "d") == "got d")

            // The validator's rejection surfaces when the result is read.
            let rejected = try await handle.startUpdate(updateType: Inbox.Add.self, waitForStage: .accepted, input: "")
            let error = await #expect(throws: WorkflowUpdateFailedError.self) { try await rejected.result() }
            #expect((error?.cause as? ApplicationError)?.message == "empty items are not allowed")

            try await handle.signal(signalType: Inbox.Close.self)
            #expect(try await handle.result() == ["start", "a", "b", "c", "d"])
        }
    }

    @Test func updateWithStartStartsTheWorkflowOrUsesTheOpenRun() async throws {
        try await withWorkerAndClient(workflows: [Inbox.self]) { client, taskQueue in
            let id = "inbox-\(UUID())"
            let options = WorkflowOptions(id: id, taskQueue: taskQueue, idConflictPolicy: .useExisting)
            let first = try await client.executeUpdateWithStartWorkflow(
                type: Inbox.self, input: "started", options: options, updateType: Inbox.Add.self, updateInput: "u1")
            #expect(first == "got u1")

            let second = try await client.startUpdateWithStartWorkflow(
                type: Inbox.self, input: "ignored", options: options, updateType: Inbox.Add.self, updateInput: "u2",
                updateID: "u2-id", waitForStage: .accepted)
            #expect(second.id == "u2-id")
            #expect(second.workflowID == id)
            #expect(try await second.result() == "got u2")

            let third = try await client.executeUpdateWithStartWorkflow(
                name: Inbox.name, input: "ignored", options: options, updateName: Inbox.Add.name, updateInput: "u3",
                resultTypes: String.self)
            #expect(third == "got u3")

            let handle = client.workflowHandle(type: Inbox.self, id: id)
            try await handle.signal(signalType: Inbox.Close.self)
            let items = try await handle.result()
            #expect(Set(items) == ["started", "u1", "u2", "u3"])
            #expect(items.count == 4)
        }
    }

    @Test func listingAndCountingFollowAVisibilityQuery() async throws {
        try await withWorkerAndClient(workflows: [Inbox.self]) { client, taskQueue in
            var handles: [WorkflowHandle<Inbox>] = []
            for index in 0..<3 {
                handles.append(
                    try await client.startWorkflow(
                        type: Inbox.self, options: .init(id: "listed-\(index)-\(UUID())", taskQueue: taskQueue), input: "\(index)"))
            }
            try await handles[0].signal(signalType: Inbox.Close.self)
            _ = try await handles[0].result()

            let query = "TaskQueue = '\(taskQueue)'"
            let ids = Set(handles.map(\.id))
            // Visibility trails the executions on Temporal: poll until it caught up.
            try await eventually(timeout: .seconds(20)) {
                var listed: Set<String> = []
                for try await execution in try await client.listWorkflows(query: query) { listed.insert(execution.workflowID) }
                return listed == ids
            }
            try await eventually(timeout: .seconds(20)) {
                try await client.countWorkflows(query: "\(query) AND ExecutionStatus = 'Running'").count == 2
            }
            #expect(try await client.countWorkflows(query: query).count == 3)

            let grouped = try await client.countWorkflows(query: "\(query) GROUP BY ExecutionStatus")
            #expect(grouped.count == 3)
            #expect(grouped.groups.map(\.count).sorted() == [1, 2])

            var limited = 0
            for try await _ in try await client.listWorkflows(query: query, limit: 2) { limited += 1 }
            #expect(limited == 2)

            let firstPage = try await client.listWorkflowsPage(query: query, pageSize: 2)
            #expect(firstPage.executions.count == 2)
            #expect(!firstPage.nextPageToken.isEmpty)
            var paged = Set(firstPage.executions.map(\.workflowID))
            var token = firstPage.nextPageToken
            while !token.isEmpty {
                let page = try await client.listWorkflowsPage(query: query, pageSize: 2, nextPageToken: token)
                paged.formUnion(page.executions.map(\.workflowID))
                token = page.nextPageToken
            }
            #expect(paged == ids)

            for handle in handles.dropFirst() { try await handle.signal(signalType: Inbox.Close.self) }
        }
    }

    @Test func connectRunsABodyWithAClientAndReturnsItsResult() async throws {
        let (host, port) = try await TestServer.address()
        func transport() throws -> HTTP2ClientTransport.Posix {
            try HTTP2ClientTransport.Posix(target: .ipv4(address: host, port: port), transportSecurity: .plaintext)
        }
        let configuration = TemporalClient.Configuration(instrumentation: .init(serverHostname: host))
        let id = "unserved-\(UUID())"
        // No worker serves this queue: the run stays open until the body terminates it.
        let statuses = try await TemporalClient.connect(transport: try transport(), configuration: configuration) { client in
            let handle = try await client.startWorkflow(
                name: Inbox.name, options: .init(id: id, taskQueue: "unserved-\(UUID())"), input: "x")
            let before = try await handle.describe().execution.status
            try await handle.terminate(reason: "done looking")
            let error = await #expect(throws: WorkflowFailedError.self) { try await handle.result(resultTypes: [String].self) }
            #expect((error?.cause as? TerminatedError)?.message == "Workflow execution terminated: done looking")
            return [before, try await handle.describe().execution.status]
        }
        #expect(statuses == [.running, .terminated])

        // An error thrown by the body comes out of connect.
        await #expect(throws: ArgumentError.self) {
            try await TemporalClient.connect(transport: try transport(), configuration: configuration) { _ in
                throw ArgumentError(message: "from the body")
            }
        }
    }
}
