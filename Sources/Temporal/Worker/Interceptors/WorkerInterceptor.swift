/// Hooks around what a worker runs. A worker interceptor hands out up to four interceptors, one per
/// direction: into workflow code (start, signals, queries, updates), out of workflow code (timers,
/// activities, children, external workflows), into activity code, and out of it (heartbeats).
/// Any it leaves `nil` is skipped.
///
/// The worker applies them in the order of ``TemporalWorker/Configuration/interceptors``: the first
/// one sees a call first and its result last.
public protocol WorkerInterceptor: Sendable {
    associatedtype WorkflowInboundInterceptorType: WorkflowInboundInterceptor = ForwardingWorkflowInboundInterceptor
    associatedtype WorkflowOutboundInterceptorType: WorkflowOutboundInterceptor = ForwardingWorkflowOutboundInterceptor
    associatedtype ActivityInboundInterceptorType: ActivityInboundInterceptor = ForwardingActivityInboundInterceptor
    associatedtype ActivityOutboundInterceptorType: ActivityOutboundInterceptor = ForwardingActivityOutboundInterceptor

    /// Wraps the workflow's `run`, its signal, query and update handlers, and update validators.
    var workflowInboundInterceptor: WorkflowInboundInterceptorType? { get }
    /// Wraps what workflow code asks of the engine.
    var workflowOutboundInterceptor: WorkflowOutboundInterceptorType? { get }
    /// Wraps each activity run.
    var activityInboundInterceptor: ActivityInboundInterceptorType? { get }
    /// Wraps what activity code reports (heartbeats).
    var activityOutboundInterceptor: ActivityOutboundInterceptorType? { get }
}

extension WorkerInterceptor {
    public var workflowInboundInterceptor: WorkflowInboundInterceptorType? { nil }
    public var workflowOutboundInterceptor: WorkflowOutboundInterceptorType? { nil }
    public var activityInboundInterceptor: ActivityInboundInterceptorType? { nil }
    public var activityOutboundInterceptor: ActivityOutboundInterceptorType? { nil }
}

/// A workflow inbound interceptor that changes nothing.
public struct ForwardingWorkflowInboundInterceptor: WorkflowInboundInterceptor {}

/// A workflow outbound interceptor that changes nothing.
public struct ForwardingWorkflowOutboundInterceptor: WorkflowOutboundInterceptor {}

/// An activity inbound interceptor that changes nothing.
public struct ForwardingActivityInboundInterceptor: ActivityInboundInterceptor {}

/// An activity outbound interceptor that changes nothing.
public struct ForwardingActivityOutboundInterceptor: ActivityOutboundInterceptor {}
