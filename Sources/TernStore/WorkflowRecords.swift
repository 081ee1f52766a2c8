import Foundation
import TernAPI
import TernCore

/// Names one run of one workflow.
public struct WorkflowKey: Hashable, Sendable, CustomStringConvertible {
    public var namespaceID: String
    public var workflowID: String
    public var runID: String

    public init(namespaceID: String, workflowID: String, runID: String) {
        self.namespaceID = namespaceID
        self.workflowID = workflowID
        self.runID = runID
    }

    public var description: String { "\(workflowID)/\(runID)" }
}

/// The run a workflow id currently names.
public struct CurrentExecution: Sendable, Equatable {
    public var runID: String
    public var status: WorkflowStatus
    public var startRequestID: String

    public init(runID: String, status: WorkflowStatus, startRequestID: String) {
        self.runID = runID
        self.status = status
        self.startRequestID = startRequestID
    }
}

/// A run's mutable state as stored, with the version its next change is conditioned on.
public struct StoredWorkflow: Sendable {
    public var state: WorkflowState
    public var version: Int64

    public init(state: WorkflowState, version: Int64) {
        self.state = state
        self.version = version
    }
}

/// Everything one change to one run writes, committed in one transaction.
public struct WorkflowChange: Sendable {
    public enum Condition: Sendable, Equatable {
        /// A new run: fails with `StoreError.conditionFailed` if the workflow id's current run is
        /// not `previousCurrentRunID` (nil: the id has never been used).
        case newRun(previousCurrentRunID: String?)
        /// An existing run whose stored version must still be this one.
        case version(Int64)
    }

    public var key: WorkflowKey
    public var condition: Condition
    public var state: WorkflowState
    public var newEvents: [HistoryEvent]
    public var transferTasks: [TransferTask]
    public var timerTasks: [TimerTask]
    /// Outbox rows consumed by this change.
    public var consumedTransferTaskIDs: [Int64]
    public var consumedTimerTaskIDs: [Int64]
    /// The run's search attributes as the visibility store indexes them; nil when unchanged.
    public var searchAttributeValues: [IndexedValue]?
    /// Whether the run's visibility record must be rewritten. As in Temporal, that record is
    /// written when a run starts, closes or changes its memo or search attributes, not on every
    /// event; its history length and size are those of the last such write.
    public var updatesVisibility: Bool
    /// The run's pending activities as stored before this change. A store keeps each pending
    /// activity in a row of its own and rewrites only those that differ from these; nil (a new run,
    /// or a caller that does not know) rewrites them all.
    public var previousActivities: [Int64: ActivityInfo]?

    public init(
        key: WorkflowKey, condition: Condition, state: WorkflowState, newEvents: [HistoryEvent] = [],
        transferTasks: [TransferTask] = [], timerTasks: [TimerTask] = [],
        consumedTransferTaskIDs: [Int64] = [], consumedTimerTaskIDs: [Int64] = [],
        searchAttributeValues: [IndexedValue]? = nil, updatesVisibility: Bool = true,
        previousActivities: [Int64: ActivityInfo]? = nil
    ) {
        self.previousActivities = previousActivities
        self.searchAttributeValues = searchAttributeValues
        self.updatesVisibility = updatesVisibility
        self.key = key
        self.condition = condition
        self.state = state
        self.newEvents = newEvents
        self.transferTasks = transferTasks
        self.timerTasks = timerTasks
        self.consumedTransferTaskIDs = consumedTransferTaskIDs
        self.consumedTimerTaskIDs = consumedTimerTaskIDs
    }
}

extension WorkflowChange {
    /// The pending-activity rows this change must write: those new or changed since
    /// `previousActivities`, and the ids of those no longer pending. `replaceAll` when the previous
    /// rows are unknown, so every row of the run is deleted before `upserts` are written.
    public var activityWrites: (upserts: [ActivityInfo], deletes: [Int64], replaceAll: Bool) {
        let current = state.activities
        guard case .version = condition, let previous = previousActivities else {
            // A new run has no rows yet; a change that does not know the previous rows replaces them.
            let existingRun = if case .version = condition { true } else { false }
            return (current.keys.sorted().compactMap { current[$0] }, [], existingRun)
        }
        // Unchanged entries share their storage with the previous state, so `!=` is a pointer check.
        let upserts = current.keys.sorted().compactMap { id in
            current[id].flatMap { info in previous[id] == info ? nil : info }
        }
        let deletes = previous.keys.filter { current[$0] == nil }.sorted()
        return (upserts, deletes, false)
    }
}

/// What a committed change produced: the new version and the ids of the tasks it stored.
public struct CommittedChange: Sendable {
    public var version: Int64
    public var transferTasks: [StoredTask<TransferTask>]
    public var timerTasks: [StoredTask<TimerTask>]
}

/// A task row: its id (for deletion once consumed), its run, and what it says.
public struct StoredTask<Task: Sendable>: Sendable {
    public var id: Int64
    public var key: WorkflowKey
    public var task: Task

    public init(id: Int64, key: WorkflowKey, task: Task) {
        self.id = id
        self.key = key
        self.task = task
    }
}
