import Foundation
import SwiftProtobuf
import TernAPI

/// The run a change starts as the continuation of the current one (continue-as-new, workflow
/// retry, cron). It is committed in the same transaction that closes the current run.
public struct NewRun: Sendable {
    public var runID: String
    public var state: WorkflowState
    public var newEvents: [HistoryEvent]
    public var transferTasks: [TransferTask]
    public var timerTasks: [TimerTask]
}

/// How a closing run hands over to the next run of its chain.
struct Continuation {
    var runID: String
    var initiator: ContinueAsNewInitiator
    var backoff: TimeInterval
}

extension WorkflowMachine {
    // MARK: Continue-as-new

    mutating func continueAsNew(
        _ a: Temporal_Api_Command_V1_ContinueAsNewWorkflowExecutionCommandAttributes, completedEventID: Int64
    ) throws(CommandRejection) {
        func reject(_ message: String) -> CommandRejection {
            CommandRejection(.badContinueAsNewAttributes, "ContinueAsNewWorkflowExecution: \(message)")
        }
        if a.workflowRunTimeout.isNegative { throw reject("WorkflowRunTimeout cannot be negative.") }
        if a.workflowTaskTimeout.isNegative { throw reject("WorkflowTaskTimeout cannot be negative.") }
        if a.backoffStartInterval.isNegative { throw reject("BackoffStartInterval cannot be negative.") }
        if a.hasRetryPolicy {
            do { try RetryRules.validate(a.retryPolicy) } catch { throw reject(error.message) }
        }
        if !a.cronSchedule.isEmpty {
            do { _ = try CronSchedule(parsing: a.cronSchedule) } catch { throw reject(error.message) }
        }
        var request = nextRunRequest()
        if !a.workflowType.name.isEmpty { request.workflowType = a.workflowType }
        if !a.taskQueue.name.isEmpty { request.taskQueue.name = a.taskQueue.name }
        if a.hasInput { request.input = a.input } else { request.clearInput() }
        if a.workflowRunTimeout.isPositive { request.workflowRunTimeout = a.workflowRunTimeout }
        if a.workflowTaskTimeout.isPositive { request.workflowTaskTimeout = a.workflowTaskTimeout }
        if a.hasMemo { request.memo = a.memo }
        if a.hasSearchAttributes { request.searchAttributes = a.searchAttributes }
        if a.hasHeader { request.header = a.header }
        if a.hasRetryPolicy { request.retryPolicy = a.retryPolicy }
        if !a.cronSchedule.isEmpty { request.cronSchedule = a.cronSchedule }
        let runID = startNextRun(
            request, initiator: .workflow, attempt: 1, backoff: a.backoffStartInterval.timeInterval,
            failure: a.hasFailure ? a.failure : nil, lastCompletionResult: a.hasLastCompletionResult ? a.lastCompletionResult : nil,
            initialVersioningBehavior: a.initialVersioningBehavior)
        let newRun = self.newRun
        close(.continuedAsNew, .workflowExecutionContinuedAsNew, continuing: true) { event in
            event.workflowExecutionContinuedAsNewEventAttributes = .with {
                $0.newExecutionRunID = runID
                $0.workflowType = request.workflowType
                $0.taskQueue = .with { $0.name = request.taskQueue.name; $0.kind = .normal }
                if request.hasInput { $0.input = request.input }
                if let started = newRun?.state.execution {
                    if started.runTimeout.isPositive { $0.workflowRunTimeout = started.runTimeout }
                    $0.workflowTaskTimeout = started.taskTimeout
                }
                $0.workflowTaskCompletedEventID = completedEventID
                $0.backoffStartInterval = a.backoffStartInterval
                $0.initiator = .workflow
                if a.hasFailure { $0.failure = a.failure }
                if a.hasLastCompletionResult { $0.lastCompletionResult = a.lastCompletionResult }
                if request.hasHeader { $0.header = request.header }
                if request.hasMemo { $0.memo = request.memo }
                if request.hasSearchAttributes { $0.searchAttributes = request.searchAttributes }
            }
        }
    }

    /// The start request of the next run of this chain: same id, type, queue, timeouts,
    /// memo, search attributes, header, retry policy and cron schedule.
    func nextRunRequest() -> StartWorkflowRequest {
        let e = state.execution
        return StartWorkflowRequest.with {
            $0.namespace = e.namespace
            $0.workflowID = e.workflowID
            $0.workflowType.name = e.workflowType
            $0.taskQueue.name = e.taskQueue
            $0.workflowExecutionTimeout = e.executionTimeout
            $0.workflowRunTimeout = e.runTimeout
            $0.workflowTaskTimeout = e.taskTimeout
            $0.identity = e.identity
            if e.hasInput { $0.input = e.input }
            if e.hasMemo { $0.memo = e.memo }
            if e.hasSearchAttributes { $0.searchAttributes = e.searchAttributes }
            if e.hasHeader { $0.header = e.header }
            if e.hasRetryPolicy { $0.retryPolicy = e.retryPolicy }
            if e.hasPriority { $0.priority = e.priority }
            $0.cronSchedule = e.cronSchedule
        }
    }

