import Foundation
import SwiftProtobuf
import TernAPI

public typealias ChildInfo = Tern_Internal_V1_ChildInfo
public typealias ExternalRequestInfo = Tern_Internal_V1_ExternalRequestInfo
public typealias StartChildFailedCause = Temporal_Api_Enums_V1_StartChildWorkflowExecutionFailedCause
public typealias ExternalFailedCause = Temporal_Api_Enums_V1_SignalExternalWorkflowExecutionFailedCause

/// Talking to other workflows: child workflows, and signals and cancel requests to external
/// workflows. A command writes an INITIATED event and a transfer task; the history service
/// carries the task out on the other workflow and reports back through the methods below.
extension WorkflowMachine {
    // MARK: Commands

    mutating func startChild(
        _ a: Temporal_Api_Command_V1_StartChildWorkflowExecutionCommandAttributes, completedEventID: Int64
    ) throws(CommandRejection) {
        func reject(_ message: String) -> CommandRejection {
            CommandRejection(.badStartChildExecutionAttributes, "StartChildWorkflowExecution: \(message)")
        }
        if a.workflowID.isEmpty { throw reject("WorkflowId is not set.") }
        if a.workflowType.name.isEmpty { throw reject("WorkflowType is not set.") }
        if a.workflowID.utf8.count > StartRules.maxIDLength { throw reject("WorkflowId is too long.") }
        for (name, d) in [("WorkflowExecutionTimeout", a.workflowExecutionTimeout),
                          ("WorkflowRunTimeout", a.workflowRunTimeout),
                          ("WorkflowTaskTimeout", a.workflowTaskTimeout)] where d.isNegative {
            throw reject("\(name) cannot be negative.")
        }
        if a.hasRetryPolicy {
            do { try RetryRules.validate(a.retryPolicy) } catch { throw reject(error.message) }
        }
        if !a.cronSchedule.isEmpty {
            do { _ = try CronSchedule(parsing: a.cronSchedule) } catch { throw reject(error.message) }
        }
        var attributes = a
        if attributes.namespace.isEmpty { attributes.namespace = state.execution.namespace }
        if attributes.taskQueue.name.isEmpty { attributes.taskQueue.name = state.execution.taskQueue }
        let child = attributes
        let metadata = commandUserMetadata
        let id = append(.startChildWorkflowExecutionInitiated) { event in
            event.startChildWorkflowExecutionInitiatedEventAttributes = .with {
                $0.namespace = child.namespace
                $0.workflowID = child.workflowID
                $0.workflowType = child.workflowType
                $0.taskQueue = .with { $0.name = child.taskQueue.name; $0.kind = .normal }
                if child.hasInput { $0.input = child.input }
                $0.workflowExecutionTimeout = child.workflowExecutionTimeout
                $0.workflowRunTimeout = child.workflowRunTimeout
                $0.workflowTaskTimeout = child.workflowTaskTimeout
                $0.parentClosePolicy = child.parentClosePolicy
                $0.control = child.control
                $0.workflowTaskCompletedEventID = completedEventID
                $0.workflowIDReusePolicy = child.workflowIDReusePolicy
                if child.hasRetryPolicy { $0.retryPolicy = child.retryPolicy }
                $0.cronSchedule = child.cronSchedule
                if child.hasHeader { $0.header = child.header }
                if child.hasMemo { $0.memo = child.memo }
                if child.hasSearchAttributes { $0.searchAttributes = child.searchAttributes }
                $0.inheritBuildID = child.inheritBuildID
                if child.hasPriority { $0.priority = child.priority }
            }
        }
        state.children[id] = .with {
            $0.initiatedEventID = id
            $0.namespace = child.namespace
            $0.attributes = child
            if let metadata { $0.userMetadata = metadata }
        }
        transferTasks.append(.with { $0.kind = .startChild; $0.scheduledEventID = id })
    }

    mutating func signalExternal(
        _ a: Temporal_Api_Command_V1_SignalExternalWorkflowExecutionCommandAttributes, completedEventID: Int64
    ) throws(CommandRejection) {
        if a.execution.workflowID.isEmpty {
            throw CommandRejection(.badSignalWorkflowExecutionAttributes, "SignalExternalWorkflowExecution: WorkflowId is not set.")
        }
        if a.signalName.isEmpty {
            throw CommandRejection(.badSignalWorkflowExecutionAttributes, "SignalExternalWorkflowExecution: SignalName is not set.")
        }
        let namespace = a.namespace.isEmpty ? state.execution.namespace : a.namespace
        let id = append(.signalExternalWorkflowExecutionInitiated) { event in
            event.signalExternalWorkflowExecutionInitiatedEventAttributes = .with {
                $0.workflowTaskCompletedEventID = completedEventID
                $0.namespace = namespace
                $0.workflowExecution = a.execution
                $0.signalName = a.signalName
                if a.hasInput { $0.input = a.input }
                $0.control = a.control
                $0.childWorkflowOnly = a.childWorkflowOnly
                if a.hasHeader { $0.header = a.header }
            }
        }
        state.externalRequests[id] = .with {
            $0.kind = .signal
            $0.initiatedEventID = id
            $0.namespace = namespace
            $0.target = a.execution
            $0.childWorkflowOnly = a.childWorkflowOnly
            $0.signalName = a.signalName
            if a.hasInput { $0.input = a.input }
            if a.hasHeader { $0.header = a.header }
            $0.control = a.control
        }
        transferTasks.append(.with { $0.kind = .signalExternal; $0.scheduledEventID = id })
    }

