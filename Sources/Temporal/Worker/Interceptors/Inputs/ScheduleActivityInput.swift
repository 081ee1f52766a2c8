/// An activity the workflow is about to schedule.
public struct ScheduleActivityInput<each Input: Sendable>: Sendable {
    /// The scheduling run.
    public var info: WorkflowInfo
    /// The activity type.
    public var name: String
    /// Timeouts, retries, task queue.
    public var options: ActivityOptions
    /// Headers sent to the activity.
    public var headers: [String: Api.Common.V1.Payload]
    /// The activity's arguments, before encoding.
    public var input: (repeat each Input)

    public init(
        info: WorkflowInfo,
        name: String,
        options: ActivityOptions,
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
