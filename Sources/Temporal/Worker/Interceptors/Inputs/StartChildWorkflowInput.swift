/// A child workflow about to be started.
public struct StartChildWorkflowInput<each Input: Sendable>: Sendable {
    /// The parent run.
    public var info: WorkflowInfo
    /// The child's workflow type.
    public var name: String
    /// The child's id, task queue, timeouts and policies.
    public var options: ChildWorkflowOptions
    /// Headers for the child's start.
    public var headers: [String: Api.Common.V1.Payload]
    /// The child's arguments, before encoding.
    public var input: (repeat each Input)

    public init(
        info: WorkflowInfo,
        name: String,
        options: ChildWorkflowOptions,
        headers: [String: Api.Common.V1.Payload],
        input: repeat each Input
    ) {
        self.info = info
        self.name = name
        self.options = options
        self.headers = headers
        self.input = (repeat each input)
    }
}
