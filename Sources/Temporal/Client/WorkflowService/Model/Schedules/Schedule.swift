/// What a schedule does, when, under which rules, and whether it is paused.
public struct Schedule<Input: Sendable>: Sendable {
    /// What each scheduled run does.
    public var action: ScheduleAction<Input>

    /// When the schedule fires.
    public var specification: ScheduleSpecification

    /// Overlap, catch-up and failure rules.
    public var policy: SchedulePolicy

    /// Paused or not, with a note, and any limit on the number of runs.
    public var state: ScheduleState

    /// Creates a schedule.
    public init(
        action: ScheduleAction<Input>,
        specification: ScheduleSpecification,
        policy: SchedulePolicy = .init(),
        state: ScheduleState = .init()
    ) {
        self.action = action
        self.specification = specification
        self.policy = policy
        self.state = state
    }

    /// Creates a schedule whose input type is taken from a workflow definition.
    public init<Workflow: WorkflowDefinition>(
        workflowType: Workflow.Type = Workflow.self,
        action: ScheduleAction<Workflow.Input>,
        specification: ScheduleSpecification,
        policy: SchedulePolicy = .init(),
        state: ScheduleState = .init()
    ) where Workflow.Input == Input {
        self.init(action: action, specification: specification, policy: policy, state: state)
    }
}
