import Foundation
import GRPCCore
import Temporal
import Testing

/// Client interceptors around real calls: every call kind reaches them, in order; what they
/// change (ids, headers) is what the server gets; what they return is what the caller gets.
@Suite("Client interceptors on a server")
struct ClientInterceptorIntegrationTests {
    /// Keeps notes from its input, signals and updates until closed or cancelled.
    @Workflow
    struct Notebook {
        var notes: [String] = []
        var closed = false

        mutating func run(context: WorkflowContext<Self>, input: String) async throws -> [String] {
            notes.append(input)
            try await context.condition { $0.closed }
            return notes
        }

        @WorkflowSignal
        mutating func write(input: String) { notes.append(input) }

        @WorkflowSignal
        mutating func close(input: Void) { closed = true }

        @WorkflowQuery
        func notes(input: Void) -> [String] { notes }

        @WorkflowUpdate
        mutating func append(input: String) async throws -> Int {
            notes.append(input)
            return notes.count
        }
    }

    /// Adds `header` (a string payload) to every start, signal, query and update, and rewrites
    /// started workflow ids to `<id>-<suffix>`; describes come back with `staticSummary` replaced.
    struct Stamping: Temporal.ClientInterceptor {
        let header: String
        let value: String
        var suffix: String?

        var clientOutboundInterceptor: Outbound? { Outbound(header: header, value: value, suffix: suffix) }

        struct Outbound: ClientOutboundInterceptor {
            let header: String
            let value: String
            let suffix: String?

            private var stamp: Api.Common.V1.Payload {
                get throws { try DataConverter.default.payloadConverter.convertValue(value) }
            }

