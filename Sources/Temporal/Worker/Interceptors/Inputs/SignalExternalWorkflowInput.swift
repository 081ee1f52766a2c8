/// A signal about to be sent to a workflow that is not a child.
public struct SignalExternalWorkflowInput<each Input: Sendable>: Sendable {
    /// The sending run.
    public var info: WorkflowInfo
    /// The target's workflow id.
    public var id: String
    /// The target's run id; nil for its current run.
    public var runId: String?
    /// The signal's name.
    public var name: String
    /// Headers sent with the signal.
    public var headers: [String: Api.Common.V1.Payload]
    /// The signal's arguments, before encoding.
    public var input: (repeat each Input)

    public init(
        info: WorkflowInfo,
        id: String,
        runId: String? = nil,
        name: String,
        headers: [String: Api.Common.V1.Payload],
        input: repeat each Input
    ) {
        self.info = info
        self.id = id
        self.runId = runId
        self.name = name
        self.headers = headers
        self.input = (repeat each input)
    }
}