    mutating func requestCancelExternal(
        _ a: Temporal_Api_Command_V1_RequestCancelExternalWorkflowExecutionCommandAttributes, completedEventID: Int64
    ) throws(CommandRejection) {
        if a.workflowID.isEmpty {
            throw CommandRejection(
                .badRequestCancelExternalWorkflowExecutionAttributes,
                "RequestCancelExternalWorkflowExecution: WorkflowId is not set.")
        }
        let namespace = a.namespace.isEmpty ? state.execution.namespace : a.namespace
        let target = WorkflowExecution.with { $0.workflowID = a.workflowID; $0.runID = a.runID }
        let id = append(.requestCancelExternalWorkflowExecutionInitiated) { event in
            event.requestCancelExternalWorkflowExecutionInitiatedEventAttributes = .with {
                $0.workflowTaskCompletedEventID = completedEventID
                $0.namespace = namespace
                $0.workflowExecution = target
                $0.control = a.control
                $0.childWorkflowOnly = a.childWorkflowOnly
                $0.reason = a.reason
            }
        }
        state.externalRequests[id] = .with {
            $0.kind = .cancel
            $0.initiatedEventID = id
            $0.namespace = namespace
            $0.target = target
            $0.childWorkflowOnly = a.childWorkflowOnly
            $0.control = a.control
            $0.reason = a.reason
        }
        transferTasks.append(.with { $0.kind = .cancelExternal; $0.scheduledEventID = id })
    }

    // MARK: Outcomes reported by the history service

    /// The pending child started by `initiatedEventID`, if the run still waits for it.
    public func pendingChild(_ initiatedEventID: Int64) -> ChildInfo? {
        isRunning ? state.children[initiatedEventID] : nil
    }

    public func pendingExternalRequest(_ initiatedEventID: Int64) -> ExternalRequestInfo? {
        isRunning ? state.externalRequests[initiatedEventID] : nil
    }

    /// The child run started: CHILD_WORKFLOW_EXECUTION_STARTED (once).
    public mutating func childStarted(initiatedEventID: Int64, namespaceID: String, runID: String) {
        guard var child = pendingChild(initiatedEventID), child.startedEventID == 0 else { return }
        let started = appendOrBuffer(.childWorkflowExecutionStarted) { event in
            event.childWorkflowExecutionStartedEventAttributes = .with {
                $0.namespace = child.namespace
                $0.namespaceID = namespaceID
                $0.initiatedEventID = initiatedEventID
                $0.workflowExecution = .with { $0.workflowID = child.attributes.workflowID; $0.runID = runID }
                $0.workflowType = child.attributes.workflowType
                if child.attributes.hasHeader { $0.header = child.attributes.header }
            }
        }
        // A buffered STARTED gets its id when flushed; later events only need it to be non-zero.
        child.startedEventID = started == 0 ? -1 : started
        child.runID = runID
        child.namespaceID = namespaceID
        state.children[initiatedEventID] = child
        scheduleWorkflowTaskIfNeeded()
    }

    public mutating func childStartFailed(initiatedEventID: Int64, cause: StartChildFailedCause) {
        guard let child = pendingChild(initiatedEventID), child.startedEventID == 0 else { return }
        state.children.removeValue(forKey: initiatedEventID)
        appendOrBuffer(.startChildWorkflowExecutionFailed) { event in
            event.startChildWorkflowExecutionFailedEventAttributes = .with {
                $0.namespace = child.namespace
                $0.workflowID = child.attributes.workflowID
                $0.workflowType = child.attributes.workflowType
                $0.cause = cause
                $0.control = child.attributes.control
                $0.initiatedEventID = initiatedEventID
                $0.workflowTaskCompletedEventID = 0
            }
        }
        scheduleWorkflowTaskIfNeeded()
    }