            func startWorkflow<each Input>(
                input: StartWorkflowInput<repeat each Input>,
                next: (StartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
            ) async throws -> UntypedWorkflowHandle {
                var input = input
                input.headers[header] = try stamp
                if let suffix { input.options.id += "-\(suffix)" }
                return try await next(input)
            }

            func signalWorkflow<each Input>(
                input: SignalWorkflowInput<repeat each Input>,
                next: (SignalWorkflowInput<repeat each Input>) async throws -> Void
            ) async throws {
                var input = input
                input.headers[header] = try stamp
                try await next(input)
            }

            func startWorkflowUpdate<each Input>(
                input: StartWorkflowUpdateInput<repeat each Input>,
                next: (StartWorkflowUpdateInput<repeat each Input>) async throws -> UntypedWorkflowUpdateHandle
            ) async throws -> UntypedWorkflowUpdateHandle {
                var input = input
                input.headers[header] = try stamp
                return try await next(input)
            }

            func signalWithStartWorkflow<each Input>(
                input: SignalWithStartWorkflowInput<repeat each Input>,
                next: (SignalWithStartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
            ) async throws -> UntypedWorkflowHandle {
                var input = input
                input.headers[header] = try stamp
                return try await next(input)
            }

            func startUpdateWithStartWorkflow<each Input>(
                input: StartUpdateWithStartWorkflowInput<repeat each Input>,
                next: (StartUpdateWithStartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowUpdateHandle
            ) async throws -> UntypedWorkflowUpdateHandle {
                var input = input
                input.headers[header] = try stamp
                input.updateHeaders[header] = try stamp
                return try await next(input)
            }

            func describeWorkflow(
                input: DescribeWorkflowInput,
                next: (DescribeWorkflowInput) async throws -> WorkflowExecutionDescription
            ) async throws -> WorkflowExecutionDescription {
                var description = try await next(input)
                description.staticSummary = "described by \(value)"
                return description
            }
        }
    }

    /// Refuses every signal.
    struct Refusing: Temporal.ClientInterceptor {
        struct Refused: Error {}

        struct Outbound: ClientOutboundInterceptor {
            func signalWorkflow<each Input>(
                input: SignalWorkflowInput<repeat each Input>,
                next: (SignalWorkflowInput<repeat each Input>) async throws -> Void
            ) async throws {
                throw Refused()
            }
        }

        var clientOutboundInterceptor: Outbound? { Outbound() }
    }

    @Test func everyWorkflowCallGoesThroughTheInterceptorsInOrder() async throws {
        let log = CallLog()
        try await withInterceptedClient([RecordingInterceptor(log: log)], workflows: [Notebook.self]) { client, taskQueue in
            let options = WorkflowOptions(id: "notebook-\(UUID())", taskQueue: taskQueue)
            let handle = try await client.startWorkflow(type: Notebook.self, options: options, input: "a")
            try await handle.signal(signalType: Notebook.Write.self, input: "b")
            _ = try await handle.query(queryType: Notebook.Notes.self)
            let update = try await handle.startUpdate(
                updateType: Notebook.Append.self, updateID: "append-c", waitForStage: .completed, input: "c")
            #expect(try await update.result() == 3)
            // A fresh handle on the same update does not know the outcome: it polls for it.
            #expect(try await handle.getUpdateHandle(updateType: Notebook.Append.self, id: "append-c").result() == 3)
            _ = try await handle.describe()
            try await handle.cancel()
            _ = try await handle.fetchHistoryEvents()

            let other = try await client.signalWithStartWorkflow(
                type: Notebook.self, input: "x", options: .init(id: "other-\(UUID())", taskQueue: taskQueue),
                signalType: Notebook.Write.self, signalInput: "y")
            _ = try await client.startUpdateWithStartWorkflow(
                type: Notebook.self, input: "ignored", options: .init(id: other.id, taskQueue: taskQueue, idConflictPolicy: .useExisting),
                updateType: Notebook.Append.self, updateInput: "z", waitForStage: .completed)
            try await other.terminate(reason: "done")
            for try await _ in try await client.listWorkflows(query: "WorkflowId = '\(other.id)'") {}
            _ = try await client.countWorkflows(query: "WorkflowId = '\(other.id)'")
        }
        #expect(
            log.entries == [
                "startWorkflow \(Notebook.name)",
                "signalWorkflow \(Notebook.Write.name)",
                "queryWorkflow \(Notebook.Notes.name)",
                "startWorkflowUpdate \(Notebook.Append.name)",
                "pollWorkflowUpdate append-c",
                "describeWorkflow",
                "cancelWorkflow",
                "fetchWorkflowHistoryEvents",
                "signalWithStartWorkflow \(Notebook.name) \(Notebook.Write.name)",
                "startUpdateWithStartWorkflow \(Notebook.name) \(Notebook.Append.name)",
                "terminateWorkflow",
                "listWorkflows",
                "listWorkflowsPage",
                "countWorkflows",
            ])
    }

    @Test func waitingForAResultIsAHistoryFetchTheInterceptorsSee() async throws {
        let log = CallLog()
        try await withInterceptedClient([RecordingInterceptor(log: log)], workflows: [Notebook.self]) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: Notebook.self, options: .init(id: "notebook-\(UUID())", taskQueue: taskQueue), input: "only")
            try await handle.signal(signalType: Notebook.Close.self)
            #expect(try await handle.result() == ["only"])
        }
        #expect(log.entries.last == "fetchWorkflowHistoryEvents")
    }

