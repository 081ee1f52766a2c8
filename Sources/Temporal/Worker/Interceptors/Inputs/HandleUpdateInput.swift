/// An update about to reach its validator or handler.
public struct HandleUpdateInput<Update: WorkflowUpdateDefinition>: Sendable {
    /// The run being updated.
    public var info: WorkflowInfo
    /// The update's id.
    public var id: String
    /// The update's name.
    public var name: String
    /// The handler's definition.
    public var definition: Update
    /// Headers sent with the update.
    public var headers: [String: Api.Common.V1.Payload]
    /// The decoded input.
    public var input: Update.Input

    public init(
        info: WorkflowInfo,
        id: String,
        name: String,
        definition: Update,
        headers: [String: Api.Common.V1.Payload],
        input: Update.Input
    ) {
        self.info = info
        self.id = id
        self.name = name
        self.definition = definition
        self.headers = headers
        self.input = input
    }
}
