import Foundation
import TernAPI
import TernCore
import TernStore

/// Transfer tasks the history service carries out itself, from one workflow to another:
/// starting a child, reporting a child's close to its parent, signals and cancel requests to
/// other workflows, parent close policies, and deleting runs whose retention is over.
///
/// Each is at-least-once: the row is deleted only by the change that completes it, and every
/// step is idempotent (deterministic request ids, state re-checked), so a crash between the
/// two workflows' transactions just repeats the step.
extension HistoryEngine {
    static func isCrossWorkflow(_ kind: TransferTask.Kind) -> Bool {
        switch kind {
        case .startChild, .childClosed, .signalExternal, .cancelExternal, .parentClosePolicy: true
        default: false
        }
    }

    /// Sends a new task to matching, or runs it here when it is a cross-workflow task. These run
    /// detached: the change that created them still holds its run's lock.
    func dispatch(_ task: StoredTask<TransferTask>) async {
        guard Self.isCrossWorkflow(task.task.kind) else {
            await matching.dispatch(task, buildID: await targetBuild(task))
            return
        }
        Task { await self.processWithRetry(task) }
    }

    private func processWithRetry(_ task: StoredTask<TransferTask>) async {
        var delay = Duration.milliseconds(100)
        for _ in 0..<20 {
            do {
                try await process(task)
                return
            } catch {
                logger.warning("Cross-workflow task failed; retrying", metadata: [
                    "workflow": "\(task.key)", "kind": "\(task.task.kind)", "error": "\(error)",
                ])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(10))
            }
        }
        logger.error("Cross-workflow task gave up; it runs again at the next start", metadata: ["workflow": "\(task.key)"])
    }

    func process(_ task: StoredTask<TransferTask>) async throws {
        switch task.task.kind {
        case .startChild: try await startChild(task)
        case .childClosed: try await reportChildClosed(task)
        case .signalExternal, .cancelExternal: try await deliverExternalRequest(task)
        case .parentClosePolicy: try await applyParentClosePolicy(task)
        default: try await store.deleteTasks(transfer: [task.id], timer: [])
        }
    }

    /// Loads a run, or nil when it is gone.
    private func loadIfPresent(_ key: WorkflowKey) async throws -> StoredWorkflow? {
        do {
            return try await load(key)
        } catch let error as TernError where error.code == .notFound {
            return nil
        }
    }

    /// Applies `operation` to a run that may have closed or vanished meanwhile, deleting `taskID`.
    private func finish(
        _ key: WorkflowKey, consuming taskID: Int64, _ operation: @Sendable (inout WorkflowMachine) -> Void
    ) async throws {
        do {
            try await update(key, consumedTransfer: [taskID]) { operation(&$0) }
        } catch let error as TernError where error.code == .notFound {
            try await store.deleteTasks(transfer: [taskID], timer: [])
        }
    }

    // MARK: Children

    private func startChild(_ task: StoredTask<TransferTask>) async throws {
        let parentKey = task.key
        let initiated = task.task.scheduledEventID
        guard let parent = try await loadIfPresent(parentKey),
              let child = WorkflowMachine(state: parent.state, now: clock.now()).pendingChild(initiated),
              child.startedEventID == 0
        else {
            try await store.deleteTasks(transfer: [task.id], timer: [])
            return
        }
        let namespace: NamespaceRecord
        do {
            namespace = try await namespaces.namespace(named: child.namespace)
        } catch let error as TernError where error.code == .notFound {
            try await finish(parentKey, consuming: task.id) {
                $0.childStartFailed(initiatedEventID: initiated, cause: .namespaceNotFound)
            }
            return
        }
        let a = child.attributes
        let e = parent.state.execution
        let request = StartWorkflowRequest.with {
            $0.namespace = namespace.name
            $0.workflowID = a.workflowID
            $0.workflowType = a.workflowType
            $0.taskQueue = a.taskQueue
            if a.hasInput { $0.input = a.input }
            $0.workflowExecutionTimeout = a.workflowExecutionTimeout
            $0.workflowRunTimeout = a.workflowRunTimeout
            $0.workflowTaskTimeout = a.workflowTaskTimeout
            $0.identity = e.identity
            // Deterministic, so a repeated attempt finds the run the first one started.
            $0.requestID = "\(parentKey.runID)-child-\(initiated)"
            $0.workflowIDReusePolicy = a.workflowIDReusePolicy
            $0.workflowIDConflictPolicy = .fail
            if a.hasRetryPolicy { $0.retryPolicy = a.retryPolicy }
            $0.cronSchedule = a.cronSchedule
            if a.hasMemo { $0.memo = a.memo }
            if a.hasSearchAttributes { $0.searchAttributes = a.searchAttributes }
            if a.hasHeader { $0.header = a.header }
            if a.hasPriority { $0.priority = a.priority }
            if child.hasUserMetadata { $0.userMetadata = child.userMetadata }
        }
        var lineage = RunLineage()
        lineage.parent = ParentLink(
            namespace: e.namespace, namespaceID: e.namespaceID,
            execution: .with { $0.workflowID = parentKey.workflowID; $0.runID = parentKey.runID },
            initiatedEventID: initiated)
        lineage.root = e.rootExecution
        let result: StartResult
        do {
            result = try await start(namespace: namespace, request, lineage: lineage)
        } catch let error as TernError where error.code == .alreadyExists {
            try await finish(parentKey, consuming: task.id) {
                $0.childStartFailed(initiatedEventID: initiated, cause: .workflowAlreadyExists)
            }
            return
        } catch let error as TernError where error.code == .invalidArgument {
            logger.warning("Child workflow start refused", metadata: ["workflow": "\(parentKey)", "error": "\(error)"])
            try await finish(parentKey, consuming: task.id) {
                $0.childStartFailed(initiatedEventID: initiated, cause: .unspecified)
            }
            return
        }
        let namespaceID = namespace.id
        try await finish(parentKey, consuming: task.id) {
            $0.childStarted(initiatedEventID: initiated, namespaceID: namespaceID, runID: result.runID)
        }
    }

    /// A run with a parent closed for good: hand its close event to the parent.
    private func reportChildClosed(_ task: StoredTask<TransferTask>) async throws {
        guard let child = try await loadIfPresent(task.key) else {
            try await store.deleteTasks(transfer: [task.id], timer: [])
            return
        }
        let e = child.state.execution
        let closeEvents = try await historyEvents(task.key, from: e.completionEventID, through: e.completionEventID)
        guard let closeEvent = closeEvents.first else {
            try await store.deleteTasks(transfer: [task.id], timer: [])
            return
        }
        let parentKey = WorkflowKey(
            namespaceID: e.parentNamespaceID, workflowID: e.parentExecution.workflowID, runID: e.parentExecution.runID)
        let execution = WorkflowExecution.with { $0.workflowID = task.key.workflowID; $0.runID = task.key.runID }
        let initiated = e.parentInitiatedEventID
        let namespaceID = task.key.namespaceID
        try await finish(parentKey, consuming: task.id) {
            $0.childClosed(initiatedEventID: initiated, namespaceID: namespaceID, execution: execution, closeEvent: closeEvent)
        }
    }

    /// A parent closed: terminate or cancel a child it left running.
    private func applyParentClosePolicy(_ task: StoredTask<TransferTask>) async throws {
        let t = task.task
        do {
            // A child that continued as new is a later run of the same id: act on the current run.
            let key = try await resolve(namespaceID: t.targetNamespaceID, workflowID: t.target.workflowID, runID: "")
            let state = try await load(key).state
            if !t.target.runID.isEmpty, state.execution.firstExecutionRunID != t.target.runID,
               key.runID != t.target.runID {
                try await store.deleteTasks(transfer: [task.id], timer: [])
                return  // the id was reused by an unrelated workflow
            }
            let parent = task.key
            try await update(key) { machine in
                guard machine.isRunning else { return }
                if t.parentClosePolicy == .requestCancel {
                    try machine.requestCancel(
                        reason: "by parent close policy", identity: "history-service", requestID: "parent-close-\(parent.runID)")
                } else {
                    try machine.terminate(reason: "by parent close policy", details: nil, identity: "history-service")
                }
            }
        } catch let error as TernError where error.code == .notFound {
            // Gone or closed already: nothing to do.
        }
        try await store.deleteTasks(transfer: [task.id], timer: [])
    }

    // MARK: External signals and cancels

    private func deliverExternalRequest(_ task: StoredTask<TransferTask>) async throws {
        let sourceKey = task.key
        let initiated = task.task.scheduledEventID
        guard let source = try await loadIfPresent(sourceKey),
              let request = WorkflowMachine(state: source.state, now: clock.now()).pendingExternalRequest(initiated)
        else {
            try await store.deleteTasks(transfer: [task.id], timer: [])
            return
        }
        var failed: ExternalFailedCause?
        do {
            let namespace = try await namespaces.namespace(named: request.namespace)
            let target = try await resolve(
                namespaceID: namespace.id, workflowID: request.target.workflowID, runID: request.target.runID)
            let sourceExecution = WorkflowExecution.with { $0.workflowID = sourceKey.workflowID; $0.runID = sourceKey.runID }
            let identity = source.state.execution.identity
            try await update(target) { machine in
                if request.childWorkflowOnly, machine.execution.parentExecution.workflowID != sourceExecution.workflowID {
                    throw WorkflowMachine.notFound("not a child of the requesting workflow")
                }
                // Deterministic request ids make a repeated delivery a no-op.
                let requestID = "\(sourceKey.runID)-external-\(initiated)"
                if request.kind == .signal {
                    try machine.signal(
                        name: request.signalName, input: request.hasInput ? request.input : nil,
                        header: request.hasHeader ? request.header : nil, identity: identity, requestID: requestID,
                        source: sourceExecution)
                } else {
                    try machine.requestCancel(
                        reason: request.reason, identity: identity, requestID: requestID,
                        source: (sourceExecution, initiatedEventID: initiated))
                }
            }
        } catch let error as TernError where error.code == .notFound {
            failed = .externalWorkflowExecutionNotFound
        }
        let cause = failed
        try await finish(sourceKey, consuming: task.id) {
            $0.externalRequestDone(initiatedEventID: initiated, failedCause: cause)
        }
    }

    // MARK: Retention

    /// The namespace retention of a closed run is over: remove it and everything it stored.
    func deleteClosedRun(_ timer: StoredTask<TimerTask>) async {
        do {
            try await delete(timer.key)
        } catch {
            logger.error("Deleting a closed run failed", metadata: ["workflow": "\(timer.key)", "error": "\(error)"])
        }
    }
}
