public import GRPCCore

extension ScheduleHandle {
    /// Describes the schedule.
    ///
    /// - Throws: `GRPCCore.RPCError` with code `.notFound` when the schedule does not exist.
    public func describe(callOptions: CallOptions? = nil) async throws -> ScheduleDescription<Workflow.Input> {
        try await untypedHandle.describe(inputType: Workflow.Input.self, callOptions: callOptions)
    }

    /// Takes the actions the schedule would have taken in the given past ranges.
    public func backfill(backfills: [ScheduleBackfill], callOptions: CallOptions? = nil) async throws {
        try await untypedHandle.backfill(backfills: backfills, callOptions: callOptions)
    }

    /// Takes the schedule's action once, now.
    public func trigger(overlap: ScheduleOverlapPolicy? = nil, callOptions: CallOptions? = nil) async throws {
        try await untypedHandle.trigger(overlap: overlap, callOptions: callOptions)
    }

    /// Changes the schedule: `update` gets the current description and returns the new
    /// definition, or `nil` to leave it as it is.
    public func update(
        _ update: @Sendable (ScheduleDescription<Workflow.Input>) async throws -> ScheduleUpdate<Workflow.Input>?,
        callOptions: CallOptions? = nil
    ) async throws {
        try await untypedHandle.update(inputType: Workflow.Input.self, update, callOptions: callOptions)
    }

    /// Pauses the schedule, recording `note`.
    public func pause(note: String? = nil, callOptions: CallOptions? = nil) async throws {
        try await untypedHandle.pause(note: note, callOptions: callOptions)
    }

    /// Unpauses the schedule, recording `note`.
    public func unpause(note: String? = nil, callOptions: CallOptions? = nil) async throws {
        try await untypedHandle.unpause(note: note, callOptions: callOptions)
    }

    /// Deletes the schedule.
    public func delete(callOptions: CallOptions? = nil) async throws {
        try await untypedHandle.delete(callOptions: callOptions)
    }
}
