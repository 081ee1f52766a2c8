public import struct GRPCCore.CallOptions

/// A schedule listing as it passes through ``ClientOutboundInterceptor/listSchedules(input:next:)``.
public struct ListSchedulesInput: Sendable {
    /// The list query; every schedule when `nil` or empty.
    public var query: String?

    /// Options for each page's call.
    public var callOptions: CallOptions?

    public init(query: String? = nil, callOptions: CallOptions? = nil) {
        self.query = query
        self.callOptions = callOptions
    }
}
