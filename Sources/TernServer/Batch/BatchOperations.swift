import Foundation
import Synchronization
import TernAPI
import TernCore
import TernStore

/// Batch operations (StartBatchOperation and the rest): each job walks the runs its query or list
/// names, at a bounded rate, and applies its operation to each, as Temporal's batcher does.
/// Jobs are stored; one still running when the server stopped is resumed at start-up (its
/// requests carry ids derived from the job, so repeating one does not act twice).
final class BatchOperations: Sendable {
    private let store: any Store
    private let engine: HistoryEngine
    private let namespaces: NamespaceRegistry
    private let maxConcurrentPerNamespace: Int
    private let operationsPerSecond: Double
    private let running = Mutex<[String: Task<Void, Never>]>([:])
    private let locks = KeyedLock<String>()
    /// Who terminates and cancels, as Temporal's batcher names its own client ("pid@host@").
    private let identity = "\(ProcessInfo.processInfo.processIdentifier)@\(ProcessInfo.processInfo.hostName)@"

    init(store: any Store, engine: HistoryEngine, namespaces: NamespaceRegistry, maxConcurrentPerNamespace: Int,
         operationsPerSecond: Double) {
        self.store = store
        self.engine = engine
        self.namespaces = namespaces
        self.maxConcurrentPerNamespace = maxConcurrentPerNamespace
        self.operationsPerSecond = operationsPerSecond
    }

    private static func key(_ namespaceID: String, _ jobID: String) -> String { "\(namespaceID)/\(jobID)" }

    static func notFound(_ jobID: String) -> TernError {
        WorkflowMachine.notFound("workflow not found for ID: \(jobID)")
    }

    // MARK: Requests

    func start(_ request: StartBatchRequest, namespace ns: NamespaceRecord) async throws {
        try BatchRules.validate(request)
        let query = try await targetQuery(request, ns)
        try await locks.withLock(ns.id) {
            let active = running.withLock { jobs in jobs.keys.filter { $0.hasPrefix(ns.id + "/") }.count }
            if active >= maxConcurrentPerNamespace {
                throw TernError(.resourceExhausted, "Max concurrent batch operations is reached",
                                detail: Temporal_Api_Errordetails_V1_ResourceExhaustedFailure.with {
                                    $0.cause = .concurrentLimit
                                    $0.scope = .namespace
                                })
            }
            if let existing = try await store.batchOperation(namespaceID: ns.id, jobID: request.jobID) {
                throw Self.alreadyExists(existing)
            }
            let record = BatchOperationRecord.with {
                $0.namespaceID = ns.id
                $0.jobID = request.jobID
                $0.runID = RunIDs.make()
                $0.request = request
                $0.state = .running
                $0.startTime = engine.clock.now().timestamp
                if query == nil { $0.totalOperationCount = Int64(BatchRules.listedTargets(request).count) }
            }
            try await store.saveBatchOperation(record)
            launch(record, namespace: ns.name, query: query)
        }
    }

    func stop(_ request: Temporal_Api_Workflowservice_V1_StopBatchOperationRequest, namespace ns: NamespaceRecord) async throws {
        if request.jobID.isEmpty { throw TernError.invalidArgument("JobId is not set on request.") }
        if request.reason.isEmpty { throw TernError.invalidArgument("Reason is not set on request.") }
        try await locks.withLock(ns.id) {
            guard var record = try await store.batchOperation(namespaceID: ns.id, jobID: request.jobID) else {
                throw Self.notFound(request.jobID)
            }
            let task = running.withLock { $0.removeValue(forKey: Self.key(ns.id, request.jobID)) }
            guard record.state == .running, let task else { throw WorkflowMachine.workflowCompleted }
            task.cancel()
            await task.value
            // What the job did before it stopped stays done; the counts are those it had saved.
            record = try await store.batchOperation(namespaceID: ns.id, jobID: request.jobID) ?? record
            record.state = .failed
            record.closeTime = engine.clock.now().timestamp
            record.stopReason = request.reason
            record.stopIdentity = request.identity
            try await store.saveBatchOperation(record)
        }
    }

    func describe(jobID: String, namespace ns: NamespaceRecord) async throws -> Temporal_Api_Workflowservice_V1_DescribeBatchOperationResponse {
        if jobID.isEmpty { throw TernError.invalidArgument("JobId is not set on request.") }
        guard let record = try await store.batchOperation(namespaceID: ns.id, jobID: jobID) else { throw Self.notFound(jobID) }
        return BatchRules.describe(record)
    }

