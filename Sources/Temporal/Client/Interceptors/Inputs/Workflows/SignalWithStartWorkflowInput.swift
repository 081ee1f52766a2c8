public import struct GRPCCore.CallOptions

/// A signal-with-start as it passes through
/// ``ClientOutboundInterceptor/signalWithStartWorkflow(input:next:)``.
public struct SignalWithStartWorkflowInput<each Input: Sendable>: Sendable {
    /// The workflow type to start when no run is open.
    public var name: String

    /// The start options; `options.id` names the workflow that gets the signal.
    public var options: WorkflowOptions

    /// Header fields sent with the call (they reach both the start and the signal).
    public var headers: [String: Api.Common.V1.Payload]

    /// The workflow's arguments, used only if the call starts a run.
    public var input: (repeat each Input)

    /// Overrides `options.callOptions` for the call when set.
    public var callOptions: CallOptions?

    /// The signal to send.
    public var signalName: String

    /// The signal's arguments. A type has one parameter pack at most, so these are kept as a
    /// list of values; each is converted on its own.
    public var signalInput: [any Sendable]

    public init(
        name: String,
        options: WorkflowOptions,
        headers: [String: Api.Common.V1.Payload],
        input: repeat each Input,
        callOptions: CallOptions? = nil,
        signalName: String,
        signalInput: [any Sendable]
    ) {
        self.name = name
        self.options = options
        self.headers = headers
        self.input = (repeat each input)
        self.callOptions = callOptions
        self.signalName = signalName
        self.signalInput = signalInput
    }
}
