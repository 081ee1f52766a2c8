public import struct GRPCCore.CallOptions

/// Options for completing an activity from outside its worker.
public struct AsyncActivityCompleteOptions: Sendable {
    /// Options for the call.
    public var callOptions: CallOptions?

    /// Creates the options.
    public init(callOptions: CallOptions? = nil) {
        self.callOptions = callOptions
    }
}
