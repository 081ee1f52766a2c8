import Foundation
import Synchronization
import TernAPI
import TernCore
import TernStore

typealias UpdateStage = Temporal_Api_Enums_V1_UpdateWorkflowExecutionLifecycleStage
typealias UpdateOutcome = Temporal_Api_Update_V1_Outcome

/// Updates that ended without an outcome in history: rejected by the worker (a rejection leaves
/// nothing in the run's state or history), or cut short by their run closing. Callers still
/// waiting learn what happened from here (bounded, oldest forgotten first).
final class UpdateEnds: Sendable {
    private let state = Mutex<(ends: [String: EndedUpdate.End], order: [String])>(([:], []))
    static let limit = 10_000

    private static func id(_ key: WorkflowKey, _ updateID: String) -> String { "\(key.namespaceID)/\(key.workflowID)/\(key.runID)/\(updateID)" }

    func record(_ key: WorkflowKey, _ rejected: [RejectedUpdate]) {
        record(key, rejected.map { EndedUpdate(updateID: $0.updateID, end: .failed($0.failure)) })
    }

    func record(_ key: WorkflowKey, _ ended: [EndedUpdate]) {
        state.withLock { s in
            for update in ended {
                let id = Self.id(key, update.updateID)
                if s.ends.updateValue(update.end, forKey: id) == nil { s.order.append(id) }
            }
            if s.order.count > Self.limit {
                for id in s.order.prefix(s.order.count - Self.limit) { s.ends.removeValue(forKey: id) }
                s.order.removeFirst(s.order.count - Self.limit)
            }
        }
    }

    func end(_ key: WorkflowKey, _ updateID: String) -> EndedUpdate.End? {
        state.withLock { $0.ends[Self.id(key, updateID)] }
    }
}

/// Temporal's error for an update its run closed on before accepting it.
let updateAbortedByClosingWorkflow = TernError(
    .notFound, "workflow update was aborted by closing workflow", detail: Temporal_Api_Errordetails_V1_NotFoundFailure())

extension HistoryEngine {
    /// How long an update call waits for the stage it asked for before answering with the stage
    /// reached so far (the SDKs then poll with PollWorkflowExecutionUpdate).
    static let updateLongPoll: Duration = .seconds(20)

    struct UpdateStatus: Sendable {
        var stage: UpdateStage
        var outcome: UpdateOutcome?
    }

    /// Waits until update `updateID` of run `key` reaches `stage` (or has an outcome), or the
    /// long poll ends. NOT_FOUND when the update is unknown or the run closed without it. An update
    /// a continue-as-new carried over is followed to the new run; the run it is in comes back too.
    func waitForUpdate(
        _ key: WorkflowKey, updateID: String, stage wanted: UpdateStage
    ) async throws -> (status: UpdateStatus, key: WorkflowKey) {
        let deadline = ContinuousClock.now.advanced(by: Self.updateLongPoll)
        var key = key
        while true {
            let status: UpdateStatus? = try await changes.observing(key) { generation in
                switch updateEnds.end(key, updateID) {
                case .failed(let failure):
                    return UpdateStatus(stage: .completed, outcome: .with { $0.failure = failure })
                case .abortedByClose:
                    throw updateAbortedByClosingWorkflow
                case .movedTo(let runID):
                    key = WorkflowKey(namespaceID: key.namespaceID, workflowID: key.workflowID, runID: runID)
                    return nil
                case nil:
                    break
                }
                let state = try await load(key).state
                guard let info = state.updates[updateID] else {
                    if state.execution.status != .running { throw WorkflowMachine.workflowCompleted }
                    throw WorkflowMachine.notFound("Update \(updateID) not found on workflow \(key.workflowID).")
                }
                let reached: UpdateStage = switch info.stage {
                case .accepted: .accepted
                case .completed: .completed
                default: .admitted
                }
                if info.stage == .completed {
                    let events = try await historyEvents(key, from: info.completedEventID, through: info.completedEventID)
                    return UpdateStatus(stage: .completed, outcome: events.first?.workflowExecutionUpdateCompletedEventAttributes.outcome)
                }
                if reached.rawValue >= wanted.rawValue { return UpdateStatus(stage: reached, outcome: nil) }
                if state.execution.status != .running {
                    throw TernError(.notFound, "Workflow execution closed before update \(updateID) completed.",
                                    detail: Temporal_Api_Errordetails_V1_NotFoundFailure())
                }
                if ContinuousClock.now >= deadline || changes.isClosed { return UpdateStatus(stage: reached, outcome: nil) }
                await changes.wait(key, after: generation, until: deadline)
                return nil
            }
            if let status { return (status, key) }
            try Task.checkCancellation()
        }
    }
}