    func list(
        _ request: Temporal_Api_Workflowservice_V1_ListBatchOperationsRequest, namespace ns: NamespaceRecord
    ) async throws -> Temporal_Api_Workflowservice_V1_ListBatchOperationsResponse {
        let size = request.pageSize > 0 && request.pageSize <= 1000 ? Int(request.pageSize) : 1000
        let offset = request.nextPageToken.isEmpty ? 0 : Int(String(decoding: request.nextPageToken, as: UTF8.self)) ?? -1
        guard offset >= 0 else { throw TernError.invalidArgument("Invalid next page token.") }
        let all = try await store.batchOperations(namespaceID: ns.id).sorted(by: BatchRules.listedBefore)
        let page = all.dropFirst(offset).prefix(size)
        return .with {
            $0.operationInfo = page.map(BatchRules.info)
            // A full page always carries a token; the page after the last one is empty and has none.
            if page.count == size { $0.nextPageToken = Data(String(offset + size).utf8) }
        }
    }

    /// Resumes the jobs that were running when the server stopped.
    func resume() async throws {
        for record in try await store.batchOperations(namespaceID: nil) where record.state == .running {
            guard let ns = try? await namespaces.namespace(id: record.namespaceID) else { continue }
            do {
                launch(record, namespace: ns.name, query: try await targetQuery(record.request, ns))
            } catch {
                await finish(record, .failed)
            }
        }
    }

    // MARK: Running a job

    private func targetQuery(_ request: StartBatchRequest, _ ns: NamespaceRecord) async throws -> VisibilityQuery? {
        guard let text = BatchRules.targetQuery(request) else { return nil }
        do {
            return try VisibilityQuery.parse(
                text, customAttributes: try await namespaces.searchAttributes(namespace: ns.name), now: engine.clock.now())
        } catch let error as TernError {
            throw TernError.invalidArgument("invalid visibility query: " + error.message)
        }
    }

    static func alreadyExists(_ record: BatchOperationRecord) -> TernError {
        let detail = Temporal_Api_Errordetails_V1_WorkflowExecutionAlreadyStartedFailure.with { $0.runID = record.runID }
        let message = record.state == .running
            ? "Workflow execution is already running. WorkflowId: \(record.jobID), RunId: \(record.runID)."
            : "Workflow execution already finished. WorkflowId: \(record.jobID), RunId: \(record.runID). Workflow Id reuse policy: reject duplicate workflow Id."
        return TernError(.alreadyExists, message, detail: detail)
    }

    private func launch(_ record: BatchOperationRecord, namespace: String, query: VisibilityQuery?) {
        let key = Self.key(record.namespaceID, record.jobID)
        running.withLock { jobs in
            jobs[key] = Task { [self] in
                await run(record, namespace: namespace, query: query)
                _ = running.withLock { $0.removeValue(forKey: key) }
            }
        }
    }

    private func run(_ initial: BatchOperationRecord, namespace: String, query: VisibilityQuery?) async {
        var record = initial
        record.completeOperationCount = 0
        record.failureOperationCount = 0
        let pace = Duration.milliseconds(Int64(1000 / max(operationsPerSecond, 0.001)))
        func process(_ targets: [Temporal_Api_Common_V1_WorkflowExecution]) async {
            for target in targets {
                if Task.isCancelled { return }
                if await apply(record, namespace: namespace, to: target) {
                    record.completeOperationCount += 1
                } else {
                    record.failureOperationCount += 1
                }
                try? await Task.sleep(for: pace)
            }
        }
        do {
            if let query {
                record.totalOperationCount = try await store.countWorkflows(namespaceID: record.namespaceID, query: query).count
                var token = Data()
                repeat {
                    let page = try await store.listWorkflows(
                        namespaceID: record.namespaceID, query: query, pageSize: 1000, pageToken: token)
                    await process(page.executions.map(\.execution))
                    if Task.isCancelled { return }
                    try await store.saveBatchOperation(record)
                    token = page.nextPageToken
                } while !token.isEmpty
                // The estimate gives way to what was actually processed.
                record.totalOperationCount = record.completeOperationCount + record.failureOperationCount
            } else {
                await process(BatchRules.listedTargets(record.request))
                if Task.isCancelled { return }
            }
            await finish(record, .completed)
        } catch {
            if !Task.isCancelled { await finish(record, .failed) }
        }
    }

    private func finish(_ record: BatchOperationRecord, _ state: Temporal_Api_Enums_V1_BatchOperationState) async {
        var record = record
        record.state = state
        record.closeTime = engine.clock.now().timestamp
        try? await store.saveBatchOperation(record)
    }

    /// Applies the job's operation to one run. A run that is gone counts as done (there is nothing
    /// left to do to it), except for a reset, which needs the run.
    private func apply(
        _ record: BatchOperationRecord, namespace: String, to target: Temporal_Api_Common_V1_WorkflowExecution
    ) async -> Bool {
        let isReset: Bool = if case .resetOperation = record.request.operation { true } else { false }
        for attempt in 1...3 {
            do {
                try await perform(record, namespace: namespace, on: target)
                return true
            } catch let error as TernError {
                switch error.code {
                case .notFound: return !isReset
                case .invalidArgument, .failedPrecondition, .alreadyExists, .permissionDenied: return false
                default: if attempt == 3 { return false }
                }
            } catch {
                if attempt == 3 { return false }
            }
        }
        return false
    }

