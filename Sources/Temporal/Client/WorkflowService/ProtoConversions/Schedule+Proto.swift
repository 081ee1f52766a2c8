import Foundation
import SwiftProtobuf

extension Schedule {
    /// The wire form of the schedule.
    func wireValue(dataConverter: DataConverter) async throws -> Api.Schedule.V1.Schedule {
        let action = try await action.wireValue(dataConverter: dataConverter)
        return .with {
            $0.action = action
            $0.spec = specification.wireValue
            $0.policies = policy.wireValue
            $0.state = state.wireValue
        }
    }

    /// A schedule read from the server, its action's input decoded as `Input`.
    init(wire: Api.Schedule.V1.Schedule, dataConverter: DataConverter) async throws {
        self.init(
            action: try await ScheduleAction(wire: wire.action, dataConverter: dataConverter),
            specification: ScheduleSpecification(wire: wire.spec),
            policy: SchedulePolicy(wire: wire.policies),
            state: ScheduleState(wire: wire.state))
    }
}

extension ScheduleDescription {
    init(wire: Api.Workflowservice.V1.DescribeScheduleResponse, dataConverter: DataConverter) async throws {
        self.init(
            info: ScheduleInfo(wire: wire.info),
            schedule: try await Schedule(wire: wire.schedule, dataConverter: dataConverter),
            memo: wire.hasMemo ? try await dataConverter.decodeMemo(wire.memo) : nil,
            searchAttributes: wire.hasSearchAttributes ? SearchAttributeCollection(wireValue: wire.searchAttributes) : nil,
            conflictToken: wire.conflictToken)
    }
}

extension ScheduleInfo {
    init(wire: Api.Schedule.V1.ScheduleInfo) {
        self.init(
            numActions: Int(wire.actionCount),
            numActionsMissedCatchupWindow: Int(wire.missedCatchupWindow),
            numActionsSkippedOverlap: Int(wire.overlapSkipped),
            numActionsBufferDropped: Int(wire.bufferDropped),
            numActionsInBuffer: Int(wire.bufferSize),
            runningActions: wire.runningWorkflows.map(ActionExecution.init(wire:)),
            recentActions: wire.recentActions.map(ActionResult.init(wire:)),
            nextActionTimes: wire.futureActionTimes.map(\.date),
            createdAt: wire.createTime.date,
            lastUpdatedAt: wire.hasUpdateTime ? wire.updateTime.date : nil)
    }
}

extension ScheduleInfo.ActionExecution {
    init(wire: Api.Common.V1.WorkflowExecution) {
        self.init(workflowId: wire.workflowID, firstExecutionRunId: wire.runID)
    }
}

extension ScheduleInfo.ActionResult {
    init(wire: Api.Schedule.V1.ScheduleActionResult) {
        self.init(
            scheduledAt: wire.scheduleTime.date,
            startedAt: wire.actualTime.date,
            action: ScheduleInfo.ActionExecution(wire: wire.startWorkflowResult),
            status: wire.startWorkflowStatus == .unspecified ? nil : wire.startWorkflowStatus)
    }
}

extension ScheduleListDescription {
    /// A listing entry; the summary is left out when the store has none, or when the schedule's
    /// action is not a workflow start.
    init(wire: Api.Schedule.V1.ScheduleListEntry) {
        let info = wire.info
        let entry: ScheduleListEntry? =
            wire.hasInfo && info.hasWorkflowType
            ? ScheduleListEntry(
                action: ScheduleListAction(workflow: info.workflowType.name),
                spec: ScheduleSpecification(wire: info.spec),
                state: ScheduleListState(note: info.notes.isEmpty ? nil : info.notes, isPaused: info.paused))
            : nil
        self.init(
            id: wire.scheduleID,
            schedule: entry,
            info: wire.hasInfo
                ? ScheduleListInfo(
                    recentActions: info.recentActions.map(ScheduleInfo.ActionResult.init(wire:)),
                    nextActionTimes: info.futureActionTimes.map(\.date))
                : nil,
            memo: wire.hasMemo && !wire.memo.fields.isEmpty ? wire.memo.fields.mapValues { $0 as any Sendable } : nil,
            searchAttributes: wire.hasSearchAttributes && !wire.searchAttributes.indexedFields.isEmpty
                ? SearchAttributeCollection(wireValue: wire.searchAttributes) : nil)
    }
}
