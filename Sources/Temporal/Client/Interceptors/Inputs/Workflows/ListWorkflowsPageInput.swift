public import struct GRPCCore.CallOptions
public import Foundation

/// One page of a workflow listing as it passes through
/// ``ClientOutboundInterceptor/listWorkflowsPage(input:next:)``.
public struct ListWorkflowsPageInput: Sendable {
    /// The visibility query (`""` for every execution).
    public var query: String

    /// How many executions the page may hold; the server's default when `nil`.
    public var pageSize: Int?

    /// The token of the page to fetch; empty for the first.
    public var nextPageToken: Data

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(
        query: String,
        pageSize: Int? = nil,
        nextPageToken: Data = Data(),
        callOptions: CallOptions? = nil
    ) {
        self.query = query
        self.pageSize = pageSize
        self.nextPageToken = nextPageToken
        self.callOptions = callOptions
    }
}
