public import Foundation

extension TemporalClient {
    /// Creates a schedule that starts `Workflow` and returns a typed handle on it.
    ///
    /// - Throws: ``ScheduleAlreadyRunningError`` when a schedule with this id exists.
    public func createSchedule<Workflow: WorkflowDefinition>(
        id: String = UUID().uuidString,
        workflowType: Workflow.Type = Workflow.self,
        schedule: Schedule<Workflow.Input>,
        options: ScheduleOptions? = nil
    ) async throws -> ScheduleHandle<Workflow> {
        ScheduleHandle(untypedHandle: try await createSchedule(id: id, schedule: schedule, options: options))
    }

    /// A typed handle on an existing schedule that starts `Workflow`.
    public func scheduleHandle<Workflow: WorkflowDefinition>(id: String) -> ScheduleHandle<Workflow> {
        ScheduleHandle(untypedHandle: untypedScheduleHandle(id: id))
    }
}
