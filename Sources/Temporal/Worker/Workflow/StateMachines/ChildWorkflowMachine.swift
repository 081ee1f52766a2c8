/// A child workflow: START_CHILD_WORKFLOW_EXECUTION, recorded as its INITIATED event, then started
/// (or failed to start), then closed. Cancelling the waiting code follows the child's
/// cancellation type, through a cancel request limited to the child.
final class ChildWorkflowMachine: @unchecked Sendable {
    let workflowID: String
    let workflowType: String
    let namespace: String
    let cancellationType: ChildWorkflowCancellationType
    private(set) var initiatedEventID: Int64 = 0
    var startedEventID: Int64 = 0
    var runID = ""
    let started = PendingResult<String>()
    let result = PendingResult<Api.Common.V1.Payload?>()
    var cancelRequested = false

    init(workflowID: String, workflowType: String, namespace: String, cancellationType: ChildWorkflowCancellationType) {
        self.workflowID = workflowID
        self.workflowType = workflowType
        self.namespace = namespace
        self.cancellationType = cancellationType
    }

    func initiated(at eventID: Int64) { initiatedEventID = eventID }
}

extension WorkflowInstance {
    /// Starts a child; returns once the server started it (or throws why it could not).
    func startChild(
        type: String, options: ChildWorkflowOptions, arguments: [Api.Common.V1.Payload], headers: [String: Api.Common.V1.Payload]
    ) async throws -> ChildWorkflowMachine {
        _ = machines.nextSequence(.child)
        let id = options.id ?? randomUUID().uuidString
        let child = ChildWorkflowMachine(
            workflowID: id, workflowType: type, namespace: namespace, cancellationType: options.cancellationType)
        var command = Api.Command.V1.Command()
        command.commandType = .startChildWorkflowExecution
        command.startChildWorkflowExecutionCommandAttributes = try .with {
            $0.namespace = namespace
            $0.workflowID = id
            $0.workflowType = .with { $0.name = type }
            $0.taskQueue = .with {
                $0.name = options.taskQueue ?? taskQueue
                $0.kind = .normal
            }
            if !arguments.isEmpty { $0.input = .with { $0.payloads = arguments } }
            if !headers.isEmpty { $0.header = .with { $0.fields = headers } }
            if let timeout = options.executionTimeout { $0.workflowExecutionTimeout = .init(duration: timeout) }
            if let timeout = options.runTimeout { $0.workflowRunTimeout = .init(duration: timeout) }
            if let timeout = options.taskTimeout { $0.workflowTaskTimeout = .init(duration: timeout) }
            $0.parentClosePolicy = options.parentClosePolicy
            $0.workflowIDReusePolicy = options.idReusePolicy
            if let policy = options.retryPolicy { $0.retryPolicy = Api.Common.V1.RetryPolicy(policy) }
            if let cron = options.cronSchedule { $0.cronSchedule = cron }
            if let memo = options.memo { $0.memo = try memoWireValue(memo) }
            if let attributes = options.searchAttributes { $0.searchAttributes = attributes.wireValue }
            if let priority = options.priority { $0.priority = Api.Common.V1.Priority(priority) }
        }
        if options.staticSummary != nil || options.staticDetails != nil {
            command.userMetadata = userMetadata(summary: options.staticSummary, details: options.staticDetails)
        }
        machines.issue(
            CommandEntry(
                command: command, message: nil,
                mismatch: { event in
                    guard event.eventType == .startChildWorkflowExecutionInitiated else { return "expected a child workflow start" }
                    let recorded = event.startChildWorkflowExecutionInitiatedEventAttributes
                    if recorded.workflowID != id { return "child workflow id \(recorded.workflowID) differs from \(id)" }
                    if recorded.workflowType.name != type { return "child workflow type \(recorded.workflowType.name) differs from \(type)" }
                    return nil
                },
                recorded: { [self] event in
                    child.initiated(at: event.eventID)
                    machines.follow(event.eventID, "child workflow \(type) (id \(id))") { [self] event in
                        handle(event, for: child)
                    }
                }, summary: "StartChildWorkflowExecution(id \(id), type \(type))"))
        _ = try await withTaskCancellationHandler {
            try await child.started.value()
        } onCancel: { [self] in
            cancel(child)
        }
        return child
    }

    /// Waits for a started child's result.
    func childResult(_ child: ChildWorkflowMachine) async throws -> Api.Common.V1.Payload? {
        try await withTaskCancellationHandler {
            try await child.result.value()
        } onCancel: { [self] in
            cancel(child)
        }
    }

