/// A signal about to be sent to a child workflow.
public struct SignalChildWorkflowInput<each Input: Sendable>: Sendable {
    /// The child's workflow id.
    public var id: String
    /// The signal's name.
    public var name: String
    /// Headers sent with the signal.
    public var headers: [String: Api.Common.V1.Payload]
    /// The signal's arguments, before encoding.
    public var input: (repeat each Input)

    public init(
        id: String,
        name: String,
        headers: [String: Api.Common.V1.Payload],
        input: repeat each Input
    ) {
        self.id = id
        self.name = name
        self.headers = headers
        self.input = (repeat each input)
    }
}
