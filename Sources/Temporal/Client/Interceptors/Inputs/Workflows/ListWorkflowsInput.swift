public import struct GRPCCore.CallOptions

/// A workflow listing as it passes through ``ClientOutboundInterceptor/listWorkflows(input:next:)``.
public struct ListWorkflowsInput: Sendable {
    /// The visibility query (`""` for every execution).
    public var query: String

    /// The most executions the listing yields; no limit when `nil`.
    public var limit: Int?

    /// Options for each page's call.
    public var callOptions: CallOptions?

    public init(query: String, limit: Int? = nil, callOptions: CallOptions? = nil) {
        self.query = query
        self.limit = limit
        self.callOptions = callOptions
    }
}
