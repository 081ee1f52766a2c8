package import Tracing

/// A client interceptor that traces the client's calls with swift-distributed-tracing.
///
/// Every call gets a span of kind `.client`, named after the WorkflowService method it sends
/// (`temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution:OrderWorkflow`, the
/// workflow, signal, query or update name appended where there is one), with the workflow,
/// schedule or activity it concerns as attributes, and marked as failed when the call throws.
/// Calls that carry Temporal headers (starts, signals, queries, updates) also carry the span's
/// context in the `tracingHeaderKey` header, so a worker's tracing interceptor can continue the
/// trace, whichever SDK the worker is written with.
///
/// ```swift
/// let configuration = TemporalClient.Configuration(
///     instrumentation: .init(serverHostname: host),
///     interceptors: [TemporalClientTracingInterceptor()]
/// )
/// ```
///
/// Put it last among the interceptors to have its spans describe the calls as other interceptors
/// changed them (and its header survive them).
public struct TemporalClientTracingInterceptor: ClientInterceptor {
    private let tracer: any Tracer
    private let tracingHeaderKey: String

    /// Traces with the tracer of the bootstrapped `InstrumentationSystem` (a no-op tracer until
    /// the application bootstraps one).
    ///
    /// - Parameter tracingHeaderKey: The header that carries the trace context; `_tracer-data`,
    ///   as in Temporal's other SDKs, unless changed.
    public init(tracingHeaderKey: String = "_tracer-data") {
        self.init(tracer: InstrumentationSystem.tracer, tracingHeaderKey: tracingHeaderKey)
    }

    /// Traces with `tracer` (tests pass one that records spans).
    package init(tracer: any Tracer, tracingHeaderKey: String = "_tracer-data") {
        self.tracer = tracer
        self.tracingHeaderKey = tracingHeaderKey
    }

    public var clientOutboundInterceptor: Self.Outbound? {
        Outbound(tracer: tracer, tracingHeaderKey: tracingHeaderKey)
    }
}