    private func handle(_ event: Api.History.V1.HistoryEvent, for child: ChildWorkflowMachine) {
        switch event.attributes {
        case .childWorkflowExecutionStartedEventAttributes(let started):
            child.startedEventID = event.eventID
            child.runID = started.workflowExecution.runID
            child.started.resolve(.success(child.runID))
        case .startChildWorkflowExecutionFailedEventAttributes(let failed):
            machines.stopFollowing(child.initiatedEventID)
            let error = WorkflowAlreadyStartedError(workflowID: failed.workflowID, runID: nil, workflowName: failed.workflowType.name)
            child.started.resolve(.failure(error))
            child.result.resolve(.failure(error))
        case .childWorkflowExecutionCompletedEventAttributes(let completed):
            machines.stopFollowing(child.initiatedEventID)
            child.result.resolve(.success(completed.result.payloads.first))
        case .childWorkflowExecutionFailedEventAttributes(let failed):
            machines.stopFollowing(child.initiatedEventID)
            child.result.resolve(.failure(childError(child, cause: failed.failure, retryState: failed.retryState)))
        case .childWorkflowExecutionCanceledEventAttributes(let canceled):
            machines.stopFollowing(child.initiatedEventID)
            let cause = Api.Failure.V1.Failure.with {
                $0.message = "Workflow execution canceled"
                $0.canceledFailureInfo = .with { $0.details = canceled.details }
            }
            child.result.resolve(.failure(childError(child, cause: cause, retryState: .nonRetryableFailure)))
        case .childWorkflowExecutionTimedOutEventAttributes(let timedOut):
            machines.stopFollowing(child.initiatedEventID)
            let cause = Api.Failure.V1.Failure.with {
                $0.message = "Workflow execution timed out"
                $0.timeoutFailureInfo = .with { $0.timeoutType = .startToClose }
            }
            child.result.resolve(.failure(childError(child, cause: cause, retryState: timedOut.retryState)))
        case .childWorkflowExecutionTerminatedEventAttributes:
            machines.stopFollowing(child.initiatedEventID)
            let cause = Api.Failure.V1.Failure.with {
                $0.message = "Workflow execution terminated"
                $0.terminatedFailureInfo = .init()
            }
            child.result.resolve(.failure(childError(child, cause: cause, retryState: .nonRetryableFailure)))
        default:
            break
        }
    }

    private func cancel(_ child: ChildWorkflowMachine) {
        guard !child.result.isResolved, !child.cancelRequested else { return }
        child.cancelRequested = true
        let canceled = Api.Failure.V1.Failure.with {
            $0.message = "Child workflow cancelled"
            $0.canceledFailureInfo = .init()
        }
        if machines.withdraw(where: {
            $0.command.commandType == .startChildWorkflowExecution
                && $0.command.startChildWorkflowExecutionCommandAttributes.workflowID == child.workflowID
        }) {
            let error = CanceledError(message: "Child workflow cancelled before it was started")
            child.started.resolve(.failure(error))
            child.result.resolve(.failure(error))
            return
        }
        if child.cancellationType == .abandon {
            child.result.resolve(.failure(childError(child, cause: canceled, retryState: .cancelRequested)))
            return
        }
        let namespace = self.namespace
        let workflowID = child.workflowID
        Task(executorPreference: executor) { [self] in
            try? await cancelExternal(namespace: namespace, workflowID: workflowID, runID: nil, childWorkflowOnly: true)
            if child.cancellationType == .waitCancellationRequested {
                child.result.resolve(.failure(childError(child, cause: canceled, retryState: .cancelRequested)))
            }
        }
        if child.cancellationType == .tryCancel {
            child.result.resolve(.failure(childError(child, cause: canceled, retryState: .cancelRequested)))
        }
    }

    private func childError(_ child: ChildWorkflowMachine, cause: Api.Failure.V1.Failure, retryState: Api.Enums.V1.RetryState) -> any Error {
        let failure = Api.Failure.V1.Failure.with {
            $0.message = "Child workflow execution failed"
            $0.cause = cause
            $0.childWorkflowExecutionFailureInfo = .with {
                $0.namespace = child.namespace
                $0.workflowExecution = .with {
                    $0.workflowID = child.workflowID
                    $0.runID = child.runID
                }
                $0.workflowType = .with { $0.name = child.workflowType }
                $0.initiatedEventID = child.initiatedEventID
                $0.startedEventID = child.startedEventID
                $0.retryState = retryState
            }
        }
        return failureConverter.convertFailure(failure, payloadConverter: payloadConverter)
    }
}