    /// Builds the next run (kept in `newRun`) and returns its id.
    @discardableResult
    mutating func startNextRun(
        _ request: StartWorkflowRequest, initiator: ContinueAsNewInitiator, attempt: Int32, backoff: TimeInterval,
        failure: Failure?, lastCompletionResult: Payloads?, initialVersioningBehavior: ContinueAsNewVersioningBehavior = .unspecified
    ) -> String {
        let e = state.execution
        let runID = RunIDs.make()
        var lineage = RunLineage()
        lineage.firstExecutionRunID = e.firstExecutionRunID
        lineage.continuedExecutionRunID = e.runID
        lineage.initiator = initiator
        lineage.continuedFailure = failure
        lineage.lastCompletionResult = lastCompletionResult
        lineage.attempt = attempt
        lineage.executionExpirationTime = e.hasExecutionExpirationTime ? e.executionExpirationTime : nil
        lineage.backoff = Google_Protobuf_Duration(rounding: backoff)
        lineage.root = e.rootExecution
        if e.hasParentExecution {
            lineage.parent = ParentLink(
                namespace: e.parentNamespace, namespaceID: e.parentNamespaceID, execution: e.parentExecution,
                initiatedEventID: e.parentInitiatedEventID)
        }
        lineage.versioning = inheritedVersioning(queue: request.taskQueue.name, initialBehavior: initialVersioningBehavior)
        var request = request
        if let override = lineage.versioning.pinnedOverride { request.versioningOverride = override }
        request.requestID = UUID().uuidString.lowercased()
        var machine = WorkflowMachine.start(request, namespaceID: e.namespaceID, runID: runID, lineage: lineage, now: now)
        machine.state.execution.startRequestID = request.requestID
        machine.state.execution.retention = e.retention
        newRun = NewRun(
            runID: runID, state: machine.state, newEvents: machine.newEvents,
            transferTasks: machine.transferTasks, timerTasks: machine.timerTasks)
        state.execution.newExecutionRunID = runID
        return runID
    }

    // MARK: Retry and cron

    /// When the run is about to fail (or time out) with `failure`: the next run of a retry
    /// policy or cron schedule, if any, and the retry state the close event records.
    mutating func continuationAfterFailure(_ failure: Failure) -> (runID: String?, retryState: RetryState) {
        let e = state.execution
        if e.hasRetryPolicy {
            let deadline = e.hasExecutionExpirationTime ? e.executionExpirationTime.date : nil
            let decision = RetryRules.decide(
                policy: RetryRules.withDefaults(e.retryPolicy), attempt: e.attempt, failure: failure, now: now,
                deadline: deadline)
            switch decision {
            case .retry(let delay):
                let id = startNextRun(
                    nextRunRequest(), initiator: .retry, attempt: e.attempt + 1, backoff: delay, failure: failure,
                    lastCompletionResult: nil)
                return (id, .inProgress)
            case .stop(let retryState):
                if let id = cronContinuation(failure: failure, result: nil) { return (id, retryState) }
                return (nil, retryState)
            }
        }
        if let id = cronContinuation(failure: failure, result: nil) { return (id, .retryPolicyNotSet) }
        return (nil, .retryPolicyNotSet)
    }

    /// The next run of a cron workflow, waiting for the next matching time.
    mutating func cronContinuation(failure: Failure?, result: Payloads?) -> String? {
        let e = state.execution
        guard !e.cronSchedule.isEmpty, let cron = try? CronSchedule(parsing: e.cronSchedule) else { return nil }
        let delay = Self.cronDelay(cron, now: now)
        if e.hasExecutionExpirationTime, now.addingTimeInterval(delay) >= e.executionExpirationTime.date { return nil }
        return startNextRun(
            nextRunRequest(), initiator: .cronSchedule, attempt: 1, backoff: delay, failure: failure,
            lastCompletionResult: result)
    }

    static func cronDelay(_ cron: CronSchedule, now: Date) -> TimeInterval {
        guard let next = cron.nextTime(after: now) else { return 0 }
        return max(0, next.timeIntervalSince(now))
    }
}
