public import struct GRPCCore.CallOptions

/// A schedule change as it passes through ``ClientOutboundInterceptor/updateSchedule(input:next:)``.
public struct UpdateScheduleInput<Input: Sendable>: Sendable {
    /// The schedule to change.
    public var id: String

    /// Gets the schedule's current description and returns its new definition, or `nil` to leave
    /// it unchanged.
    public var update: @Sendable (ScheduleDescription<Input>) async throws -> ScheduleUpdate<Input>?

    /// Options for the describe and update calls.
    public var callOptions: CallOptions?

    public init(
        id: String,
        update: @Sendable @escaping (ScheduleDescription<Input>) async throws -> ScheduleUpdate<Input>?,
        callOptions: CallOptions? = nil
    ) {
        self.id = id
        self.update = update
        self.callOptions = callOptions
    }

    /// An input for a schedule that starts `Workflow`, its input type taken from the workflow.
    public init<Workflow: WorkflowDefinition>(
        id: String,
        workflowType: Workflow.Type = Workflow.self,
        update: @Sendable @escaping (ScheduleDescription<Input>) async throws -> ScheduleUpdate<Input>?,
        callOptions: CallOptions? = nil
    ) where Workflow.Input == Input {
        self.init(id: id, update: update, callOptions: callOptions)
    }
}
