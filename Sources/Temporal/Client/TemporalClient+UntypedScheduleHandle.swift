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
        let create = CreateScheduleInput(
            id: scheduleID, schedule: schedule, options: options, callOptions: options?.callOptions)
        return try await intercepted(create) {
            try await $0.createSchedule(input: $1, next: $2)
        } rpc: { call in
            try await workflowService.createSchedule(
                id: call.id, schedule: call.schedule, options: call.options,
                callOptions: call.callOptions ?? call.options?.callOptions)
            return UntypedScheduleHandle(client: self, id: call.id)
        }
    }

    /// The schedules a list query matches (`""` for all), fetched a page at a time as the
    /// sequence is iterated. Temporal's listing may trail changes by a moment.
    public func listSchedules(
        query: String = "",
        callOptions: CallOptions? = nil
    ) async throws -> some AsyncSequence<ScheduleListDescription, any Error> & Sendable {
        try await intercepted(ListSchedulesInput(query: query, callOptions: callOptions)) {
            try await $0.listSchedules(input: $1, next: $2)
        } rpc: { call in
            try await workflowService.listSchedules(query: call.query ?? "", callOptions: call.callOptions)
        }
    }

    /// A handle on an existing schedule.
    public func untypedScheduleHandle(id: String) -> UntypedScheduleHandle {
        UntypedScheduleHandle(client: self, id: id)
    }
}
