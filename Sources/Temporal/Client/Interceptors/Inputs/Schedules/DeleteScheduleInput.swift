public import struct GRPCCore.CallOptions

/// A schedule deletion as it passes through ``ClientOutboundInterceptor/deleteSchedule(input:next:)``.
public struct DeleteScheduleInput: Sendable {
    /// The schedule to delete.
    public var id: String

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(id: String, callOptions: CallOptions? = nil) {
        self.id = id
        self.callOptions = callOptions
    }
}
