import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Temporal
import Testing
import Tracing

/// The client tracing interceptor without a server: an interceptor behind it answers the calls
/// and keeps the headers it was given.
@Suite("Client tracing interceptor", .timeLimit(.minutes(1)))
struct ClientTracingInterceptorTests {
    static let service = "temporal.api.workflowservice.v1.WorkflowService"

    /// Answers starts (with a handle from `handles`), signals and counts itself, keeping the
    /// headers each carried; fails cancellations with ``Failed``.
    struct Answering: Temporal.ClientInterceptor {
        let handles: TemporalClient
        let seen: HeaderLog

        var clientOutboundInterceptor: Outbound? { Outbound(handles: handles, seen: seen) }

        struct Outbound: ClientOutboundInterceptor {
            let handles: TemporalClient
            let seen: HeaderLog

            func startWorkflow<each Input>(
                input: StartWorkflowInput<repeat each Input>,
                next: (StartWorkflowInput<repeat each Input>) async throws -> UntypedWorkflowHandle
            ) async throws -> UntypedWorkflowHandle {
                seen.keep("start", input.headers)
                return handles.untypedWorkflowHandle(id: input.options.id, runID: "run-1")
            }

            func signalWorkflow<each Input>(
                input: SignalWorkflowInput<repeat each Input>,
                next: (SignalWorkflowInput<repeat each Input>) async throws -> Void
            ) async throws {
                seen.keep("signal", input.headers)
            }

            func countWorkflows(
                input: CountWorkflowsInput,
                next: (CountWorkflowsInput) async throws -> WorkflowExecutionCount
            ) async throws -> WorkflowExecutionCount {
                WorkflowExecutionCount(count: 7, groups: [])
            }

            func cancelWorkflow(input: CancelWorkflowInput, next: (CancelWorkflowInput) async throws -> Void) async throws {
                throw Failed()
            }
        }
    }

    struct Failed: Error {}

    /// A client that is never connected, used only to make handles (calls through them would
    /// wait forever).
    static func handleMaker() throws -> TemporalClient {
        TemporalClient(
            transport: try HTTP2ClientTransport.Posix(target: .ipv4(address: "127.0.0.1", port: 9), transportSecurity: .plaintext),
            configuration: .init(instrumentation: .init(serverHostname: "127.0.0.1")))
    }

    @Test func eachCallGetsAClientSpanNamedAfterItsMethodAndTheHeaderCarriesItsContext() async throws {
        let tracer = RecordingTracer()
        let seen = HeaderLog()
        let interceptors: [any Temporal.ClientInterceptor] = [
            TemporalClientTracingInterceptor(tracer: tracer),
            Answering(handles: try Self.handleMaker(), seen: seen),
        ]
        try await withOfflineClient(interceptors) { client in
            let handle = try await client.startWorkflow(name: "Billing", options: .init(id: "bill-1", taskQueue: "money"))
            #expect(handle.id == "bill-1")
            // (The answered handle belongs to another client: signal through this one.)
            try await client.untypedWorkflowHandle(id: "bill-1", runID: "run-1").signal(signalName: "pay", input: 12)
            #expect(try await client.countWorkflows(query: "WorkflowType = 'Billing'").count == 7)
        }

        let spans = tracer.spans
        #expect(
            spans.map(\.operationName) == [
                "\(Self.service)/StartWorkflowExecution:Billing",
                "\(Self.service)/SignalWorkflowExecution:pay",
                "\(Self.service)/CountWorkflowExecutions",
            ])
        #expect(spans.allSatisfy { $0.kind == .client && $0.ended && $0.status == nil })
        try #require(spans.count == 3)

        let start = spans[0]
        #expect(start.string("temporal.workflow.id") == "bill-1")
        #expect(start.string("temporal.workflow.type") == "Billing")
        #expect(start.string("temporal.workflow.task-queue") == "money")
        let signal = spans[1]
        #expect(signal.string("temporal.workflow.id") == "bill-1")
        #expect(signal.string("temporal.workflow.run-id") == "run-1")
        #expect(signal.string("temporal.workflow.signal-name") == "pay")
        #expect(spans[2].attributes.get("temporal.workflow.count") == .int64(7))

        // The header holds a JSON object of what the tracer injected: the span of the call.
        #expect(try seen.traceFields("start", key: "_tracer-data") == ["traceparent": start.identity.traceparent])
        #expect(try seen.traceFields("signal", key: "_tracer-data") == ["traceparent": signal.identity.traceparent])
    }

    @Test func spansContinueTheCallersTraceAndTheHeaderKeyCanBeChanged() async throws {
        let tracer = RecordingTracer()
        let seen = HeaderLog()
        let interceptors: [any Temporal.ClientInterceptor] = [
            TemporalClientTracingInterceptor(tracer: tracer, tracingHeaderKey: "custom-trace"),
            Answering(handles: try Self.handleMaker(), seen: seen),
        ]
        let root = tracer.startSpan("caller", context: .topLevel)
        try await withOfflineClient(interceptors) { client in
            try await ServiceContext.withValue(root.context) {
                _ = try await client.startWorkflow(name: "Billing", options: .init(id: "bill-2", taskQueue: "money"))
            }
        }
        root.end()
        let start = try #require(tracer.spans(named: "\(Self.service)/StartWorkflowExecution").first)
        #expect(start.parent == root.identity)
        #expect(start.identity.traceID == root.identity.traceID)
        #expect(try seen.traceFields("start", key: "custom-trace") == ["traceparent": start.identity.traceparent])
        #expect(seen.headers("start")?["_tracer-data"] == nil)
    }

    @Test func aCallThatThrowsLeavesItsSpanMarkedAsFailed() async throws {
        let tracer = RecordingTracer()
        let interceptors: [any Temporal.ClientInterceptor] = [
            TemporalClientTracingInterceptor(tracer: tracer),
            Answering(handles: try Self.handleMaker(), seen: HeaderLog()),
        ]
        await #expect(throws: Failed.self) {
            try await withOfflineClient(interceptors) { client in
                try await client.untypedWorkflowHandle(id: "bill-3").cancel()
            }
        }
        let span = try #require(tracer.spans.first)
        #expect(span.operationName == "\(Self.service)/RequestCancelWorkflowExecution")
        #expect(span.string("temporal.workflow.id") == "bill-3")
        #expect(span.status?.code == .error)
        #expect(span.errors.count == 1 && span.errors.first is Failed)
        #expect(span.ended)
    }
}
