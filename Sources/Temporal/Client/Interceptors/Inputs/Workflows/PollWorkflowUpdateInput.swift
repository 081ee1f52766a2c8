public import struct GRPCCore.CallOptions

/// A wait for an update's outcome as it passes through
/// ``ClientOutboundInterceptor/pollWorkflowUpdate(input:next:)``.
public struct PollWorkflowUpdateInput: Sendable {
    /// The workflow the update was sent to.
    public var workflowID: String

    /// The run the update was sent to; `nil` means the latest run.
    public var runID: String?

    /// The update to wait for.
    public var updateID: String

    /// Options for the call; the long-poll deadline (asked again until there is an outcome) when
    /// `nil`.
    public var callOptions: CallOptions?

    public init(
        workflowID: String,
        runID: String? = nil,
        updateID: String,
        callOptions: CallOptions? = nil
    ) {
        self.workflowID = workflowID
        self.runID = runID
        self.updateID = updateID
        self.callOptions = callOptions
    }
}
