public import GRPCCore

extension UntypedScheduleHandle {
    /// Describes the schedule, decoding its action's input as `inputType`.
    ///
    /// - Throws: `GRPCCore.RPCError` with code `.notFound` when the schedule does not exist.
    public func describe<Input: Sendable>(
        inputType: Input.Type = Input.self,
        callOptions: CallOptions? = nil
    ) async throws -> ScheduleDescription<Input> {
        try await client.intercepted(DescribeScheduleInput(id: id, callOptions: callOptions)) {
            try await $0.describeSchedule(input: $1, next: $2)
        } rpc: { call in
            try await service.describeSchedule(id: call.id, inputType: inputType, callOptions: call.callOptions)
        }
    }

    /// Takes the actions the schedule would have taken in the given past ranges.
    public func backfill(backfills: [ScheduleBackfill], callOptions: CallOptions? = nil) async throws {
        try await client.intercepted(BackfillScheduleInput(id: id, backfills: backfills, callOptions: callOptions)) {
            try await $0.backfillSchedule(input: $1, next: $2)
        } rpc: { call in
            try await service.backfillSchedule(id: call.id, backfills: call.backfills, callOptions: call.callOptions)
        }
    }

    /// Takes the schedule's action once, now; `overlap` overrides the schedule's overlap policy.
    public func trigger(overlap: ScheduleOverlapPolicy? = nil, callOptions: CallOptions? = nil) async throws {
        try await client.intercepted(TriggerScheduleInput(id: id, overlap: overlap, callOptions: callOptions)) {
            try await $0.triggerSchedule(input: $1, next: $2)
        } rpc: { call in
            try await service.triggerSchedule(id: call.id, overlap: call.overlap, callOptions: call.callOptions)
        }
    }

    /// Changes the schedule: `update` gets the current description and returns the new
    /// definition, or `nil` to leave it as it is.
    public func update<Input: Sendable>(
        inputType: Input.Type = Input.self,
        _ update: @Sendable (ScheduleDescription<Input>) async throws -> ScheduleUpdate<Input>?,
        callOptions: CallOptions? = nil
    ) async throws {
        // The input type stores the closure; it is only used during this call.
        try await withoutActuallyEscaping(update) { update in
            try await client.intercepted(UpdateScheduleInput(id: id, update: update, callOptions: callOptions)) {
                try await $0.updateSchedule(input: $1, next: $2)
            } rpc: { call in
                try await service.updateSchedule(
                    id: call.id, inputType: inputType, call.update, callOptions: call.callOptions)
            }
        }
    }

    /// Pauses the schedule, recording `note`.
    public func pause(note: String? = nil, callOptions: CallOptions? = nil) async throws {
        try await client.intercepted(PauseScheduleInput(id: id, note: note, callOptions: callOptions)) {
            try await $0.pauseSchedule(input: $1, next: $2)
        } rpc: { call in
            try await service.pauseSchedule(id: call.id, note: call.note, callOptions: call.callOptions)
        }
    }

    /// Unpauses the schedule, recording `note`.
    public func unpause(note: String? = nil, callOptions: CallOptions? = nil) async throws {
        try await client.intercepted(UnpauseScheduleInput(id: id, note: note, callOptions: callOptions)) {
            try await $0.unpauseSchedule(input: $1, next: $2)
        } rpc: { call in
            try await service.unpauseSchedule(id: call.id, note: call.note, callOptions: call.callOptions)
        }
    }

    /// Deletes the schedule; workflows it started keep running.
    public func delete(callOptions: CallOptions? = nil) async throws {
        try await client.intercepted(DeleteScheduleInput(id: id, callOptions: callOptions)) {
            try await $0.deleteSchedule(input: $1, next: $2)
        } rpc: { call in
            try await service.deleteSchedule(id: call.id, callOptions: call.callOptions)
        }
    }

    private var service: TemporalClient.WorkflowService { client.workflowService }
}
