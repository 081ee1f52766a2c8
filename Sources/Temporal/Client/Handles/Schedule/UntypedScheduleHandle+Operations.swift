public import GRPCCore

extension UntypedScheduleHandle {
    /// Describes the schedule, decoding its action's input as `inputType`.
    ///
    /// - Throws: `GRPCCore.RPCError` with code `.notFound` when the schedule does not exist.
    public func describe<Input: Sendable>(
        inputType: Input.Type = Input.self,
        callOptions: CallOptions? = nil
    ) async throws -> ScheduleDescription<Input> {
        try await client.workflowService.describeSchedule(id: id, inputType: inputType, callOptions: callOptions)
    }

    /// Takes the actions the schedule would have taken in the given past ranges.
    public func backfill(backfills: [ScheduleBackfill], callOptions: CallOptions? = nil) async throws {
        try await client.workflowService.backfillSchedule(id: id, backfills: backfills, callOptions: callOptions)
    }

    /// Takes the schedule's action once, now; `overlap` overrides the schedule's overlap policy.
    public func trigger(overlap: ScheduleOverlapPolicy? = nil, callOptions: CallOptions? = nil) async throws {
        try await client.workflowService.triggerSchedule(id: id, overlap: overlap, callOptions: callOptions)
    }

    /// Changes the schedule: `update` gets the current description and returns the new
    /// definition, or `nil` to leave it as it is.
    public func update<Input: Sendable>(
        inputType: Input.Type = Input.self,
        _ update: @Sendable (ScheduleDescription<Input>) async throws -> ScheduleUpdate<Input>?,
        callOptions: CallOptions? = nil
    ) async throws {
        try await client.workflowService.updateSchedule(id: id, inputType: inputType, update, callOptions: callOptions)
    }

    /// Pauses the schedule, recording `note`.
    public func pause(note: String? = nil, callOptions: CallOptions? = nil) async throws {
        try await client.workflowService.pauseSchedule(id: id, note: note, callOptions: callOptions)
    }

    /// Unpauses the schedule, recording `note`.
    public func unpause(note: String? = nil, callOptions: CallOptions? = nil) async throws {
        try await client.workflowService.unpauseSchedule(id: id, note: note, callOptions: callOptions)
    }

    /// Deletes the schedule; workflows it started keep running.
    public func delete(callOptions: CallOptions? = nil) async throws {
        try await client.workflowService.deleteSchedule(id: id, callOptions: callOptions)
    }
}
