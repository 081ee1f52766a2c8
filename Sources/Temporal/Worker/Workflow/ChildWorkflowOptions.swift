public import TernAPI

/// How a workflow starts a child workflow. Every option has a default, most of them inherited
/// from the parent.
public struct ChildWorkflowOptions: Sendable {
    /// The child's workflow ID; `nil` derives a deterministic one from the parent.
    public var id: String?

    /// The task queue to run on; `nil` means the parent's.
    public var taskQueue: String?

    /// How the child is retried when it fails; `nil` means it is not retried.
    public var retryPolicy: RetryPolicy?

    /// The limit on the child's whole execution, across retries and continue-as-new.
    public var executionTimeout: Duration?

    /// The limit on a single run of the child.
    public var runTimeout: Duration?

    /// The limit on a single workflow task of the child.
    public var taskTimeout: Duration?

    /// Unindexed values stored with the child's execution.
    public var memo: [String: any Sendable]?

    /// Indexed values for finding the child with visibility queries.
    public var searchAttributes: SearchAttributeCollection?

    /// What happens to the child when the parent closes. Defaults to terminating it.
    public var parentClosePolicy: Api.Enums.V1.ParentClosePolicy = .terminate

    /// Whether the child's ID may reuse the ID of a closed workflow.
    public var idReusePolicy: Api.Enums.V1.WorkflowIdReusePolicy = .allowDuplicate

    /// A cron expression to run the child repeatedly; `nil` runs it once.
    public var cronSchedule: String?

    /// What the parent waits for when it cancels the child.
    public var cancellationType: ChildWorkflowCancellationType = .waitCancellationCompleted

    /// Whether the child should run on a worker compatible with the parent's build.
    public var versioningIntent: VersioningIntent = .unspecified

    /// The child's priority; `nil` inherits the parent's.
    public var priority: Priority?

    /// A one-line summary shown in user interfaces (experimental).
    public var staticSummary: String?

    /// A longer description shown in user interfaces (experimental).
    public var staticDetails: String?

    /// Creates child workflow options; every parameter is optional.
    ///
    /// - Parameters:
    ///   - id: The workflow ID; `nil` derives a deterministic one.
    ///   - taskQueue: The task queue; `nil` for the parent's.
    ///   - retryPolicy: How the child is retried.
    ///   - executionTimeout: The limit on the whole execution.
    ///   - runTimeout: The limit on a single run.
    ///   - taskTimeout: The limit on a single workflow task.
    ///   - memo: Unindexed values stored with the execution.
    ///   - searchAttributes: Indexed values for visibility queries.
    ///   - parentClosePolicy: What happens to the child when the parent closes.
    ///   - idReusePolicy: Whether the ID may reuse a closed workflow's.
    ///   - cronSchedule: A cron expression for repeated runs.
    ///   - cancellationType: What the parent waits for when cancelling.
    ///   - versioningIntent: Build compatibility requirement.
    ///   - priority: The priority; `nil` inherits the parent's.
    ///   - staticSummary: A one-line summary for user interfaces.
    ///   - staticDetails: A longer description for user interfaces.
    public init(
        id: String? = nil,
        taskQueue: String? = nil,
        retryPolicy: RetryPolicy? = nil,
        executionTimeout: Duration? = nil,
        runTimeout: Duration? = nil,
        taskTimeout: Duration? = nil,
        memo: [String: any Sendable]? = nil,
        searchAttributes: SearchAttributeCollection? = nil,
        parentClosePolicy: Api.Enums.V1.ParentClosePolicy = .terminate,
        idReusePolicy: Api.Enums.V1.WorkflowIdReusePolicy = .allowDuplicate,
        cronSchedule: String? = nil,
        cancellationType: ChildWorkflowCancellationType = .waitCancellationCompleted,
        versioningIntent: VersioningIntent = .unspecified,
        priority: Priority? = nil,
        staticSummary: String? = nil,
        staticDetails: String? = nil
    ) {
        self.id = id
        self.taskQueue = taskQueue
        self.retryPolicy = retryPolicy
        self.executionTimeout = executionTimeout
        self.runTimeout = runTimeout
        self.taskTimeout = taskTimeout
        self.memo = memo
        self.searchAttributes = searchAttributes
        self.parentClosePolicy = parentClosePolicy
        self.idReusePolicy = idReusePolicy
        self.cronSchedule = cronSchedule
        self.cancellationType = cancellationType
        self.versioningIntent = versioningIntent
        self.priority = priority
        self.staticSummary = staticSummary
        self.staticDetails = staticDetails
    }
}
