public import struct GRPCCore.CallOptions

/// A schedule creation as it passes through ``ClientOutboundInterceptor/createSchedule(input:next:)``.
public struct CreateScheduleInput<Input: Sendable>: Sendable {
    /// The new schedule's id.
    public var id: String

    /// What the schedule does and when.
    public var schedule: Schedule<Input>

    /// Settings applied only at creation (trigger now, backfills, memo, search attributes).
    public var options: ScheduleOptions?

    /// Overrides `options.callOptions` for the call when set.
    public var callOptions: CallOptions?

    public init(
        id: String,
        schedule: Schedule<Input>,
        options: ScheduleOptions? = nil,
        callOptions: CallOptions? = nil
    ) {
        self.id = id
        self.schedule = schedule
        self.options = options
        self.callOptions = callOptions
    }

    /// An input for a schedule that starts `Workflow`, its input type taken from the workflow.
    public init<Workflow: WorkflowDefinition>(
        id: String,
        workflowType: Workflow.Type = Workflow.self,
        schedule: Schedule<Workflow.Input>,
        options: ScheduleOptions? = nil,
        callOptions: CallOptions? = nil
    ) where Workflow.Input == Input {
        self.init(id: id, schedule: schedule, options: options, callOptions: callOptions)
    }
}
