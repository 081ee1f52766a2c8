public import struct GRPCCore.CallOptions

/// A workflow start as it passes through ``ClientOutboundInterceptor/startWorkflow(input:next:)``.
public struct StartWorkflowInput<each Input: Sendable>: Sendable {
    /// The workflow type to start.
    public var name: String

    /// Id, task queue, timeouts and the other start options (the workflow id is `options.id`).
    public var options: WorkflowOptions

    /// Header fields sent with the start, seen by the workflow's inbound interceptors.
    public var headers: [String: Api.Common.V1.Payload]

    /// The workflow's arguments, converted when the start request is built.
    public var input: (repeat each Input)

    /// Overrides `options.callOptions` for the start call when set.
    public var callOptions: CallOptions?

    public init(
        name: String,
        options: WorkflowOptions,
        headers: [String: Api.Common.V1.Payload],
        input: repeat each Input,
        callOptions: CallOptions? = nil
    ) {
        self.name = name
        self.options = options
        self.headers = headers
        self.input = (repeat each input)
        self.callOptions = callOptions
    }
}
