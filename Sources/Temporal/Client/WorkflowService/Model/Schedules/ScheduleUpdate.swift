/// The new definition of a schedule, returned from an update closure.
public struct ScheduleUpdate<Input: Sendable>: Sendable {
    /// The schedule that replaces the current one.
    public var schedule: Schedule<Input>

    /// Search attributes that replace the current ones; `nil` keeps them.
    public var searchAttributes: SearchAttributeCollection?

    /// Creates an update.
    public init(schedule: Schedule<Input>, searchAttributes: SearchAttributeCollection? = nil) {
        self.schedule = schedule
        self.searchAttributes = searchAttributes
    }

    /// Creates an update whose input type is taken from a workflow definition.
    public init<Workflow: WorkflowDefinition>(
        workflowType: Workflow.Type = Workflow.self,
        schedule: Schedule<Workflow.Input>,
        searchAttributes: SearchAttributeCollection? = nil
    ) where Workflow.Input == Input {
        self.init(schedule: schedule, searchAttributes: searchAttributes)
    }
}
