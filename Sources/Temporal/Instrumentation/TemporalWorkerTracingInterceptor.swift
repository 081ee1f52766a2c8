package import Tracing

/// Records a span for each workflow run, signal, query, update, activity scheduled and activity
/// run, with the tracer bootstrapped in `InstrumentationSystem`. A trace started by a client (in
/// any SDK with a tracing interceptor) continues through the `_tracer-data` header into workflow
/// code, and from there into the activities and child workflows it starts.
///
/// Workers include one by default; with no tracer bootstrapped it records nothing.
public struct TemporalWorkerTracingInterceptor: WorkerInterceptor {
    private let spans: WorkerSpans

    /// - Parameter tracingHeaderKey: The header that carries the trace context; the other SDKs use `_tracer-data`.
    public init(tracingHeaderKey: String = "_tracer-data") {
        self.init(tracer: InstrumentationSystem.tracer, tracingHeaderKey: tracingHeaderKey)
    }

    package init(tracer: any Tracer, tracingHeaderKey: String = "_tracer-data") {
        self.spans = WorkerSpans(tracer: tracer, headers: TraceHeaders(key: tracingHeaderKey))
    }

    public var workflowInboundInterceptor: WorkflowInbound? { WorkflowInbound(spans: spans) }
    public var workflowOutboundInterceptor: WorkflowOutbound? { WorkflowOutbound(spans: spans) }
    public var activityInboundInterceptor: ActivityInbound? { ActivityInbound(spans: spans) }
}
