import Foundation
import GRPCCore
import Temporal
import Testing
import Tracing

/// The client tracing interceptor on real calls: spans for each, and the trace context in the
/// headers the server records.
@Suite("Client tracing interceptor on a server")
struct ClientTracingInterceptorIntegrationTests {
    typealias Notebook = ClientInterceptorIntegrationTests.Notebook
    static let service = "temporal.api.workflowservice.v1.WorkflowService"

    @Test func workflowCallsAreTracedAndTheirHeadersCarryTheTrace() async throws {
        let tracer = RecordingTracer()
        let root = tracer.startSpan("caller", context: .topLevel)
        let id = "notebook-\(UUID())"
        let events = try await withInterceptedClient(
            [TemporalClientTracingInterceptor(tracer: tracer)], workflows: [Notebook.self]
        ) { client, taskQueue in
            try await ServiceContext.withValue(root.context) {
                let handle = try await client.startWorkflow(
                    type: Notebook.self, options: .init(id: id, taskQueue: taskQueue), input: "a")
                try await handle.signal(signalType: Notebook.Write.self, input: "b")
                #expect(try await handle.executeUpdate(updateType: Notebook.Append.self, input: "c") == 3)
                try await eventually { try await handle.query(queryType: Notebook.Notes.self) == ["a", "b", "c"] }
                _ = try await handle.describe()
                let events = try await handle.fetchHistoryEvents()
                try await handle.signal(signalType: Notebook.Close.self)
                return events
            }
        }
        root.end()

        let start = try #require(tracer.spans(named: "\(Self.service)/StartWorkflowExecution:\(Notebook.name)").first)
        #expect(start.kind == .client)
        #expect(start.parent == root.identity)
        #expect(start.string("temporal.workflow.id") == id)
        #expect(start.string("temporal.workflow.run-id-result")?.isEmpty == false)
        let signal = try #require(tracer.spans(named: "\(Self.service)/SignalWorkflowExecution:\(Notebook.Write.name)").first)
        let update = try #require(tracer.spans(named: "\(Self.service)/UpdateWorkflowExecution:\(Notebook.Append.name)").first)
        #expect(update.string("temporal.workflow.update-name") == Notebook.Append.name)
        #expect(!tracer.spans(named: "\(Self.service)/QueryWorkflow:\(Notebook.Notes.name)").isEmpty)
        let describe = try #require(tracer.spans(named: "\(Self.service)/DescribeWorkflowExecution").first)
        #expect(describe.string("temporal.workflow.type") == Notebook.name)
        let history = try #require(tracer.spans(named: "\(Self.service)/GetWorkflowExecutionHistory").first)
        #expect(history.attributes.get("temporal.workflow.event-history.count") == .int64(Int64(events.count)))
        #expect(tracer.spans.allSatisfy { $0.ended && $0.status == nil })

        // What the server recorded: each call's header holds its own span's context.
        let started = try #require(events.first?.workflowExecutionStartedEventAttributes)
        let startTrace = try #require(started.header.fields["_tracer-data"])
        #expect(try tracingHeaderFields(of: startTrace) == ["traceparent": start.identity.traceparent])
        let signaled = try #require(events.first { $0.eventType == .workflowExecutionSignaled })
        let signalTrace = try #require(signaled.workflowExecutionSignaledEventAttributes.header.fields["_tracer-data"])
        #expect(try tracingHeaderFields(of: signalTrace) == ["traceparent": signal.identity.traceparent])
        let accepted = try #require(events.first { $0.eventType == .workflowExecutionUpdateAccepted })
        let updateHeader = accepted.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.input.header
        let updateTrace = try #require(updateHeader.fields["_tracer-data"])
        #expect(try tracingHeaderFields(of: updateTrace) == ["traceparent": update.identity.traceparent])
    }

    @Test func aFailedCallLeavesAFailedSpan() async throws {
        let tracer = RecordingTracer()
        try await withInterceptedClient([TemporalClientTracingInterceptor(tracer: tracer)]) { client, _ in
            let error = await #expect(throws: RPCError.self) {
                try await client.untypedWorkflowHandle(id: "no-such-\(UUID())").describe()
            }
            #expect(error?.code == .notFound)
        }
        let span = try #require(tracer.spans(named: "\(Self.service)/DescribeWorkflowExecution").first)
        #expect(span.status?.code == .error)
        #expect(span.errors.first is RPCError)
        #expect(span.ended)
    }
}
