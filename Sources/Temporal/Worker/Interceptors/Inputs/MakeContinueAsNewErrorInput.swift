/// The continue-as-new a workflow is about to ask for.
public struct MakeContinueAsNewErrorInput<each Input: Sendable>: Sendable {
    /// The run that ends.
    public var info: WorkflowInfo
    /// The workflow type of the new run.
    public var workflowName: String
    /// Options of the new run.
    public var options: ContinueAsNewOptions
    /// Headers for the new run.
    public var headers: [String: Api.Common.V1.Payload]
    /// The new run's arguments, before encoding.
    public var input: (repeat each Input)

    public init(
        info: WorkflowInfo,
        workflowName: String,
        options: ContinueAsNewOptions,
        headers: [String: Api.Common.V1.Payload],
        input: repeat each Input
    ) {
        self.info = info
        self.workflowName = workflowName
        self.options = options
        self.headers = headers
        self.input = (repeat each input)
    }
}
