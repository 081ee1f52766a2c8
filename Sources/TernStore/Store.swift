import Foundation
import TernCore

/// Persistence for Tern. Every method is one transaction; implementations must make a
/// returned call durable (it survives `kill -9` of the process).
public protocol Store: Sendable {
    // MARK: Namespaces

    /// Inserts a new namespace. Throws `StoreError.alreadyExists` when the name or id is taken.
    func createNamespace(_ namespace: NamespaceRecord) async throws
    func namespace(named name: String) async throws -> NamespaceRecord?
    func namespace(id: String) async throws -> NamespaceRecord?
    /// Namespaces ordered by name, starting after `afterName` (exclusive), at most `limit`.
    func listNamespaces(afterName: String?, limit: Int) async throws -> [NamespaceRecord]
    /// Replaces a namespace if its stored version still equals `namespace.version`, and returns
    /// it with the new version. Throws `StoreError.conditionFailed` when someone else updated it first.
    func updateNamespace(_ namespace: NamespaceRecord) async throws -> NamespaceRecord

    // MARK: Search attributes

    /// The custom search attributes of a namespace.
    func searchAttributes(namespaceID: String) async throws -> [String: IndexedValueType]
    func addSearchAttributes(namespaceID: String, _ attributes: [String: IndexedValueType]) async throws
    func removeSearchAttributes(namespaceID: String, names: [String]) async throws

    // MARK: Workflows

    func currentExecution(namespaceID: String, workflowID: String) async throws -> CurrentExecution?
    func workflow(_ key: WorkflowKey) async throws -> StoredWorkflow?
    /// Writes changes to one or more runs (state, events, tasks, visibility) in one transaction,
    /// in order: closing a run and starting the next one of the same workflow id is atomic.
    /// Throws `StoreError.conditionFailed` (and writes nothing) when any run changed since it was read.
    func commit(_ changes: [WorkflowChange]) async throws -> [CommittedChange]
    /// Removes a run: its state, history, tasks and visibility row, and the workflow id's
    /// current-run entry if it names this run.
    func deleteWorkflow(_ key: WorkflowKey) async throws
    /// Events `from ... through` of a run, in order (through `nil`: to the end).
    func historyEvents(_ key: WorkflowKey, from: Int64, through: Int64?) async throws -> [HistoryEvent]

    // MARK: Visibility

    /// One page of the runs matching `query`, and the token of the next page (empty at the end).
    func listWorkflows(
        namespaceID: String, query: VisibilityQuery, pageSize: Int, pageToken: Data
    ) async throws -> (executions: [WorkflowExecutionInfo], nextPageToken: Data)
    /// How many runs match; per ExecutionStatus too when the query groups by it.
    func countWorkflows(
        namespaceID: String, query: VisibilityQuery
    ) async throws -> (count: Int64, groups: [(status: WorkflowStatus, count: Int64)])

    // MARK: Schedules

    /// Inserts a schedule. Throws `StoreError.alreadyExists` when the id is taken.
    func createSchedule(_ record: ScheduleRecord) async throws
    func schedule(namespaceID: String, scheduleID: String) async throws -> ScheduleRecord?
    /// Replaces a schedule if its stored conflict token is still `expectedToken`; throws
    /// `StoreError.conditionFailed` otherwise, `StoreError.notFound` when it is gone.
    func updateSchedule(_ record: ScheduleRecord, expectedToken: Int64) async throws
    func deleteSchedule(namespaceID: String, scheduleID: String) async throws
    /// Schedules of a namespace ordered by id, after `afterID` (exclusive); all namespaces when nil.
    func listSchedules(namespaceID: String?, afterID: String, limit: Int) async throws -> [ScheduleRecord]

    // MARK: Worker deployments

    func workerDeployments(namespaceID: String) async throws -> [WorkerDeploymentRecord]
    /// Inserts or replaces the deployment's row.
    func saveWorkerDeployment(_ record: WorkerDeploymentRecord) async throws
    func deleteWorkerDeployment(namespaceID: String, name: String) async throws

    // MARK: Version sets (the deprecated version-set API)

    /// A namespace's task queues that have compatible version sets.
    func taskQueueVersionSets(namespaceID: String) async throws -> [TaskQueueVersionSets]
    func taskQueueVersionSets(namespaceID: String, taskQueue: String) async throws -> TaskQueueVersionSets?
    /// Inserts or replaces the task queue's row.
    func saveTaskQueueVersionSets(_ record: TaskQueueVersionSets) async throws

    // MARK: Batch operations

    /// A namespace's batch operations (every namespace's when nil).
    func batchOperations(namespaceID: String?) async throws -> [BatchOperationRecord]
    func batchOperation(namespaceID: String, jobID: String) async throws -> BatchOperationRecord?
    /// Inserts or replaces the job's row.
    func saveBatchOperation(_ record: BatchOperationRecord) async throws

    // MARK: Task queues

    /// Every outbox row, oldest first (read once at start-up).
    func transferTasks() async throws -> [StoredTask<TransferTask>]
    /// Timer rows due at or before `time`, earliest first.
    func timerTasks(dueBy time: Date, limit: Int) async throws -> [StoredTask<TimerTask>]
    /// Removes task rows whose work turned out to be stale.
    func deleteTasks(transfer: [Int64], timer: [Int64]) async throws
}

extension Store {
    public func commit(_ change: WorkflowChange) async throws -> CommittedChange {
        guard let committed = try await commit([change]).first else { throw StoreError.notFound }
        return committed
    }
}

public enum StoreError: Error, Sendable, Equatable {
    case alreadyExists
    case notFound
    /// A conditional write found a different version than the one it was based on.
    case conditionFailed
    /// The database cannot be reached or refused to serve: it is down, restarting, the connection
    /// was lost, a statement timed out. Nothing was written; the request may be retried. The
    /// message names the database (host:port) and the reason.
    case unavailable(String)
    /// The database lost the connection while committing and could not be asked afterwards
    /// whether the commit happened: the change may or may not be stored.
    case unknownOutcome(String)
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .alreadyExists: "already exists"
        case .notFound: "not found"
        case .conditionFailed: "condition failed: the record changed since it was read"
        case .unavailable(let message): message
        case .unknownOutcome(let message): message
        }
    }
}
