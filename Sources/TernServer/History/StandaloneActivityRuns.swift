import Foundation
import TernAPI
import TernCore
import TernStore

/// Starting and finding standalone activities (see `WorkflowMachine.startStandaloneActivity`):
/// runs of the namespace's activity key space, with the id reuse and conflict policies
/// Temporal applies to them.
extension HistoryEngine {
    func standaloneKey(_ namespace: NamespaceRecord, activityID: String, runID: String) -> WorkflowKey {
        WorkflowKey(namespaceID: StandaloneActivityKeys.namespaceID(namespace.id), workflowID: activityID, runID: runID)
    }

    /// The run a request names: the given run id, or the activity id's current run.
    func resolveStandalone(_ namespace: NamespaceRecord, activityID: String, runID: String) async throws -> WorkflowKey {
        if activityID.isEmpty { throw TernError.invalidArgument("ActivityId is not set on request.") }
        let key = standaloneKey(namespace, activityID: activityID, runID: runID)
        if !runID.isEmpty {
            guard UUID(uuidString: runID) != nil else {
                throw TernError.invalidArgument("Invalid RunId \"\(runID)\": it must be a UUID.")
            }
            return key
        }
        guard let current = try await store.currentExecution(namespaceID: key.namespaceID, workflowID: activityID) else {
            throw Self.activityExecutionNotFound(activityID)
        }
        return standaloneKey(namespace, activityID: activityID, runID: current.runID)
    }

    static func activityExecutionNotFound(_ activityID: String) -> TernError {
        TernError(.notFound, "activity execution not found: ActivityId \(activityID)",
                  detail: Temporal_Api_Errordetails_V1_NotFoundFailure())
    }

    /// A standalone activity's state, or NOT_FOUND in its own words.
    func loadStandalone(_ key: WorkflowKey) async throws -> WorkflowState {
        do {
            return try await load(key).state
        } catch let error as TernError where error.code == .notFound {
            throw Self.activityExecutionNotFound(key.workflowID)
        }
    }

    func startStandaloneActivity(
        namespace: NamespaceRecord, _ request: StartActivityRequest
    ) async throws -> StartResult {
        try WorkflowMachine.validateStandaloneStart(request)
        let idKey = standaloneKey(namespace, activityID: request.activityID, runID: "")
        return try await locks.withLock(idKey) {
            for _ in 0..<5 {
                let current = try await store.currentExecution(namespaceID: idKey.namespaceID, workflowID: request.activityID)
                if let current {
                    switch IDPolicy(request.idConflictPolicy, request.idReusePolicy).decide(
                        requestID: request.requestID, currentStatus: current.status, currentRequestID: current.startRequestID) {
                    case .repeated: return StartResult(runID: current.runID, started: true)
                    case .useExisting: return StartResult(runID: current.runID, started: false)
                    case .alreadyRunning, .alreadyFinished, .terminateExisting: throw Self.activityAlreadyStarted(current)
                    case .startNew: break
                    }
                }
                let runID = RunIDs.make()
                let key = standaloneKey(namespace, activityID: request.activityID, runID: runID)
                var machine = WorkflowMachine.startStandaloneActivity(
                    request, namespaceID: key.namespaceID, runID: runID,
                    retention: namespace.detail.config.workflowExecutionRetentionTtl, now: clock.now())
                let change = await firstChange(&machine, key, replacing: current?.runID)
                do {
                    let committed = try await commit(change)
                    await published(change, committed)
                    return StartResult(runID: runID, started: true)
                } catch StoreError.conditionFailed {
                    continue
                }
            }
            throw TernError(.unavailable, "Activity \(request.activityID) is being started concurrently; retry.")
        }
    }

    static func activityAlreadyStarted(_ current: CurrentExecution) -> TernError {
        var detail = Temporal_Api_Errordetails_V1_ActivityExecutionAlreadyStartedFailure()
        detail.startRequestID = current.startRequestID
        detail.runID = current.runID
        return TernError(.alreadyExists, "activity execution already started", detail: detail)
    }

    /// Waits until the activity closes (its outcome) or the long poll ends (nil).
    func waitForActivityOutcome(_ key: WorkflowKey, until deadline: ContinuousClock.Instant) async throws -> ActivityOutcome? {
        while true {
            let outcome: ActivityOutcome?? = try await changes.observing(key) { generation in
                let state = try await loadStandalone(key)
                if state.execution.status != .running { return .some(state.execution.activityOutcome) }
                if ContinuousClock.now >= deadline || changes.isClosed { return .some(nil) }
                await changes.wait(key, after: generation, until: deadline)
                return nil
            }
            if let outcome { return outcome }
            try Task.checkCancellation()
        }
    }
}
