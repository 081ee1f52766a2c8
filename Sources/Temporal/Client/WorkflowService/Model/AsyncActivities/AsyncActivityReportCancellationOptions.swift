public import struct GRPCCore.CallOptions

/// Options for reporting, from outside its worker, that an activity accepted its cancellation.
public struct AsyncActivityReportCancellationOptions: Sendable {
    /// Details to record with the cancellation.
    public var details: [any Sendable]

    /// Options for the call.
    public var callOptions: CallOptions?

    /// Creates the options.
    public init(details: [any Sendable], callOptions: CallOptions? = nil) {
        self.details = details
        self.callOptions = callOptions
    }
}
