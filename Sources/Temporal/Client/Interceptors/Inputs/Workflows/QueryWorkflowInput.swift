public import struct GRPCCore.CallOptions

/// A query as it passes through ``ClientOutboundInterceptor/queryWorkflow(input:next:)``.
public struct QueryWorkflowInput<each Input: Sendable>: Sendable {
    /// The workflow to query.
    public var id: String

    /// The run to query; `nil` means the latest run.
    public var runID: String?

    /// The query's name.
    public var queryName: String

    /// When the server should refuse the query instead of running it; the client's configured
    /// condition when `nil`.
    public var rejectionCondition: Api.Enums.V1.QueryRejectCondition?

    /// Header fields sent with the query, seen by the query handler's interceptors.
    public var headers: [String: Api.Common.V1.Payload]

    /// The query's arguments.
    public var input: (repeat each Input)

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(
        id: String,
        runID: String? = nil,
        queryName: String,
        rejectionCondition: Api.Enums.V1.QueryRejectCondition? = nil,
        headers: [String: Api.Common.V1.Payload],
        input: repeat each Input,
        callOptions: CallOptions? = nil
    ) {
        self.id = id
        self.runID = runID
        self.queryName = queryName
        self.rejectionCondition = rejectionCondition
        self.headers = headers
        self.input = (repeat each input)
        self.callOptions = callOptions
    }
}
