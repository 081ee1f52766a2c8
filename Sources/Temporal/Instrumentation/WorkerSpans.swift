internal import Tracing

/// The spans of ``TemporalWorkerTracingInterceptor``: inbound work continues the trace its caller
/// put in the headers, outbound work puts the current trace into the headers it sends. Attribute
/// names follow the other SDKs' tracing interceptors (`temporalWorkflowID`, `temporalRunID`, …).
///
/// Workflow code runs again on every replay; spans are recorded only the first time, so a trace
/// shows each step once however often a worker rebuilds the run. While replaying, the caller's
/// context still becomes the current one, so a step that then runs live (the run was rebuilt
/// from history by another worker) records its span under the caller's.
struct WorkerSpans: Sendable {
    let tracer: any Tracer
    let headers: TraceHeaders

    private var replaying: Bool { WorkflowInstance.current?.isReplaying ?? false }

    /// A server span for work that arrived with `headers`; its parent is the caller's span.
    func inbound<Output>(
        _ name: String, headers incoming: [String: Api.Common.V1.Payload], attributes: SpanAttributes,
        _ operation: () async throws -> Output
    ) async throws -> Output {
        let parent = headers.extract(from: incoming, using: tracer, into: ServiceContext.current ?? .topLevel)
        if replaying { return try await ServiceContext.withValue(parent) { try await operation() } }
        return try await tracer.withSpan(name, context: parent, ofKind: .server) { span in
            span.attributes.merge(attributes)
            return try await operation()
        }
    }

    /// The synchronous variant, for queries and update validators.
    func inbound<Output>(
        _ name: String, headers incoming: [String: Api.Common.V1.Payload], attributes: SpanAttributes,
        _ operation: () throws -> Output
    ) throws -> Output {
        let parent = headers.extract(from: incoming, using: tracer, into: ServiceContext.current ?? .topLevel)
        if replaying { return try ServiceContext.withValue(parent) { try operation() } }
        return try tracer.withSpan(name, context: parent, ofKind: .server) { span in
            span.attributes.merge(attributes)
            return try operation()
        }
    }

    /// A client span for work sent out; `next` gets `input` with this span in its headers.
    func outbound<Input: HeaderCarrying, Output>(
        _ name: String, input: Input, attributes: SpanAttributes, next: (Input) async throws -> Output
    ) async throws -> Output {
        if replaying { return try await next(input) }
        return try await tracer.withSpan(name, ofKind: .client) { span in
            span.attributes.merge(attributes)
            var input = input
            input.headers = headers.inject(span.context, using: tracer, into: input.headers)
            return try await next(input)
        }
    }

    static func attributes(_ info: WorkflowInfo) -> SpanAttributes {
        var attributes = SpanAttributes()
        attributes["temporalWorkflowID"] = info.workflowID
        attributes["temporalRunID"] = info.runID
        return attributes
    }
}
