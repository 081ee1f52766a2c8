public import TernAPI
public import Foundation

/// Facts about the running workflow execution, fixed when the run starts.
public struct WorkflowInfo: Sendable {
    /// The attempt number, starting at 1; greater after the workflow was retried.
    public var attempt: Int

    /// When the run started.
    public var startTime: Date

    /// The workflow's name.
    public var workflowName: String

    /// The workflow's ID.
    public var workflowID: String

    /// The workflow type name.
    public var workflowType: String

    /// This run's ID.
    public var runID: String

    /// The run this one continued from, if it was started by continue-as-new.
    public var continuedRunID: String?

    /// The task queue the workflow runs on.
    public var taskQueue: String

    /// The namespace the workflow runs in.
    public var namespace: String

    /// The cron schedule, for cron workflows.
    public var cronSchedule: String?

    /// The limit on this run.
    public var runTimeout: Duration?

    /// The limit on each workflow task.
    public var taskTimeout: Duration?

    /// The limit on the whole execution.
    public var executionTimeout: Duration?

    /// The failure of the previous run, for retries and cron runs.
    public var lastFailure: (any Error)?

    /// The result of the previous run, for cron runs.
    public var lastResult: [TemporalRawValue]?

    /// The headers the run was started with.
    public var headers: [String: Api.Common.V1.Payload]

    /// The parent workflow, if this is a child workflow.
    public var parent: Parent?

    /// The retry policy the workflow was started with.
    public var retryPolicy: RetryPolicy?

    /// The run ID of the first run in this chain of runs.
    public var firstExecutionRunId: String

    /// The workflow's priority.
    public var priority: Priority?

    /// The top-level workflow, if this is a child workflow.
    public var root: RootInfo?

    /// Creates workflow information; the optional facts start unset.
    ///
    /// - Parameters:
    ///   - attempt: The attempt number.
    ///   - startTime: When the run started.
    ///   - workflowName: The workflow's name.
    ///   - workflowID: The workflow's ID.
    ///   - workflowType: The workflow type name.
    ///   - runID: This run's ID.
    ///   - taskQueue: The task queue.
    ///   - namespace: The namespace.
    ///   - headers: The start headers.
    ///   - firstExecutionRunId: The first run's ID; `nil` means this run.
    public init(
        attempt: Int,
        startTime: Date,
        workflowName: String,
        workflowID: String,
        workflowType: String,
        runID: String,
        taskQueue: String,
        namespace: String,
        headers: [String: Api.Common.V1.Payload],
        firstExecutionRunId: String? = nil
    ) {
        self.attempt = attempt
        self.startTime = startTime
        self.workflowName = workflowName
        self.workflowID = workflowID
        self.workflowType = workflowType
        self.runID = runID
        self.taskQueue = taskQueue
        self.namespace = namespace
        self.headers = headers
        self.firstExecutionRunId = firstExecutionRunId ?? runID
    }
}

extension WorkflowInfo {
    /// Builds the information for a run from its started event's attributes, synchronously and
    /// without a codec (as the workflow runtime needs it).
    ///
    /// The workflow ID and run ID come from the attributes (`workflow_id`, and
    /// `original_execution_run_id`, which is the run's own ID unless the run was reset); the
    /// previous run's failure is converted with the given converters.
    package init(
        started attributes: Api.History.V1.WorkflowExecutionStartedEventAttributes,
        startTime: Date,
        namespace: String,
        taskQueue: String,
        payloadConverter: any PayloadConverter = DefaultPayloadConverter(),
        failureConverter: any FailureConverter = DefaultFailureConverter()
    ) {
        let runID = attributes.originalExecutionRunID
        self.init(
            attempt: Int(max(attributes.attempt, 1)),
            startTime: startTime,
            workflowName: attributes.workflowType.name,
            workflowID: attributes.workflowID,
            workflowType: attributes.workflowType.name,
            runID: runID,
            taskQueue: taskQueue,
            namespace: namespace,
            headers: attributes.header.fields,
            firstExecutionRunId: attributes.firstExecutionRunID.isEmpty ? nil : attributes.firstExecutionRunID
        )
        applyOptionalFacts(from: attributes)
        if attributes.hasContinuedFailure {
            lastFailure = failureConverter.convertFailure(attributes.continuedFailure, payloadConverter: payloadConverter)
        }
        if attributes.hasLastCompletionResult {
            lastResult = attributes.lastCompletionResult.payloads.map(TemporalRawValue.init)
        }
    }

    /// Copies the facts that need no payload decoding.
    mutating func applyOptionalFacts(from attributes: Api.History.V1.WorkflowExecutionStartedEventAttributes) {
        if !attributes.continuedExecutionRunID.isEmpty {
            continuedRunID = attributes.continuedExecutionRunID
        }
        if !attributes.cronSchedule.isEmpty {
            cronSchedule = attributes.cronSchedule
        }
        if attributes.hasWorkflowRunTimeout {
            runTimeout = Duration(protobufDuration: attributes.workflowRunTimeout)
        }
        if attributes.hasWorkflowTaskTimeout {
            taskTimeout = Duration(protobufDuration: attributes.workflowTaskTimeout)
        }
        if attributes.hasWorkflowExecutionTimeout {
            executionTimeout = Duration(protobufDuration: attributes.workflowExecutionTimeout)
        }
        if attributes.hasParentWorkflowExecution {
            parent = Parent(
                workflowID: attributes.parentWorkflowExecution.workflowID,
                runID: attributes.parentWorkflowExecution.runID,
                namespace: attributes.parentWorkflowNamespace
            )
        }
        if attributes.hasRetryPolicy {
            retryPolicy = RetryPolicy(attributes.retryPolicy)
        }
        if attributes.hasPriority {
            priority = Priority(proto: attributes.priority)
        }
        if attributes.hasRootWorkflowExecution {
            root = RootInfo(
                workflowID: attributes.rootWorkflowExecution.workflowID,
                runID: attributes.rootWorkflowExecution.runID
            )
        }
    }
}
