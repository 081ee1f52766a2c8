import Foundation
import SwiftProtobuf
import TernAPI

/// What a schedule does next, decided without I/O: which nominal times are due, and for each
/// due start whether it runs now, waits, is skipped, or first cancels or terminates the
/// workflows still running — Temporal's overlap policies, catch-up window, pause and action limit.
public enum SchedulerRules {
    /// Temporal's defaults: skip overlapping runs; catch up on up to a year of missed times.
    public static let defaultCatchupWindow: TimeInterval = 365 * 24 * 3600
    public static let minimumCatchupWindow: TimeInterval = 10
    /// How many recent actions describe keeps.
    public static let recentActionsKept = 10

    public static func overlapPolicy(_ record: ScheduleRecord) -> ScheduleOverlapPolicy {
        let policy = record.schedule.policies.overlapPolicy
        return policy == .unspecified ? .skip : policy
    }

    static func catchupWindow(_ record: ScheduleRecord) -> TimeInterval {
        let window = record.schedule.policies.catchupWindow
        return window.isPositive ? max(minimumCatchupWindow, window.timeInterval) : defaultCatchupWindow
    }

    /// The spec's nominal times after `processed_through` up to `now`; those older than the
    /// catch-up window are counted as missed instead. Advances `processed_through`.
    public static func dueStarts(_ record: inout ScheduleRecord, spec: CompiledScheduleSpec, now: Date) -> [BufferedStart] {
        var from = record.hasProcessedThrough ? record.processedThrough.date : record.info.createTime.date
        var due: [BufferedStart] = []
        let window = catchupWindow(record)
        let policy = overlapPolicy(record)
        while let nominal = spec.nextTime(after: from) {
            let desired = spec.jittered(nominal, seed: record.scheduleID)
            guard desired <= now else { break }
            from = nominal
            record.processedThrough = nominal.timestamp
            if record.schedule.state.paused { continue }
            if now.timeIntervalSince(desired) > window {
                record.info.missedCatchupWindow += 1
                continue
            }
            due.append(.with {
                $0.nominalTime = nominal.timestamp
                $0.desiredTime = desired.timestamp
                $0.overlapPolicy = policy
            })
        }
        return due
    }

    /// The decision for one round.
    public struct Round: Sendable {
        public var starts: [BufferedStart] = []
        public var cancel: [WorkflowExecution] = []
        public var terminate: [WorkflowExecution] = []
    }

    /// Takes the buffered starts and `newStarts` in order and decides each against the workflows
    /// still running (`record.info.running_workflows`, refreshed by the caller). Starts are
    /// returned for the caller to carry out; it records their runs as running.
    public static func decide(_ record: inout ScheduleRecord, newStarts: [BufferedStart]) -> Round {
        var round = Round()
        let queue = record.buffered + newStarts
        record.buffered = []
        var running = record.info.runningWorkflows.count
        for item in queue {
            if record.schedule.state.limitedActions && record.schedule.state.remainingActions <= Int64(round.starts.count) {
                continue  // out of actions: nothing more starts
            }
            let policy = item.overlapPolicy == .unspecified ? overlapPolicy(record) : item.overlapPolicy
            if running == 0 || policy == .allowAll {
                round.starts.append(item)
                running += 1
                continue
            }
            switch policy {
            case .skip:
                record.info.overlapSkipped += 1
            case .bufferOne:
                // One start may wait; any further one is skipped (Temporal counts it as an overlap skip).
                if record.buffered.isEmpty { record.buffered.append(item) } else { record.info.overlapSkipped += 1 }
            case .bufferAll:
                record.buffered.append(item)
            case .cancelOther:
                // Cancel what runs; the newest start waits for it to close.
                round.cancel = record.info.runningWorkflows
                if !record.buffered.isEmpty { record.info.bufferDropped += Int64(record.buffered.count) }
                record.buffered = [item]
            case .terminateOther:
                round.terminate = record.info.runningWorkflows
                round.starts.append(item)
                running = 1
            default:
                record.info.overlapSkipped += 1
            }
        }
        record.info.bufferSize = Int64(record.buffered.count)
        if record.schedule.state.limitedActions {
            record.schedule.state.remainingActions = max(0, record.schedule.state.remainingActions - Int64(round.starts.count))
        }
        return round
    }

    /// Records a start the caller carried out.
    public static func started(
        _ record: inout ScheduleRecord, _ start: BufferedStart, execution: WorkflowExecution, at now: Date
    ) {
        record.info.actionCount += 1
        record.info.runningWorkflows.append(execution)
        record.info.recentActions.append(.with {
            $0.scheduleTime = start.desiredTime
            $0.actualTime = now.timestamp
            $0.startWorkflowResult = execution
            $0.startWorkflowStatus = .running
        })
        if record.info.recentActions.count > recentActionsKept {
            record.info.recentActions.removeFirst(record.info.recentActions.count - recentActionsKept)
        }
    }

    /// The id of the workflow a schedule starts for `nominal`: the action's id with the time
    /// appended, as Temporal names them.
    public static func workflowID(_ base: String, nominal: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return "\(base)-\(formatter.string(from: nominal))"
    }
}
