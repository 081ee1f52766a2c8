public import struct GRPCCore.CallOptions

/// A signal as it passes through ``ClientOutboundInterceptor/signalWorkflow(input:next:)``.
public struct SignalWorkflowInput<each Input: Sendable>: Sendable {
    /// The workflow to signal.
    public var id: String

    /// The run to signal; `nil` means the latest run.
    public var runID: String?

    /// The signal's name.
    public var name: String

    /// Header fields sent with the signal, seen by the signal handler's interceptors.
    public var headers: [String: Api.Common.V1.Payload]

    /// The signal's arguments.
    public var input: (repeat each Input)

    /// Options for the call.
    public var callOptions: CallOptions?

    public init(
        id: String,
        runID: String? = nil,
        name: String,
        headers: [String: Api.Common.V1.Payload],
        input: repeat each Input,
        callOptions: CallOptions? = nil
    ) {
        self.id = id
        self.runID = runID
        self.name = name
        self.headers = headers
        self.input = (repeat each input)
        self.callOptions = callOptions
    }
}
