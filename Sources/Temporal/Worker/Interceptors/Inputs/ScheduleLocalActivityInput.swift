/// A local activity the workflow is about to run.
public struct ScheduleLocalActivityInput<each Input: Sendable>: Sendable {
    /// The calling run.
    public var info: WorkflowInfo
    /// The activity type.
    public var name: String
    /// Timeouts and retries.
    public var options: LocalActivityOptions
    /// Headers handed to the activity.
    public var headers: [String: Api.Common.V1.Payload]
    /// The activity's arguments, before encoding.
    public var input: (repeat each Input)

    public init(
        info: WorkflowInfo,
        name: String,
        options: LocalActivityOptions,
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