    /// The child's chain closed for good with `closeEvent` (its last run's close event).
    public mutating func childClosed(
        initiatedEventID: Int64, namespaceID: String, execution: WorkflowExecution, closeEvent: HistoryEvent
    ) {
        guard pendingChild(initiatedEventID) != nil else { return }
        childStarted(initiatedEventID: initiatedEventID, namespaceID: namespaceID, runID: execution.runID)
        guard let child = state.children.removeValue(forKey: initiatedEventID) else { return }
        let startedID = child.startedEventID > 0 ? child.startedEventID : 0
        let namespace = child.namespace
        let type = child.attributes.workflowType
        switch closeEvent.attributes {
        case .workflowExecutionCompletedEventAttributes(let a):
            appendOrBuffer(.childWorkflowExecutionCompleted) { event in
                event.childWorkflowExecutionCompletedEventAttributes = .with {
                    if a.hasResult { $0.result = a.result }
                    $0.namespace = namespace
                    $0.namespaceID = namespaceID
                    $0.workflowExecution = execution
                    $0.workflowType = type
                    $0.initiatedEventID = initiatedEventID
                    $0.startedEventID = startedID
                }
            }
        case .workflowExecutionFailedEventAttributes(let a):
            appendOrBuffer(.childWorkflowExecutionFailed) { event in
                event.childWorkflowExecutionFailedEventAttributes = .with {
                    if a.hasFailure { $0.failure = a.failure }
                    $0.namespace = namespace
                    $0.namespaceID = namespaceID
                    $0.workflowExecution = execution
                    $0.workflowType = type
                    $0.initiatedEventID = initiatedEventID
                    $0.startedEventID = startedID
                    $0.retryState = a.retryState
                }
            }
        case .workflowExecutionCanceledEventAttributes(let a):
            appendOrBuffer(.childWorkflowExecutionCanceled) { event in
                event.childWorkflowExecutionCanceledEventAttributes = .with {
                    if a.hasDetails { $0.details = a.details }
                    $0.namespace = namespace
                    $0.namespaceID = namespaceID
                    $0.workflowExecution = execution
                    $0.workflowType = type
                    $0.initiatedEventID = initiatedEventID
                    $0.startedEventID = startedID
                }
            }
        case .workflowExecutionTimedOutEventAttributes(let a):
            appendOrBuffer(.childWorkflowExecutionTimedOut) { event in
                event.childWorkflowExecutionTimedOutEventAttributes = .with {
                    $0.namespace = namespace
                    $0.namespaceID = namespaceID
                    $0.workflowExecution = execution
                    $0.workflowType = type
                    $0.initiatedEventID = initiatedEventID
                    $0.startedEventID = startedID
                    $0.retryState = a.retryState
                }
            }
        default:
            appendOrBuffer(.childWorkflowExecutionTerminated) { event in
                event.childWorkflowExecutionTerminatedEventAttributes = .with {
                    $0.namespace = namespace
                    $0.namespaceID = namespaceID
                    $0.workflowExecution = execution
                    $0.workflowType = type
                    $0.initiatedEventID = initiatedEventID
                    $0.startedEventID = startedID
                }
            }
        }
        scheduleWorkflowTaskIfNeeded()
    }

    /// A signal or cancel request reached its target (`failedCause` nil) or could not.
    public mutating func externalRequestDone(initiatedEventID: Int64, failedCause: ExternalFailedCause?) {
        guard let request = state.externalRequests.removeValue(forKey: initiatedEventID), isRunning else { return }
        let namespace = request.namespace
        let target = request.target
        switch (request.kind, failedCause) {
        case (.signal, nil):
            appendOrBuffer(.externalWorkflowExecutionSignaled) { event in
                event.externalWorkflowExecutionSignaledEventAttributes = .with {
                    $0.initiatedEventID = initiatedEventID
                    $0.namespace = namespace
                    $0.workflowExecution = target
                    $0.control = request.control
                }
            }
        case (.signal, let cause?):
            appendOrBuffer(.signalExternalWorkflowExecutionFailed) { event in
                event.signalExternalWorkflowExecutionFailedEventAttributes = .with {
                    $0.cause = cause
                    $0.namespace = namespace
                    $0.workflowExecution = target
                    $0.initiatedEventID = initiatedEventID
                    $0.control = request.control
                }
            }
        case (_, nil):
            appendOrBuffer(.externalWorkflowExecutionCancelRequested) { event in
                event.externalWorkflowExecutionCancelRequestedEventAttributes = .with {
                    $0.initiatedEventID = initiatedEventID
                    $0.namespace = namespace
                    $0.workflowExecution = target
                }
            }
        case (_, let cause?):
            appendOrBuffer(.requestCancelExternalWorkflowExecutionFailed) { event in
                event.requestCancelExternalWorkflowExecutionFailedEventAttributes = .with {
                    // The cancel enum mirrors the signal one value for value.
                    $0.cause = .init(rawValue: cause.rawValue) ?? .unspecified
                    $0.namespace = namespace
                    $0.workflowExecution = target
                    $0.initiatedEventID = initiatedEventID
                    $0.control = request.control
                }
            }
        }
        scheduleWorkflowTaskIfNeeded()
    }
}
