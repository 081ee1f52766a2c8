public import GRPCCore
public import Foundation

extension TemporalClient {
    /// Creates a schedule and returns a handle on it.
    ///
    /// - Throws: ``ScheduleAlreadyRunningError`` when a schedule with this id exists.
    public func createSchedule<Input: Sendable>(
        id scheduleID: String = UUID().uuidString,
        schedule: Schedule<Input>,
        options: ScheduleOptions? = nil
    ) async throws -> UntypedScheduleHandle {
        try await workflowService.createSchedule(id: scheduleID, schedule: schedule, options: options)
        return UntypedScheduleHandle(client: self, id: scheduleID)
    }

    /// The schedules a list query matches (`""` for all), fetched a page at a time as the
    /// sequence is iterated. Temporal's listing may trail changes by a moment.
    public func listSchedules(
        query: String = "",
        callOptions: CallOptions? = nil
    ) async throws -> some AsyncSequence<ScheduleListDescription, any Error> & Sendable {
        try await workflowService.listSchedules(query: query, callOptions: callOptions)
    }

    /// A handle on an existing schedule.
    public func untypedScheduleHandle(id: String) -> UntypedScheduleHandle {
        UntypedScheduleHandle(client: self, id: id)
    }
}
