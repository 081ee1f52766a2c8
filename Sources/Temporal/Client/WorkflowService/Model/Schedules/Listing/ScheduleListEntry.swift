/// A listed schedule's definition, in brief.
public struct ScheduleListEntry: Hashable, Sendable {
    /// What the schedule starts.
    public var action: ScheduleListAction

    /// When it fires.
    public var spec: ScheduleSpecification

    /// Whether it is paused.
    public var state: ScheduleListState

    init(action: ScheduleListAction, spec: ScheduleSpecification, state: ScheduleListState) {
        self.action = action
        self.spec = spec
        self.state = state
    }
}
