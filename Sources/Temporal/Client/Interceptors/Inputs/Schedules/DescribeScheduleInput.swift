public import struct GRPCCore.CallOptions

/// A schedule describe call as it passes through
/// ``ClientOutboundInterceptor/describeSchedule(input:next:)``.
public struct DescribeScheduleInput: Sendable {
    /// The schedule to describe.
    public var id: String

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(id: String, callOptions: CallOptions? = nil) {
        self.id = id
        self.callOptions = callOptions
    }
}
