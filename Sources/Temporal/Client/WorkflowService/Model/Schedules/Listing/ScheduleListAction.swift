/// The action of a listed schedule, in brief.
public struct ScheduleListAction: Hashable, Sendable {
    /// The workflow type the schedule starts.
    public var workflow: String

    init(workflow: String) {
        self.workflow = workflow
    }
}
