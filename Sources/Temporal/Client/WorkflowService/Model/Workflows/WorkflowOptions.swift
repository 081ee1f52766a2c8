public import TernAPI
public import struct GRPCCore.CallOptions

/// How a client starts a workflow execution.
public struct WorkflowOptions: Sendable {
    /// The workflow ID, unique among the namespace's open executions.
    public var id: String

    /// The task queue workers poll for this workflow.
    public var taskQueue: String

    /// How the workflow is retried when it fails; `nil` means it is not retried.
    public var retryPolicy: RetryPolicy?

    /// Whether the ID may reuse the ID of a closed workflow.
    public var idReusePolicy: Api.Enums.V1.WorkflowIdReusePolicy

    /// What to do when a workflow with this ID is already running.
    public var idConflictPolicy: Api.Enums.V1.WorkflowIdConflictPolicy

    /// The limit on the whole execution, across retries and continue-as-new.
    public var executionTimeOut: Duration?

    /// The limit on a single run.
    public var runTimeout: Duration?

    /// The limit on a single workflow task.
    public var taskTimeout: Duration?

    /// How long the server waits before dispatching the first workflow task.
    public var startDelay: Duration?

    /// A cron expression to run the workflow repeatedly.
    public var cronSchedule: String?

    /// Whether to ask the server to hand the first workflow task straight back to this process's
    /// worker.
    public var requestEagerStart: Bool

    /// A one-line summary shown in user interfaces (experimental).
    public var staticSummary: String?

    /// A longer description shown in user interfaces (experimental).
    public var staticDetails: String?

    /// The workflow's priority.
    public var priority: Priority?

    /// Overrides the versioning behaviour of the workflow's worker.
    public var versioningOverride: VersioningOverride?

    /// Unindexed values stored with the execution.
    public var memo: [String: any Sendable]?

    /// Indexed values for finding the workflow with visibility queries.
    public var searchAttributes: SearchAttributeCollection?

    /// Options for the start call itself (timeout, retries).
    public var callOptions: CallOptions?

    /// Creates workflow options.
    ///
    /// - Parameters:
    ///   - id: The workflow ID.
    ///   - taskQueue: The task queue.
    ///   - retryPolicy: How the workflow is retried.
    ///   - executionTimeOut: The limit on the whole execution.
    ///   - runTimeout: The limit on a single run.
    ///   - taskTimeout: The limit on a single workflow task.
    ///   - startDelay: The delay before the first workflow task.
    ///   - cronSchedule: A cron expression for repeated runs.
    ///   - requestEagerStart: Whether to request eager start.
    ///   - staticSummary: A one-line summary for user interfaces.
    ///   - staticDetails: A longer description for user interfaces.
    ///   - priority: The priority.
    ///   - versioningOverride: A versioning override.
    ///   - searchAttributes: Indexed values for visibility queries.
    ///   - idReusePolicy: Whether the ID may reuse a closed workflow's.
    ///   - idConflictPolicy: What to do when the ID is in use by a running workflow.
    ///   - callOptions: Options for the start call.
    public init(
        id: String,
        taskQueue: String,
        retryPolicy: RetryPolicy? = nil,
        executionTimeOut: Duration? = nil,
        runTimeout: Duration? = nil,
        taskTimeout: Duration? = nil,
        startDelay: Duration? = nil,
        cronSchedule: String? = nil,
        requestEagerStart: Bool = false,
        staticSummary: String? = nil,
        staticDetails: String? = nil,
        priority: Priority? = nil,
        versioningOverride: VersioningOverride? = nil,
        searchAttributes: SearchAttributeCollection? = nil,
        idReusePolicy: Api.Enums.V1.WorkflowIdReusePolicy = .allowDuplicate,
        idConflictPolicy: Api.Enums.V1.WorkflowIdConflictPolicy = .fail,
        callOptions: CallOptions? = nil
    ) {
        self.id = id
        self.taskQueue = taskQueue
        self.retryPolicy = retryPolicy
        self.executionTimeOut = executionTimeOut
        self.runTimeout = runTimeout
        self.taskTimeout = taskTimeout
        self.startDelay = startDelay
        self.cronSchedule = cronSchedule
        self.requestEagerStart = requestEagerStart
        self.staticSummary = staticSummary
        self.staticDetails = staticDetails
        self.priority = priority
        self.versioningOverride = versioningOverride
        self.searchAttributes = searchAttributes
        self.idReusePolicy = idReusePolicy
        self.idConflictPolicy = idConflictPolicy
        self.callOptions = callOptions
    }
}
