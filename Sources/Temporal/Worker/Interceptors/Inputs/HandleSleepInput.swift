/// A durable sleep the workflow asks for.
public struct HandleSleepInput: Sendable {
    /// The sleeping run.
    public var info: WorkflowInfo
    /// How long, in workflow time.
    public var duration: Duration
    /// A note shown with the timer in UIs.
    public var summary: String?

    public init(info: WorkflowInfo, duration: Duration, summary: String? = nil) {
        self.info = info
        self.duration = duration
        self.summary = summary
    }
}
