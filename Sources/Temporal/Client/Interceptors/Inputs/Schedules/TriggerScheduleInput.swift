public import struct GRPCCore.CallOptions

/// A trigger as it passes through ``ClientOutboundInterceptor/triggerSchedule(input:next:)``.
public struct TriggerScheduleInput: Sendable {
    /// The schedule whose action is taken now.
    public var id: String

    /// Overrides the schedule's overlap policy for this action when set.
    public var overlap: ScheduleOverlapPolicy?

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(id: String, overlap: ScheduleOverlapPolicy? = nil, callOptions: CallOptions? = nil) {
        self.id = id
        self.overlap = overlap
        self.callOptions = callOptions
    }
}
