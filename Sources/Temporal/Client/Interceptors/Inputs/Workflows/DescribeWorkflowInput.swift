public import struct GRPCCore.CallOptions

/// A describe call as it passes through ``ClientOutboundInterceptor/describeWorkflow(input:next:)``.
public struct DescribeWorkflowInput: Sendable {
    /// The workflow to describe.
    public var id: String

    /// The run to describe; `nil` means the latest run.
    public var runID: String?

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(id: String, runID: String? = nil, callOptions: CallOptions? = nil) {
        self.id = id
        self.runID = runID
        self.callOptions = callOptions
    }
}
