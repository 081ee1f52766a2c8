public import GRPCCore
public import Foundation

extension TemporalClient.WorkflowService {
    /// Creates a schedule; returns the server's conflict token.
    ///
    /// - Throws: ``ScheduleAlreadyRunningError`` when a schedule with this id exists.
    @discardableResult
    public func createSchedule<Input: Sendable>(
        id: String,
        schedule: Schedule<Input>,
        options: ScheduleOptions?
    ) async throws -> Data {
        try await createSchedule(id: id, schedule: schedule, options: options, callOptions: options?.callOptions)
    }

    /// Creates a schedule with `callOptions` rather than the options' own; returns the conflict token.
    @discardableResult
    func createSchedule<Input: Sendable>(
        id: String,
        schedule: Schedule<Input>,
        options: ScheduleOptions?,
        callOptions: CallOptions?
    ) async throws -> Data {
        var request = Api.Workflowservice.V1.CreateScheduleRequest.with {
            $0.namespace = namespace
            $0.scheduleID = id
            $0.identity = identity
            $0.requestID = UUID().uuidString
        }
        request.schedule = try await schedule.wireValue(dataConverter: dataConverter)
        if let options {
            if options.triggerImmediately || !options.backfills.isEmpty {
                request.initialPatch = .with {
                    if options.triggerImmediately {
                        $0.triggerImmediately = .with { $0.overlapPolicy = schedule.policy.overlap.wireValue }
                    }
                    $0.backfillRequest = options.backfills.map(\.wireValue)
                }
            }
            if let memo = options.memo { request.memo = try await dataConverter.convertMemo(memo) }
            if let attributes = options.searchAttributes { request.searchAttributes = attributes.wireValue }
        }
        do {
            return try await service.createSchedule(request, options: callOptions ?? .defaults).conflictToken
        } catch let error as RPCError where error.code == .alreadyExists {
            throw ScheduleAlreadyRunningError(cause: error)
        }
    }

    /// Describes a schedule, decoding its action's input as `inputType`.
    ///
    /// - Throws: `GRPCCore.RPCError` with code `.notFound` when there is no such schedule.
    public func describeSchedule<Input: Sendable>(
        id: String,
        inputType: Input.Type = Input.self,
        callOptions: CallOptions? = nil
    ) async throws -> ScheduleDescription<Input> {
        let response = try await service.describeSchedule(
            .with {
                $0.namespace = namespace
                $0.scheduleID = id
            }, options: callOptions ?? .defaults)
        return try await ScheduleDescription(wire: response, dataConverter: dataConverter)
    }

    /// Asks a schedule to take the actions it would have taken in past ranges.
    ///
    /// - Throws: ``ArgumentError`` when `backfills` is empty.
    public func backfillSchedule(
        id: String,
        backfills: some Sequence<ScheduleBackfill>,
        callOptions: CallOptions? = nil
    ) async throws {
        let requests = backfills.map(\.wireValue)
        guard !requests.isEmpty else { throw ArgumentError(message: "A backfill needs at least one time range") }
        try await patchSchedule(id: id, callOptions: callOptions) { $0.backfillRequest = requests }
    }

    /// Takes a schedule's action once, now; `overlap` overrides the schedule's overlap policy.
    public func triggerSchedule(
        id: String,
        overlap: ScheduleOverlapPolicy? = nil,
        callOptions: CallOptions? = nil
    ) async throws {
        try await patchSchedule(id: id, callOptions: callOptions) { patch in
            patch.triggerImmediately = .with {
                if let overlap { $0.overlapPolicy = overlap.wireValue }
            }
        }
    }

    /// Changes a schedule: `update` gets the current description and returns the new definition,
    /// or `nil` to leave the schedule as it is.
    public func updateSchedule<Input: Sendable>(
        id: String,
        inputType: Input.Type = Input.self,
        _ update: (ScheduleDescription<Input>) async throws -> ScheduleUpdate<Input>?,
        callOptions: CallOptions? = nil
    ) async throws {
        let current = try await describeSchedule(id: id, inputType: Input.self, callOptions: callOptions)
        guard let change = try await update(current) else { return }
        let schedule = try await change.schedule.wireValue(dataConverter: dataConverter)
        // No conflict token is sent: a change made between the describe and this call is overwritten.
        _ = try await service.updateSchedule(
            .with {
                $0.namespace = namespace
                $0.scheduleID = id
                $0.schedule = schedule
                if let attributes = change.searchAttributes { $0.searchAttributes = attributes.wireValue }
                $0.identity = identity
                $0.requestID = UUID().uuidString
            }, options: callOptions ?? .defaults)
    }

    /// Pauses a schedule, recording `note` (a default one when `nil`).
    public func pauseSchedule(id: String, note: String? = nil, callOptions: CallOptions? = nil) async throws {
        try await patchSchedule(id: id, callOptions: callOptions) { $0.pause = note ?? "Paused via swift-temporal-sdk" }
    }

    /// Unpauses a schedule, recording `note` (a default one when `nil`).
    public func unpauseSchedule(id: String, note: String? = nil, callOptions: CallOptions? = nil) async throws {
        try await patchSchedule(id: id, callOptions: callOptions) { $0.unpause = note ?? "Unpaused via swift-temporal-sdk" }
    }

    /// Deletes a schedule; workflows it started keep running.
    public func deleteSchedule(id: String, callOptions: CallOptions? = nil) async throws {
        _ = try await service.deleteSchedule(
            .with {
                $0.namespace = namespace
                $0.scheduleID = id
                $0.identity = identity
            }, options: callOptions ?? .defaults)
    }

    /// The schedules a list query matches (`""` for all), fetched a page at a time as the
    /// sequence is iterated. Temporal's listing may trail changes by a moment.
    public func listSchedules(
        query: String = "",
        callOptions: CallOptions? = nil
    ) async throws -> some AsyncSequence<ScheduleListDescription, any Error> & Sendable {
        let service = self.service
        let namespace = self.namespace
        return PaginatedSequence { token in
            let response = try await service.listSchedules(
                .with {
                    $0.namespace = namespace
                    $0.query = query
                    $0.maximumPageSize = 100
                    $0.nextPageToken = token
                }, options: callOptions ?? .defaults)
            return (response.schedules.map(ScheduleListDescription.init(wire:)), response.nextPageToken)
        }
    }

    /// Sends one PatchSchedule request carrying the patch `configure` fills in.
    private func patchSchedule(
        id: String, callOptions: CallOptions?, _ configure: (inout Api.Schedule.V1.SchedulePatch) -> Void
    ) async throws {
        var patch = Api.Schedule.V1.SchedulePatch()
        configure(&patch)
        _ = try await service.patchSchedule(
            .with {
                $0.namespace = namespace
                $0.scheduleID = id
                $0.patch = patch
                $0.identity = identity
                $0.requestID = UUID().uuidString
            }, options: callOptions ?? .defaults)
    }
}
