import Foundation
import GRPCCore
import Temporal
import Testing

/// Schedules through the client: create, describe, trigger, pause, update, backfill, list, delete.
@Suite("Schedules")
struct ScheduleIntegrationTests {
    @Workflow
    struct Scheduled {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            "scheduled \(input)"
        }
    }

    @Test func aScheduleLivesThroughItsWholeLifecycle() async throws {
        try await withWorkerAndClient(workflows: [Scheduled.self]) { client, taskQueue in
            let id = "schedule-\(UUID())"
            let schedule = Schedule(
                action: .startWorkflow(
                    .init(workflowType: Scheduled.self, options: .init(id: "run-\(id)", taskQueue: taskQueue), input: "ping")),
                specification: .init(intervals: [.init(every: .seconds(3600))]))
            let handle = try await client.createSchedule(id: id, workflowType: Scheduled.self, schedule: schedule)
            #expect(handle.id == id)

            // Describe: the definition comes back, with the action's input typed.
            let created = try await handle.describe()
            #expect(created.schedule.specification.intervals.map(\.every) == [.seconds(3600)])
            #expect(created.schedule.state.paused == false)
            #expect(created.info.numActions == 0)
            #expect(!created.info.nextActionTimes.isEmpty)
            guard case .startWorkflow(let action) = created.schedule.action else { return }
            #expect(action.workflowName == Scheduled.name)
            #expect(action.input == "ping")
            #expect(action.options.taskQueue == taskQueue)
            let untyped = try await client.untypedScheduleHandle(id: id).describe(inputType: String.self)
            #expect(untyped.info.createdAt == created.info.createdAt)

            // A second schedule with the same id is refused.
            await #expect(throws: ScheduleAlreadyRunningError.self) {
                _ = try await client.createSchedule(id: id, schedule: schedule)
            }

            // Trigger: a run starts now, and the schedule records it.
            try await handle.trigger()
            var startedID = ""
            try await eventually(timeout: .seconds(20)) {
                let info = try await handle.describe().info
                startedID = info.recentActions.first?.action.workflowId ?? ""
                return info.numActions == 1 && !startedID.isEmpty
            }
            #expect(startedID.hasPrefix("run-\(id)"))
            #expect(try await client.workflowHandle(type: Scheduled.self, id: startedID).result() == "scheduled ping")

            // Pause and unpause, with notes.
            try await handle.pause(note: "maintenance")
            let paused = try await handle.describe().schedule.state
            #expect(paused.paused == true)
            #expect(paused.note == "maintenance")
            try await handle.unpause(note: "back")
            let unpaused = try await handle.describe().schedule.state
            #expect(unpaused.paused == false)
            #expect(unpaused.note == "back")
            try await handle.pause()
            #expect(try await handle.describe().schedule.state.note == "Paused via swift-temporal-sdk")
            try await handle.unpause()
            #expect(try await handle.describe().schedule.state.note == "Unpaused via swift-temporal-sdk")

            // Update: new input and a new interval; declining to update changes nothing.
            try await handle.update { description in
                var schedule = description.schedule
                guard case .startWorkflow(var start) = schedule.action else { return nil }
                start.input = "pong"
                schedule.action = .startWorkflow(start)
                schedule.specification.intervals = [.init(every: .seconds(7200))]
                return ScheduleUpdate(schedule: schedule)
            }
            try await handle.update { _ in nil }
            let updated = try await handle.describe()
            #expect(updated.schedule.specification.intervals.map(\.every) == [.seconds(7200)])
            guard case .startWorkflow(let updatedAction) = updated.schedule.action else { return }
            #expect(updatedAction.input == "pong")

            // Backfill: the two-hourly times of the last five hours are run now.
            let now = Date()
            try await handle.backfill(backfills: [
                ScheduleBackfill(startAt: now.addingTimeInterval(-5 * 3600), endAt: now.addingTimeInterval(-60), overlap: .allowAll)
            ])
            try await eventually(timeout: .seconds(20)) { try await handle.describe().info.numActions >= 3 }

            // List: the schedule shows up, with its workflow type.
            try await eventually(timeout: .seconds(20)) {
                for try await listed in try await client.listSchedules() where listed.id == id {
                    return listed.schedule?.action.workflow == Scheduled.name
                }
                return false
            }

            // Delete: describing it now fails with NOT_FOUND.
            try await handle.delete()
            let error = await #expect(throws: RPCError.self) { try await handle.describe() }
            #expect(error?.code == .notFound)
            #expect(error?.message == "schedule not found")
        }
    }

    @Test func calendarsPoliciesStateAndMemoRoundTrip() async throws {
        try await withWorkerAndClient(workflows: [Scheduled.self]) { client, taskQueue in
            let id = "schedule-\(UUID())"
            let weekdays = ScheduleCalendarSpecification(
                minute: [.init(value: 30)], hour: [.init(start: 8, end: 18, step: 2)], dayOfWeek: [.init(start: 1, end: 5)],
                comment: "weekday mornings")
            let schedule = Schedule(
                action: .startWorkflow(
                    .init(
                        workflowName: Scheduled.name,
                        options: .init(
                            id: "cal-\(id)", taskQueue: taskQueue, retryPolicy: RetryPolicy(maximumAttempts: 2),
                            executionTimeOut: .seconds(600)),
                        input: "calendar")),
                specification: .init(
                    calendars: [weekdays], skip: [.init(month: [.init(value: 12)])],
                    endAt: Date(timeIntervalSinceNow: 30 * 86400), jitter: .seconds(5), timeZoneName: "Europe/Paris"),
                policy: .init(overlap: .bufferOne, catchupWindow: .seconds(600), pauseOnFailure: true),
                state: .init(note: "created paused", paused: true))
            let handle = try await client.createSchedule(
                id: id, schedule: schedule, options: .init(memo: ["owner": "ops"]))

            let description = try await handle.describe(inputType: String.self)
            let spec = description.schedule.specification
            #expect(spec.calendars.count == 1)
            #expect(spec.calendars.first?.minute == [.init(value: 30)])
            #expect(spec.calendars.first?.hour == [.init(start: 8, end: 18, step: 2)])
            #expect(spec.calendars.first?.dayOfWeek == [.init(start: 1, end: 5)])
            #expect(spec.calendars.first?.comment == "weekday mornings")
            #expect(spec.skip.first?.month == [.init(value: 12)])
            #expect(spec.timeZoneName == "Europe/Paris")
            #expect(spec.jitter == .seconds(5))
            #expect(spec.endAt != nil)
            #expect(description.schedule.policy == SchedulePolicy(overlap: .bufferOne, catchupWindow: .seconds(600), pauseOnFailure: true))
            #expect(description.schedule.state.paused == true)
            #expect(description.schedule.state.note == "created paused")
            guard case .startWorkflow(let action) = description.schedule.action else { return }
            #expect(action.input == "calendar")
            #expect(action.options.retryPolicy?.maximumAttempts == 2)
            #expect(action.options.executionTimeOut == .seconds(600))
            let owner = try #require(description.memo?["owner"])
            #expect(try await DataConverter.default.convertPayload(owner.payload, as: String.self) == "ops")
            try await handle.delete()
        }
    }

    @Test func aScheduleWithoutTimesIsListedWithAnEmptySpecification() async throws {
        try await withWorkerAndClient(workflows: [Scheduled.self]) { client, taskQueue in
            let id = "schedule-\(UUID())"
            let handle = try await client.createSchedule(
                id: id,
                schedule: Schedule(
                    action: .startWorkflow(
                        .init(workflowType: Scheduled.self, options: .init(id: "run-\(id)", taskQueue: taskQueue), input: "x")),
                    specification: .init()))
            var listed: ScheduleListDescription?
            try await eventually(timeout: .seconds(20)) {
                for try await entry in try await client.listSchedules() where entry.id == id { listed = entry }
                return listed != nil
            }
            #expect(listed?.schedule?.spec == ScheduleSpecification())
            #expect(listed?.schedule?.state.isPaused == false)
            #expect(listed?.schedule?.state.note == nil)
            #expect(listed?.info?.recentActions.isEmpty == true)
            #expect(listed?.info?.nextActionTimes.isEmpty == true)
            #expect(try await handle.describe(inputType: String.self).info.nextActionTimes.isEmpty)
            try await handle.delete()
        }
    }
}
