import Foundation
import GRPCCore
import SwiftProtobuf
import TernAPI
import TernCore
import TernStore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method

/// The Schedules API: create, describe, update, patch (trigger, backfill, pause), list,
/// matching times, delete.
struct ScheduleFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let schedules: ScheduleEngine

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
        let schedules = self.schedules

        router.unary(WorkflowService.CreateSchedule.descriptor) { (request: WorkflowService.CreateSchedule.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            try Self.validate(request.scheduleID, request.schedule)
            let schedule = try await Self.typingActionAttributes(request.schedule, namespaces, ns)
            let now = schedules.history.clock.now()
            var record = ScheduleRecord.with {
                $0.namespaceID = ns.id
                $0.namespace = ns.name
                $0.scheduleID = request.scheduleID
                $0.schedule = schedule
                $0.info.createTime = now.timestamp
                if request.hasMemo { $0.memo = request.memo }
                if request.hasSearchAttributes { $0.searchAttributes = request.searchAttributes }
                $0.conflictToken = 1
                $0.processedThrough = now.timestamp
                $0.identity = request.identity
            }
            if request.hasInitialPatch { try Self.apply(request.initialPatch, to: &record, now: now) }
            try await schedules.create(record)
            var response = WorkflowService.CreateSchedule.Output()
            response.conflictToken = Self.token(record.conflictToken)
            return response
        }

        router.unary(WorkflowService.DescribeSchedule.descriptor) { (request: WorkflowService.DescribeSchedule.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let record = try await Self.load(schedules, ns, request.scheduleID)
            let spec = try CompiledScheduleSpec(record.schedule.spec)
            var response = WorkflowService.DescribeSchedule.Output()
            response.schedule = record.schedule
            response.schedule.spec = try CompiledScheduleSpec.canonical(record.schedule.spec)
            response.info = record.info
            response.info.futureActionTimes = Self.futureTimes(record, spec, count: 10, now: schedules.history.clock.now())
            if record.hasMemo { response.memo = record.memo }
            if record.hasSearchAttributes { response.searchAttributes = record.searchAttributes }
            response.conflictToken = Self.token(record.conflictToken)
            return response
        }

        router.unary(WorkflowService.UpdateSchedule.descriptor) { (request: WorkflowService.UpdateSchedule.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            try Self.validate(request.scheduleID, request.schedule)
            let schedule = try await Self.typingActionAttributes(request.schedule, namespaces, ns)
            let expected = request.conflictToken.isEmpty ? nil : Self.token(request.conflictToken)
            let key = ScheduleEngine.Key(namespaceID: ns.id, scheduleID: request.scheduleID)
            try await schedules.modify(key, expectedToken: expected, bumpToken: true) { record in
                record.schedule = schedule
                if request.hasSearchAttributes { record.searchAttributes = request.searchAttributes }
                if request.hasMemo { record.memo = request.memo }
                // The new spec applies from now on; times between the old and new spec are not run.
                record.processedThrough = schedules.history.clock.now().timestamp
            }
            return WorkflowService.UpdateSchedule.Output()
        }

        router.unary(WorkflowService.PatchSchedule.descriptor) { (request: WorkflowService.PatchSchedule.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let key = ScheduleEngine.Key(namespaceID: ns.id, scheduleID: request.scheduleID)
            try await schedules.modify(key, bumpToken: true) { record in
                try Self.apply(request.patch, to: &record, now: schedules.history.clock.now())
            }
            return WorkflowService.PatchSchedule.Output()
        }

        router.unary(WorkflowService.DeleteSchedule.descriptor) { (request: WorkflowService.DeleteSchedule.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            try await schedules.delete(.init(namespaceID: ns.id, scheduleID: request.scheduleID))
            return WorkflowService.DeleteSchedule.Output()
        }

        router.unary(WorkflowService.ListScheduleMatchingTimes.descriptor) { (request: WorkflowService.ListScheduleMatchingTimes.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let record = try await Self.load(schedules, ns, request.scheduleID)
            let spec = try CompiledScheduleSpec(record.schedule.spec)
            if request.endTime.date < request.startTime.date {
                throw TernError.invalidArgument("EndTime is before StartTime.")
            }
            var response = WorkflowService.ListScheduleMatchingTimes.Output()
            let from = request.startTime.date.addingTimeInterval(-0.001)  // the start itself may match
            response.startTime = spec.matchingTimes(from: from, to: request.endTime.date, limit: 1000)
                .map { $0.timestamp }
            return response
        }

        router.unary(WorkflowService.ListSchedules.descriptor) { (request: WorkflowService.ListSchedules.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let filter = try await Self.filter(request.query, ns, namespaces, now: schedules.history.clock.now())
            let pageSize = request.maximumPageSize > 0 ? Int(request.maximumPageSize) : 1000
            let after = String(decoding: request.nextPageToken, as: UTF8.self)
            var entries: [Temporal_Api_Schedule_V1_ScheduleListEntry] = []
            var cursor = after
            var more = false
            while entries.count < pageSize {
                let batch = try await schedules.store.listSchedules(namespaceID: ns.id, afterID: cursor, limit: pageSize)
                guard let last = batch.last else { break }
                cursor = last.scheduleID
                for record in batch where filter(record) {
                    if entries.count == pageSize { more = true; break }
                    entries.append(try Self.listEntry(record, now: schedules.history.clock.now()))
                }
                if more || batch.count < pageSize { break }
            }
            var response = WorkflowService.ListSchedules.Output()
            response.schedules = entries
            if more || entries.count == pageSize, let last = entries.last {
                response.nextPageToken = Data(last.scheduleID.utf8)
            }
            return response
        }

        router.unary(WorkflowService.CountSchedules.descriptor) { (request: WorkflowService.CountSchedules.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let filter = try await Self.filter(request.query, ns, namespaces, now: schedules.history.clock.now())
            var count: Int64 = 0
            var cursor = ""
            while true {
                let batch = try await schedules.store.listSchedules(namespaceID: ns.id, afterID: cursor, limit: 1000)
                guard let last = batch.last else { break }
                cursor = last.scheduleID
                count += Int64(batch.filter(filter).count)
                if batch.count < 1000 { break }
            }
            var response = WorkflowService.CountSchedules.Output()
            response.count = count
            return response
        }
    }

    /// The schedules a ListSchedules or CountSchedules query selects.
    static func filter(
        _ text: String, _ ns: NamespaceRecord, _ namespaces: NamespaceRegistry, now: Date
    ) async throws -> @Sendable (ScheduleRecord) -> Bool {
        let types = try await namespaces.searchAttributes(namespace: ns.name)
        guard let filter = try ScheduleQuery.parse(text, customAttributes: types, now: now).filter else {
            return { _ in true }
        }
        return { record in
            filter.matches(ScheduleQuery.record(
                scheduleID: record.scheduleID, paused: record.schedule.state.paused,
                searchAttributes: record.searchAttributes, types: types))
        }
    }

    static func load(_ schedules: ScheduleEngine, _ ns: NamespaceRecord, _ id: String) async throws -> ScheduleRecord {
        guard let record = try await schedules.store.schedule(namespaceID: ns.id, scheduleID: id) else {
            throw ScheduleEngine.notFound(id)
        }
        return record
    }

    /// Checks the action's search attributes against the namespace and types the untyped ones.
    static func typingActionAttributes(
        _ schedule: Temporal_Api_Schedule_V1_Schedule, _ namespaces: NamespaceRegistry, _ ns: NamespaceRecord
    ) async throws -> Temporal_Api_Schedule_V1_Schedule {
        let defined = try await namespaces.searchAttributes(namespace: ns.name)
        let attributes = schedule.action.startWorkflow.searchAttributes
        try SearchAttributeRules.validateUse(attributes, defined: defined)
        guard !attributes.indexedFields.isEmpty else { return schedule }
        var typed = schedule
        typed.action.startWorkflow.searchAttributes = SearchAttributeRules.typed(attributes, types: defined)
        return typed
    }

    static func validate(_ scheduleID: String, _ schedule: Temporal_Api_Schedule_V1_Schedule) throws {
        if scheduleID.isEmpty { throw TernError.invalidArgument("ScheduleId is not set on request.") }
        guard case .startWorkflow(let start) = schedule.action.action else {
            throw TernError.invalidArgument("Schedule action is not set: a schedule starts a workflow (action.start_workflow).")
        }
        if start.workflowID.isEmpty { throw TernError.invalidArgument("Schedule action: WorkflowId is not set.") }
        if start.workflowType.name.isEmpty { throw TernError.invalidArgument("Schedule action: WorkflowType is not set.") }
        if start.taskQueue.name.isEmpty { throw TernError.invalidArgument("Schedule action: TaskQueue is not set.") }
        _ = try CompiledScheduleSpec(schedule.spec)
    }

    /// Pause/unpause, trigger-now and backfills, as PatchSchedule (and a create's initial patch) ask.
    static func apply(_ patch: Temporal_Api_Schedule_V1_SchedulePatch, to record: inout ScheduleRecord, now: Date) throws {
        if !patch.pause.isEmpty {
            record.schedule.state.paused = true
            record.schedule.state.notes = patch.pause
        }
        if !patch.unpause.isEmpty {
            record.schedule.state.paused = false
            record.schedule.state.notes = patch.unpause
            record.processedThrough = now.timestamp  // times that passed while paused are not run
        }
        if patch.hasTriggerImmediately {
            let at = patch.triggerImmediately.hasScheduledTime ? patch.triggerImmediately.scheduledTime : now.timestamp
            record.buffered.append(.with {
                $0.nominalTime = at
                $0.desiredTime = now.timestamp
                $0.overlapPolicy = patch.triggerImmediately.overlapPolicy
                $0.manual = true
            })
        }
        if !patch.backfillRequest.isEmpty {
            let spec = try CompiledScheduleSpec(record.schedule.spec)
            for backfill in patch.backfillRequest {
                // Both ends of a backfill range count, as in Temporal.
                let from = backfill.startTime.date.addingTimeInterval(-0.001)
                for time in spec.matchingTimes(from: from, to: backfill.endTime.date, limit: 100_000) {
                    record.buffered.append(.with {
                        $0.nominalTime = time.timestamp
                        $0.desiredTime = now.timestamp
                        $0.overlapPolicy = backfill.overlapPolicy
                        $0.manual = true
                    })
                }
            }
        }
    }

    static func futureTimes(_ record: ScheduleRecord, _ spec: CompiledScheduleSpec, count: Int, now: Date) -> [Google_Protobuf_Timestamp] {
        // A paused schedule still shows when it would run, as Temporal's does.
        if record.schedule.state.limitedActions && record.schedule.state.remainingActions <= 0 { return [] }
        var times: [Google_Protobuf_Timestamp] = []
        var from = max(now, record.processedThrough.date)
        var limit = record.schedule.state.limitedActions ? Int(record.schedule.state.remainingActions) : count
        limit = min(limit, count)
        while times.count < limit, let next = spec.nextTime(after: from) {
            times.append(spec.jittered(next, seed: record.scheduleID).timestamp)
            from = next
        }
        return times
    }

    static func listEntry(_ record: ScheduleRecord, now: Date) throws -> Temporal_Api_Schedule_V1_ScheduleListEntry {
        let spec = try CompiledScheduleSpec(record.schedule.spec)
        return .with {
            $0.scheduleID = record.scheduleID
            if record.hasMemo { $0.memo = record.memo }
            if record.hasSearchAttributes { $0.searchAttributes = record.searchAttributes }
            $0.info = .with {
                $0.spec = (try? CompiledScheduleSpec.canonical(record.schedule.spec)) ?? record.schedule.spec
                $0.workflowType = record.schedule.action.startWorkflow.workflowType
                $0.notes = record.schedule.state.notes
                $0.paused = record.schedule.state.paused
                $0.recentActions = record.info.recentActions
                $0.futureActionTimes = futureTimes(record, spec, count: 5, now: now)
            }
        }
    }

    static func token(_ value: Int64) -> Data { Data(String(value).utf8) }
    static func token(_ data: Data) -> Int64 { Int64(String(decoding: data, as: UTF8.self)) ?? -1 }
}
