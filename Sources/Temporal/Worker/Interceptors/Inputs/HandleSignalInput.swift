/// A signal about to reach its handler.
public struct HandleSignalInput<Signal: WorkflowSignalDefinition>: Sendable {
    /// The run receiving the signal.
    public var info: WorkflowInfo
    /// The signal's name.
    public var name: String
    /// The handler's definition.
    public var definition: Signal
    /// Headers sent with the signal.
    public var headers: [String: Api.Common.V1.Payload]
    /// The decoded input.
    public var input: Signal.Input

    public init(
        info: WorkflowInfo,
        name: String,
        definition: Signal,
        headers: [String: Api.Common.V1.Payload],
        input: Signal.Input
    ) {
        self.info = info
        self.name = name
        self.definition = definition
        self.headers = headers
        self.input = input
    }
}
