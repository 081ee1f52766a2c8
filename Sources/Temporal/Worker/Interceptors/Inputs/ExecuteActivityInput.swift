/// An activity about to run on this worker.
public struct ExecuteActivityInput<Activity: ActivityDefinition>: Sendable {
    /// The registered activity.
    public var definition: Activity
    /// Headers the workflow sent with it.
    public var headers: [String: Api.Common.V1.Payload]
    /// The decoded input.
    public var input: Activity.Input

    public init(
        definition: Activity,
        headers: [String: Api.Common.V1.Payload],
        input: Activity.Input
    ) {
        self.definition = definition
        self.headers = headers
        self.input = input
    }
}
