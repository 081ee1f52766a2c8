/// A query about to reach its handler.
public struct HandleQueryInput<Query: WorkflowQueryDefinition>: Sendable {
    /// The run being queried.
    public var info: WorkflowInfo
    /// The query's id within its workflow task (empty for a legacy query).
    public var id: String
    /// The query's name.
    public var name: String
    /// The handler's definition.
    public var definition: Query
    /// Headers sent with the query.
    public var headers: [String: Api.Common.V1.Payload]
    /// The decoded input.
    public var input: Query.Input

    public init(
        info: WorkflowInfo,
        id: String,
        name: String,
        definition: Query,
        headers: [String: Api.Common.V1.Payload],
        input: Query.Input
    ) {
        self.info = info
        self.id = id
        self.name = name
        self.definition = definition
        self.headers = headers
        self.input = input
    }
}