    private func perform(
        _ record: BatchOperationRecord, namespace: String, on target: Temporal_Api_Common_V1_WorkflowExecution
    ) async throws {
        let r = record.request
        let nsID = record.namespaceID
        let (wid, rid) = (target.workflowID, target.runID)
        func onRun(_ change: @Sendable @escaping (inout WorkflowMachine) throws -> Void) async throws {
            let key = try await engine.resolve(namespaceID: nsID, workflowID: wid, runID: rid)
            try await engine.update(key, change)
        }
        let identity = self.identity
        switch r.operation {
        case .terminationOperation:
            try await onRun { try $0.terminate(reason: r.reason, details: nil, identity: identity) }
        case .cancellationOperation:
            let requestID = BatchRules.requestID(record.jobID, "cancel", wid, rid)
            try await onRun { try $0.requestCancel(reason: "", identity: identity, requestID: requestID) }
        case .signalOperation(let op):
            let requestID = BatchRules.requestID(record.jobID, "signal", wid, rid, op.signal)
            try await onRun {
                try $0.signal(name: op.signal, input: op.hasInput ? op.input : nil, header: nil, identity: op.identity,
                              requestID: requestID)
            }
        case .deletionOperation:
            let key = try await engine.resolve(namespaceID: nsID, workflowID: wid, runID: rid)
            _ = try await engine.load(key)
            try await engine.delete(key)
        case .resetOperation(let op):
            let key = try await engine.resolve(namespaceID: nsID, workflowID: wid, runID: rid)
            let history = try await engine.historyEvents(key, from: 1, through: nil)
            let eventID = try BatchRules.resetEventID(op, history: history)
            let reset = Temporal_Api_Workflowservice_V1_ResetWorkflowExecutionRequest.with {
                $0.namespace = namespace
                $0.workflowExecution = .with { $0.workflowID = wid; $0.runID = key.runID }
                $0.reason = r.reason
                $0.workflowTaskFinishEventID = eventID
                $0.requestID = BatchRules.requestID(record.jobID, "reset", wid, key.runID)
                $0.resetReapplyType = op.hasOptions ? op.options.resetReapplyType : op.resetReapplyType
                $0.resetReapplyExcludeTypes = op.options.resetReapplyExcludeTypes
                $0.postResetOperations = op.postResetOperations
                $0.identity = op.identity
            }
            _ = try await engine.reset(reset, namespaceID: nsID)
        case .updateWorkflowOptionsOperation(let op):
            try await onRun {
                _ = try $0.updateExecutionOptions(op.workflowExecutionOptions, paths: op.updateMask.paths, identity: op.identity)
            }
        case .unpauseActivitiesOperation(let op):
            let selector = Self.selector(op.activity)
            let jitter = op.hasJitter ? op.jitter.timeInterval : 0
            try await onRun {
                try $0.unpauseActivities(selector, resetAttempts: op.resetAttempts, resetHeartbeat: op.resetHeartbeat, jitter: jitter)
            }
        case .resetActivitiesOperation(let op):
            let selector = Self.selector(op.activity)
            let jitter = op.hasJitter ? op.jitter.timeInterval : 0
            try await onRun {
                try $0.resetActivities(selector, resetHeartbeat: op.resetHeartbeat, keepPaused: op.keepPaused, jitter: jitter,
                                       restoreOriginalOptions: op.restoreOriginalOptions)
            }
        case .updateActivityOptionsOperation(let op):
            let selector: ActivitySelector = switch op.activity {
            case .type(let type)?: .type(type)
            default: .all
            }
            try await onRun {
                _ = try $0.updateActivityOptions(selector, op.activityOptions, paths: op.updateMask.paths,
                                                 restoreOriginal: op.restoreOriginal)
            }
        case .cancelActivitiesOperation, .terminateActivitiesOperation, .deleteActivitiesOperation, nil:
            throw TernError.invalidArgument("This batch operation is not supported.")
        }
    }

    private static func selector(_ activity: Temporal_Api_Batch_V1_BatchOperationUnpauseActivities.OneOf_Activity?) -> ActivitySelector {
        if case .type(let type)? = activity { return .type(type) }
        return .all
    }

    private static func selector(_ activity: Temporal_Api_Batch_V1_BatchOperationResetActivities.OneOf_Activity?) -> ActivitySelector {
        if case .type(let type)? = activity { return .type(type) }
        return .all
    }
}