    @Test func whatAnInterceptorChangesIsWhatTheServerGets() async throws {
        let stamping = Stamping(header: "x-tenant", value: "acme", suffix: "rewritten")
        try await withInterceptedClient([stamping], workflows: [Notebook.self]) { client, taskQueue in
            let requested = "notebook-\(UUID())"
            let handle = try await client.startWorkflow(
                type: Notebook.self, options: .init(id: requested, taskQueue: taskQueue), input: "a")
            // The handle is on the workflow the server started: the rewritten id.
            #expect(handle.id == "\(requested)-rewritten")
            try await handle.signal(signalType: Notebook.Write.self, input: "b")
            #expect(try await handle.executeUpdate(updateType: Notebook.Append.self, input: "c") == 3)
            // The describe result is the interceptor's.
            #expect(try await handle.describe().staticSummary == "described by acme")

            let events = try await handle.fetchHistoryEvents()
            let started = try #require(events.first?.workflowExecutionStartedEventAttributes)
            #expect(try decodedHeader("x-tenant", started.header) == "acme")
            let signaled = try #require(events.first { $0.eventType == .workflowExecutionSignaled })
            #expect(try decodedHeader("x-tenant", signaled.workflowExecutionSignaledEventAttributes.header) == "acme")
            let accepted = try #require(events.first { $0.eventType == .workflowExecutionUpdateAccepted })
            let update = accepted.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.input
            #expect(try decodedHeader("x-tenant", update.header) == "acme")

            // Nothing was started under the id the caller asked for.
            let missing = await #expect(throws: RPCError.self) {
                try await client.untypedWorkflowHandle(id: requested).describe()
            }
            #expect(missing?.code == .notFound)
            try await handle.signal(signalType: Notebook.Close.self)
        }
    }

    @Test func signalWithStartAndUpdateWithStartSendTheHeadersInterceptorsAdd() async throws {
        let stamping = Stamping(header: "x-tenant", value: "globex")
        try await withInterceptedClient([stamping], workflows: [Notebook.self]) { client, taskQueue in
            let id = "notebook-\(UUID())"
            let handle = try await client.signalWithStartWorkflow(
                type: Notebook.self, input: "a", options: .init(id: id, taskQueue: taskQueue),
                signalType: Notebook.Write.self, signalInput: "b")
            let count = try await client.executeUpdateWithStartWorkflow(
                type: Notebook.self, input: "ignored", options: .init(id: id, taskQueue: taskQueue, idConflictPolicy: .useExisting),
                updateType: Notebook.Append.self, updateInput: "c")
            #expect(count == 3)

            let events = try await handle.fetchHistoryEvents()
            let started = try #require(events.first?.workflowExecutionStartedEventAttributes)
            #expect(try decodedHeader("x-tenant", started.header) == "globex")
            let signaled = try #require(events.first { $0.eventType == .workflowExecutionSignaled })
            #expect(try decodedHeader("x-tenant", signaled.workflowExecutionSignaledEventAttributes.header) == "globex")
            let accepted = try #require(events.first { $0.eventType == .workflowExecutionUpdateAccepted })
            let update = accepted.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.input
            #expect(try decodedHeader("x-tenant", update.header) == "globex")
            try await handle.signal(signalType: Notebook.Close.self)
        }
    }

    @Test func theFirstConfiguredInterceptorIsOutermost() async throws {
        // Both set the same header; the inner one's value is the one sent.
        let log = CallLog()
        let interceptors: [any Temporal.ClientInterceptor] = [
            RecordingInterceptor(log: log, label: "first "),
            Stamping(header: "x-layer", value: "outer"),
            Stamping(header: "x-layer", value: "inner"),
            RecordingInterceptor(log: log, label: "last "),
        ]
        try await withInterceptedClient(interceptors, workflows: [Notebook.self]) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: Notebook.self, options: .init(id: "notebook-\(UUID())", taskQueue: taskQueue), input: "a")
            let started = try #require(try await handle.fetchHistoryEvents().first?.workflowExecutionStartedEventAttributes)
            #expect(try decodedHeader("x-layer", started.header) == "inner")
            try await handle.signal(signalType: Notebook.Close.self)
        }
        #expect(Array(log.entries.prefix(2)) == ["first startWorkflow \(Notebook.name)", "last startWorkflow \(Notebook.name)"])
    }

    @Test func anInterceptorThatThrowsKeepsTheCallFromTheServer() async throws {
        try await withInterceptedClient([Refusing()], workflows: [Notebook.self]) { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: Notebook.self, options: .init(id: "notebook-\(UUID())", taskQueue: taskQueue), input: "a")
            await #expect(throws: Refusing.Refused.self) {
                try await handle.signal(signalType: Notebook.Write.self, input: "never sent")
            }
            let events = try await handle.fetchHistoryEvents()
            #expect(!events.contains { $0.eventType == .workflowExecutionSignaled })
            try await handle.terminate()
        }
    }

    @Test func scheduleCallsGoThroughTheInterceptors() async throws {
        let log = CallLog()
        try await withInterceptedClient([RecordingInterceptor(log: log)], workflows: [Notebook.self]) { client, taskQueue in
            let id = "schedule-\(UUID())"
            let schedule = Schedule(
                action: .startWorkflow(
                    .init(workflowType: Notebook.self, options: .init(id: "run-\(id)", taskQueue: taskQueue), input: "s")),
                specification: .init(intervals: [.init(every: .seconds(3600))]))
            let handle = try await client.createSchedule(id: id, workflowType: Notebook.self, schedule: schedule)
            _ = try await handle.describe()
            try await handle.pause(note: "hold")
            try await handle.unpause(note: "go")
            try await handle.trigger()
            let now = Date()
            try await handle.backfill(backfills: [.init(startAt: now.addingTimeInterval(-7200), endAt: now.addingTimeInterval(-3600))])
            try await handle.update { description in
                var changed = description.schedule
                changed.state.note = "updated"
                return ScheduleUpdate(schedule: changed)
            }
            for try await _ in try await client.listSchedules(query: "") {}
            try await handle.delete()
        }
        #expect(
            log.entries == [
                "createSchedule", "describeSchedule", "pauseSchedule", "unpauseSchedule", "triggerSchedule",
                "backfillSchedule", "updateSchedule", "listSchedules", "deleteSchedule",
            ])
    }

    @Test func asyncActivityCallsGoThroughTheInterceptors() async throws {
        typealias Deferred = AsyncActivityIntegrationTests
        let log = CallLog()
        let parked = Deferred.Parked()
        try await withInterceptedClient(
            [RecordingInterceptor(log: log)], workflows: [Deferred.AwaitDeferred.self],
            containers: [Deferred.Deferring(parked: parked)]
        ) { client, taskQueue in
            let completed = try await client.startWorkflow(
                type: Deferred.AwaitDeferred.self, options: .init(id: "deferred-\(UUID())", taskQueue: taskQueue),
                input: "to-complete")
            let failed = try await client.startWorkflow(
                type: Deferred.AwaitDeferred.self, options: .init(id: "deferred-\(UUID())", taskQueue: taskQueue),
                input: "to-fail")
            try await eventually { parked.entry("to-complete") != nil && parked.entry("to-fail") != nil }
            let toComplete = client.asyncActivityHandle(for: .taskToken(taskToken: try #require(parked.entry("to-complete")).token))
            let toFail = client.asyncActivityHandle(for: .taskToken(taskToken: try #require(parked.entry("to-fail")).token))

            try await toComplete.heartbeat()
            try await toComplete.complete(result: "completed")
            try await toFail.fail(ApplicationError(message: "no", isNonRetryable: true))
            #expect(try await completed.result() == "completed")
            #expect(try await failed.result() == "failed: no")
            // The activity is finished: the report goes through the interceptors, and the
            // server's refusal comes back through them.
            let error = await #expect(throws: RPCError.self) { try await toComplete.reportCancellation() }
            #expect(error?.code == .notFound)
        }
        #expect(
            log.entries.filter { $0.hasSuffix("AsyncActivity") } == [
                "heartbeatAsyncActivity", "completeAsyncActivity", "failAsyncActivity", "reportCancellationAsyncActivity",
            ])
    }
}

/// A header field decoded as a string.
func decodedHeader(_ key: String, _ header: Api.Common.V1.Header) throws -> String? {
    guard let payload = header.fields[key] else { return nil }
    return try DataConverter.default.payloadConverter.convertPayload(payload, as: String.self)
}
