public import struct GRPCCore.CallOptions

/// A count as it passes through ``ClientOutboundInterceptor/countWorkflows(input:next:)``.
public struct CountWorkflowsInput: Sendable {
    /// The visibility query whose matches are counted.
    public var query: String

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(query: String, callOptions: CallOptions? = nil) {
        self.query = query
        self.callOptions = callOptions
    }
}
