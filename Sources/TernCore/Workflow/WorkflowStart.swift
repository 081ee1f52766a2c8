import Foundation
import SwiftProtobuf
import TernAPI

public typealias StartWorkflowRequest = Temporal_Api_Workflowservice_V1_StartWorkflowExecutionRequest

/// A signal delivered together with a start (SignalWithStartWorkflowExecution).
public struct StartSignal: Sendable {
    public var name: String
    public var input: Temporal_Api_Common_V1_Payloads?
    public var header: Temporal_Api_Common_V1_Header?
    public var identity: String
    public var requestID: String

    public init(name: String, input: Temporal_Api_Common_V1_Payloads?, header: Temporal_Api_Common_V1_Header?, identity: String, requestID: String) {
        self.name = name
        self.input = input
        self.header = header
        self.identity = identity
        self.requestID = requestID
    }
}

/// Validation and defaults of a workflow start, as Temporal applies them.
public enum StartRules {
    public static let maxIDLength = 1000
    public static let defaultTaskTimeout = Google_Protobuf_Duration(seconds: 10)
    /// Temporal caps the workflow task timeout at 2 minutes.
    public static let maxTaskTimeout = Google_Protobuf_Duration(seconds: 120)

    public static func validate(_ request: StartWorkflowRequest) throws(TernError) {
        if request.workflowID.isEmpty { throw .invalidArgument("WorkflowId is not set on request.") }
        if request.workflowID.utf8.count > maxIDLength {
            throw .invalidArgument("WorkflowId length exceeds limit of \(maxIDLength) bytes.")
        }
        if request.workflowType.name.isEmpty { throw .invalidArgument("WorkflowType is not set on request.") }
        if request.workflowType.name.utf8.count > maxIDLength {
            throw .invalidArgument("WorkflowType length exceeds limit of \(maxIDLength) bytes.")
        }
        if request.taskQueue.name.isEmpty { throw .invalidArgument("TaskQueue is not set on request.") }
        if request.taskQueue.name.utf8.count > maxIDLength {
            throw .invalidArgument("TaskQueue length exceeds limit of \(maxIDLength) bytes.")
        }
        if request.requestID.utf8.count > maxIDLength {
            throw .invalidArgument("RequestId length exceeds limit of \(maxIDLength) bytes.")
        }
        if request.workflowExecutionTimeout.isNegative {
            throw .invalidArgument("Invalid WorkflowExecutionTimeout: it cannot be negative.")
        }
        if request.workflowRunTimeout.isNegative {
            throw .invalidArgument("Invalid WorkflowRunTimeout: it cannot be negative.")
        }
        if request.workflowTaskTimeout.isNegative {
            throw .invalidArgument("Invalid WorkflowTaskTimeout: it cannot be negative.")
        }
        if request.workflowStartDelay.isNegative {
            throw .invalidArgument("Invalid WorkflowStartDelay: it cannot be negative.")
        }
        if request.hasRetryPolicy { try RetryRules.validate(request.retryPolicy) }
        if !request.cronSchedule.isEmpty {
            _ = try CronSchedule(parsing: request.cronSchedule)
            if request.workflowStartDelay.isPositive {
                throw .invalidArgument("CronSchedule and WorkflowStartDelay may not be used together.")
            }
        }
    }

    /// Run timeout defaults to the execution timeout and never exceeds it; the task timeout
    /// defaults to 10 s and never exceeds the run timeout or 2 minutes.
    static func timeouts(_ request: StartWorkflowRequest) -> (execution: Google_Protobuf_Duration, run: Google_Protobuf_Duration, task: Google_Protobuf_Duration) {
        let execution = request.workflowExecutionTimeout
        var run = request.workflowRunTimeout
        if !run.isPositive || (execution.isPositive && execution.timeInterval < run.timeInterval) {
            run = execution
        }
        var task = request.workflowTaskTimeout.isPositive ? request.workflowTaskTimeout : defaultTaskTimeout
        if task.timeInterval > maxTaskTimeout.timeInterval { task = maxTaskTimeout }
        if run.isPositive && run.timeInterval < task.timeInterval { task = run }
        return (execution, run, task)
    }
}

public typealias ContinueAsNewInitiator = Temporal_Api_Enums_V1_ContinueAsNewInitiator
public typealias WorkflowExecution = Temporal_Api_Common_V1_WorkflowExecution

/// The workflow that started a child run.
public struct ParentLink: Sendable, Equatable {
    public var namespace: String
    public var namespaceID: String
    public var execution: WorkflowExecution
    public var initiatedEventID: Int64

