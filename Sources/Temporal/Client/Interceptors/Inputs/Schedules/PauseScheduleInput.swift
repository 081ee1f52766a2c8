public import struct GRPCCore.CallOptions

/// A pause as it passes through ``ClientOutboundInterceptor/pauseSchedule(input:next:)``.
public struct PauseScheduleInput: Sendable {
    /// The schedule to pause.
    public var id: String

    /// Why, recorded on the schedule; a default note when `nil`.
    public var note: String?

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(id: String, note: String? = nil, callOptions: CallOptions? = nil) {
        self.id = id
        self.note = note
        self.callOptions = callOptions
    }
}
