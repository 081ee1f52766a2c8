import Foundation
import Synchronization
import TernAPI
import TernCore
import TernStore

typealias UpdateStage = Temporal_Api_Enums_V1_UpdateWorkflowExecutionLifecycleStage
typealias UpdateOutcome = Temporal_Api_Update_V1_Outcome

/// Outcomes of updates the worker rejected. A rejection leaves nothing in the workflow's state
/// or history, so callers still waiting learn it from here (bounded, oldest forgotten first).
final class UpdateRejections: Sendable {
    private struct Entry { var key: WorkflowKey; var updateID: String }
    private let state = Mutex<(failures: [String: Failure], order: [String])>(([:], []))
    static let limit = 10_000

    private static func id(_ key: WorkflowKey, _ updateID: String) -> String { "\(key.namespaceID)/\(key.workflowID)/\(key.runID)/\(updateID)" }

    func record(_ key: WorkflowKey, _ rejected: [RejectedUpdate]) {
        state.withLock { s in
            for update in rejected {
                let id = Self.id(key, update.updateID)
                if s.failures.updateValue(update.failure, forKey: id) == nil { s.order.append(id) }
            }
            if s.order.count > Self.limit {
                for id in s.order.prefix(s.order.count - Self.limit) { s.failures.removeValue(forKey: id) }
                s.order.removeFirst(s.order.count - Self.limit)
            }
        }
    }

    func failure(_ key: WorkflowKey, _ updateID: String) -> Failure? {
        state.withLock { $0.failures[Self.id(key, updateID)] }
    }
}

extension HistoryEngine {
    /// How long an update call waits for the stage it asked for before answering with the stage
    /// reached so far (the SDKs then poll with PollWorkflowExecutionUpdate).
    static let updateLongPoll: Duration = .seconds(20)

    struct UpdateStatus: Sendable {
        var stage: UpdateStage
        var outcome: UpdateOutcome?
    }

    /// Waits until update `updateID` of run `key` reaches `stage` (or has an outcome), or the
    /// long poll ends. NOT_FOUND when the update is unknown or the run closed without it.
    func waitForUpdate(_ key: WorkflowKey, updateID: String, stage wanted: UpdateStage) async throws -> UpdateStatus {
        let deadline = ContinuousClock.now.advanced(by: Self.updateLongPoll)
        while true {
            let status: UpdateStatus? = try await changes.observing(key) { generation in
                if let failure = updateRejections.failure(key, updateID) {
                    return UpdateStatus(stage: .completed, outcome: .with { $0.failure = failure })
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
            if let status { return status }
            try Task.checkCancellation()
        }
    }
}