    public init(namespace: String, namespaceID: String, execution: WorkflowExecution, initiatedEventID: Int64) {
        self.namespace = namespace
        self.namespaceID = namespaceID
        self.execution = execution
        self.initiatedEventID = initiatedEventID
    }
}

/// What a run inherits from the run before it in its chain (continue-as-new, retry, cron) or
/// from its parent, beyond what the start request says. The default is a fresh first run.
public struct RunLineage: Sendable {
    /// The chain's first run; nil when this run is the first.
    public var firstExecutionRunID: String?
    public var continuedExecutionRunID = ""
    public var initiator: ContinueAsNewInitiator = .unspecified
    public var continuedFailure: Failure?
    public var lastCompletionResult: Payloads?
    public var attempt: Int32 = 1
    /// The execution timeout covers the whole chain, so later runs keep the first run's expiry.
    public var executionExpirationTime: Google_Protobuf_Timestamp?
    /// Delay before the first workflow task; nil: the request's `workflow_start_delay`.
    public var backoff: Google_Protobuf_Duration?
    public var parent: ParentLink?
    public var root: WorkflowExecution?
    public var versioning = InheritedVersioning()

    public init() {}
}

extension WorkflowMachine {
    /// The first change of a new run: WORKFLOW_EXECUTION_STARTED (and the signal of a
    /// signal-with-start), then the first workflow task unless the start is delayed.
    public static func start(
        _ request: StartWorkflowRequest, namespaceID: String, runID: String, signal: StartSignal? = nil,
        lineage: RunLineage = RunLineage(), now: Date
    ) -> WorkflowMachine {
        let (executionTimeout, runTimeout, taskTimeout) = StartRules.timeouts(request)
        var backoff = lineage.backoff ?? request.workflowStartDelay
        var initiator = lineage.initiator
        if initiator == .unspecified, !request.cronSchedule.isEmpty,
           let cron = try? CronSchedule(parsing: request.cronSchedule) {
            // A cron workflow's first run waits for the first matching time, and like every
            // later run it counts as started by the schedule.
            backoff = Google_Protobuf_Duration(rounding: Self.cronDelay(cron, now: now))
            initiator = .cronSchedule
        }
        let executionExpiration: Google_Protobuf_Timestamp? = lineage.executionExpirationTime
            ?? (executionTimeout.isPositive ? now.addingTimeInterval(executionTimeout.timeInterval).timestamp : nil)
        let firstRunID = lineage.firstExecutionRunID ?? runID
        var state = WorkflowState()
        state.nextEventID = 1
        state.execution = .with {
            $0.namespaceID = namespaceID
            $0.namespace = request.namespace
            $0.workflowID = request.workflowID
            $0.runID = runID
            $0.firstExecutionRunID = firstRunID
            $0.workflowType = request.workflowType.name
            $0.taskQueue = request.taskQueue.name
            $0.executionTimeout = executionTimeout
            $0.runTimeout = runTimeout
            $0.taskTimeout = taskTimeout
            $0.startTime = now.timestamp
            $0.executionTime = now.addingTimeInterval(backoff.timeInterval).timestamp
            $0.status = .running
            if request.hasRetryPolicy { $0.retryPolicy = request.retryPolicy }
            $0.cronSchedule = request.cronSchedule
            $0.attempt = lineage.attempt
            if request.hasMemo { $0.memo = request.memo }
            if request.hasSearchAttributes { $0.searchAttributes = request.searchAttributes }
            $0.startRequestID = request.requestID
            $0.workflowTaskAttempt = 1
            $0.identity = request.identity
            $0.rootExecution = lineage.root ?? .with { $0.workflowID = request.workflowID; $0.runID = runID }
            if let parent = lineage.parent {
                $0.parentExecution = parent.execution
                $0.parentNamespace = parent.namespace
                $0.parentNamespaceID = parent.namespaceID
                $0.parentInitiatedEventID = parent.initiatedEventID
            }
            if request.hasPriority { $0.priority = request.priority }
            if request.hasHeader { $0.header = request.header }
            if request.hasUserMetadata { $0.userMetadata = request.userMetadata }
            if request.hasVersioningOverride { $0.versioningOverride = request.versioningOverride }
            let versioning = lineage.versioning
            if let pinned = versioning.pinnedVersion {
                $0.versioningBehavior = .pinned
                $0.deploymentVersion = pinned
            } else if let source = versioning.autoUpgradeSource {
                $0.versioningBehavior = .autoUpgrade
                $0.deploymentVersion = source
            }
            if let declined = versioning.declinedTarget { $0.declinedTargetVersion = declined }
            $0.initialVersioningBehavior = versioning.initialBehavior
            // A retry or cron run starts with the same input (history has it too, but the machine reads no history).
            if request.hasInput, request.hasRetryPolicy || !request.cronSchedule.isEmpty { $0.input = request.input }
            if let executionExpiration { $0.executionExpirationTime = executionExpiration }
            if runTimeout.isPositive {
                // The run timeout starts counting when the first workflow task may run.
                $0.runExpirationTime = now.addingTimeInterval(backoff.timeInterval + runTimeout.timeInterval).timestamp
            }
        }
        var machine = WorkflowMachine(state: state, now: now)
        let execution = machine.state.execution
        machine.append(.workflowExecutionStarted) { event in
            if request.hasUserMetadata { event.userMetadata = request.userMetadata }
            event.workflowExecutionStartedEventAttributes = .with {
                $0.workflowType = request.workflowType
                $0.taskQueue = .with { $0.name = request.taskQueue.name; $0.kind = .normal }
                if request.hasInput { $0.input = request.input }
                // Unset when there is none, as Temporal writes it (SDKs then report "no timeout", not 0 s).
                if executionTimeout.isPositive { $0.workflowExecutionTimeout = executionTimeout }
                if runTimeout.isPositive { $0.workflowRunTimeout = runTimeout }
                $0.workflowTaskTimeout = taskTimeout
                $0.originalExecutionRunID = runID
                if request.hasVersioningOverride { $0.versioningOverride = request.versioningOverride }
                if let pinned = lineage.versioning.pinnedVersion { $0.inheritedPinnedVersion = pinned }
                if let source = lineage.versioning.autoUpgradeSource {
                    $0.inheritedAutoUpgradeInfo = .with {
                        $0.sourceDeploymentVersion = source
                        $0.continueAsNewInitialVersioningBehavior = lineage.versioning.initialBehavior
                    }
                }
                $0.identity = request.identity
                $0.firstExecutionRunID = firstRunID
                $0.attempt = lineage.attempt
                $0.continuedExecutionRunID = lineage.continuedExecutionRunID
                $0.initiator = initiator
                if let failure = lineage.continuedFailure { $0.continuedFailure = failure }
                if let result = lineage.lastCompletionResult { $0.lastCompletionResult = result }
                $0.cronSchedule = request.cronSchedule
                if let parent = lineage.parent {
                    $0.parentWorkflowNamespace = parent.namespace
                    $0.parentWorkflowNamespaceID = parent.namespaceID
                    $0.parentWorkflowExecution = parent.execution
                    $0.parentInitiatedEventID = parent.initiatedEventID
                }
                // Only a child names its root here, as Temporal writes it (SDKs read "no root" for a top-level run).
                if lineage.parent != nil { $0.rootWorkflowExecution = execution.rootExecution }
                if execution.hasExecutionExpirationTime {
                    $0.workflowExecutionExpirationTime = execution.executionExpirationTime
                }
                $0.firstWorkflowTaskBackoff = backoff
                if request.hasRetryPolicy { $0.retryPolicy = request.retryPolicy }
                if request.hasMemo { $0.memo = request.memo }
                if request.hasSearchAttributes { $0.searchAttributes = request.searchAttributes }
                if request.hasHeader { $0.header = request.header }
                $0.workflowID = request.workflowID
                if request.hasPriority { $0.priority = request.priority }
            }
        }
        if let signal {
            machine.append(.workflowExecutionSignaled) { event in
                event.workflowExecutionSignaledEventAttributes = .with {
                    $0.signalName = signal.name
                    if let input = signal.input { $0.input = input }
                    if let header = signal.header { $0.header = header }
                    $0.identity = signal.identity
                    $0.requestID = signal.requestID
                }
            }
            machine.rememberSignalRequest(signal.requestID)
        }
        if execution.hasRunExpirationTime {
            machine.addTimer(.workflowRunTimeout, at: execution.runExpirationTime.date)
        }
        if execution.hasExecutionExpirationTime && execution.executionExpirationTime != execution.runExpirationTime {
            machine.addTimer(.workflowExecutionTimeout, at: execution.executionExpirationTime.date)
        }
        if backoff.isPositive {
            machine.addTimer(.workflowStartBackoff, after: backoff)
        } else {
            machine.state.execution.firstTaskScheduled = true
            machine.scheduleWorkflowTaskIfNeeded()
        }
        return machine
    }

    /// The namespace retention: how long the run is kept after it closes (0: forever).
    public mutating func setRetention(_ retention: Google_Protobuf_Duration) {
        state.execution.retention = retention
    }

    /// The start delay is over: the first workflow task may run.
    public mutating func startBackoffElapsed() {
        guard isRunning, !state.execution.firstTaskScheduled else { return }
        state.execution.firstTaskScheduled = true
        scheduleWorkflowTaskIfNeeded()
    }
}
