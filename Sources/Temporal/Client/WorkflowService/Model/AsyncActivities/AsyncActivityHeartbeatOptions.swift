public import struct GRPCCore.CallOptions

/// Options for heartbeating an activity from outside its worker.
public struct AsyncActivityHeartbeatOptions: Sendable {
    /// Progress details to record with the heartbeat.
    public var details: [any Sendable]

    /// Options for the call.
    public var callOptions: CallOptions?

    /// Creates the options.
    public init(details: [any Sendable], callOptions: CallOptions? = nil) {
        self.details = details
        self.callOptions = callOptions
    }
}
