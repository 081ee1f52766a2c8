public import struct GRPCCore.CallOptions

/// A termination as it passes through ``ClientOutboundInterceptor/terminateWorkflow(input:next:)``.
public struct TerminateWorkflowInput<each Detail: Sendable>: Sendable {
    /// The workflow to terminate.
    public var id: String

    /// The run to terminate; `nil` means the latest run.
    public var runID: String?

    /// When set, only a run of the chain that began with this run is terminated.
    public var firstExecutionRunID: String?

    /// Why, as recorded in the run's history.
    public var reason: String?

    /// Values recorded with the termination.
    public var details: (repeat each Detail)

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(
        id: String,
        runID: String? = nil,
        firstExecutionRunID: String? = nil,
        reason: String? = nil,
        details: repeat each Detail,
        callOptions: CallOptions? = nil
    ) {
        self.id = id
        self.runID = runID
        self.firstExecutionRunID = firstExecutionRunID
        self.reason = reason
        self.details = (repeat each details)
        self.callOptions = callOptions
    }
}
