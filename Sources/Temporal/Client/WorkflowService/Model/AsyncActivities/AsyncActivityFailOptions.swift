public import struct GRPCCore.CallOptions

/// Options for failing an activity from outside its worker.
public struct AsyncActivityFailOptions: Sendable {
    /// Heartbeat details to record with the failure (the next attempt can read them).
    public var lastHeartbeatDetails: [any Sendable]

    /// Options for the call.
    public var callOptions: CallOptions?

    /// Creates the options.
    public init(lastHeartbeatDetails: [any Sendable], callOptions: CallOptions? = nil) {
        self.lastHeartbeatDetails = lastHeartbeatDetails
        self.callOptions = callOptions
    }
}
