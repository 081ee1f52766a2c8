public import struct GRPCCore.CallOptions

/// A cancellation request as it passes through
/// ``ClientOutboundInterceptor/cancelWorkflow(input:next:)``.
public struct CancelWorkflowInput: Sendable {
    /// The workflow to cancel.
    public var id: String

    /// The run to cancel; `nil` means the latest run.
    public var runID: String?

    /// When set, only a run of the chain that began with this run is cancelled.
    public var firstExecutionRunID: String?

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(id: String, runID: String? = nil, firstExecutionRunID: String? = nil, callOptions: CallOptions? = nil) {
        self.id = id
        self.runID = runID
        self.firstExecutionRunID = firstExecutionRunID
        self.callOptions = callOptions
    }
}
