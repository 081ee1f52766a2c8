import Foundation
import TernCore

/// What one batch of commit callers writes, decided in Swift against the rows the batch locked.
///
/// Callers are taken in order, as if each ran alone after the previous ones: a caller whose
/// condition fails against the locked rows plus what earlier callers of the batch changed fails
/// alone (`conditionFailed`) and writes nothing. What succeeds is folded into the final value of
/// each row, so that each table takes one multi-row statement however many callers touched it.
struct PostgresBatchPlan {
    struct WorkflowID: Hashable {
        var namespaceID: String
        var workflowID: String
    }

    struct CurrentRow: Equatable {
        var runID: String
        var status: Int64
        var startRequestID: String
    }

    /// A run's visibility key (the table is keyed by run id alone within a namespace).
    struct VisibilityKey: Hashable {
        var namespaceID: String
        var runID: String
    }

    enum ActivityWrite {
        case upsert(Data)
        case delete
    }

    struct ActivityPlan {
        /// Every row of the run is replaced: delete those not upserted.
        var replaceAll = false
        var writes: [Int64: ActivityWrite] = [:]
    }

    /// What a successful change gets back once the batch commits: its version and the positions of
    /// its task rows in the batch's inserts.
    struct Pending {
        var version: Int64
        var key: WorkflowKey
        var transfers: Range<Int>
        var timers: Range<Int>
        var transferTasks: [TransferTask]
        var timerTasks: [TimerTask]
    }

    // The locked rows, updated as callers succeed.
    private(set) var versions: [WorkflowKey: Int64]
    private let storedRuns: Set<WorkflowKey>
    private var current: [WorkflowID: CurrentRow]
    private let storedCurrent: Set<WorkflowID>

    // The final value of every row written, in first-touched order.
    private(set) var executionOrder: [WorkflowKey] = []
    private(set) var executionBlobs: [WorkflowKey: Data] = [:]
    private(set) var currentOrder: [WorkflowID] = []
    private var currentTouched: Set<WorkflowID> = []
    private(set) var history: [(key: WorkflowKey, first: Int64, last: Int64, blob: Data)] = []
    private(set) var activityOrder: [WorkflowKey] = []
    private(set) var activities: [WorkflowKey: ActivityPlan] = [:]
    private(set) var transfers: [(key: WorkflowKey, blob: Data)] = []
    private(set) var timers: [(key: WorkflowKey, fireTime: Int64, blob: Data)] = []
    private(set) var consumedTransfers: [Int64] = []
    private(set) var consumedTimers: [Int64] = []
    private(set) var visibilityOrder: [VisibilityKey] = []
    private(set) var visibility: [VisibilityKey: VisibilityRecord] = [:]
    private(set) var searchAttributeOrder: [VisibilityKey] = []
    private(set) var searchAttributes: [VisibilityKey: [IndexedValue]] = [:]

    /// `versions`: the executions rows found (and locked); `current`: the current_executions rows.
    init(versions: [WorkflowKey: Int64], current: [WorkflowID: CurrentRow]) {
        self.versions = versions
        storedRuns = Set(versions.keys)
        self.current = current
        storedCurrent = Set(current.keys)
    }

    /// Checks a caller's changes in order and, when all hold, folds them into the plan.
    mutating func add(_ changes: [PostgresPreparedChange]) -> Result<[Pending], StoreError> {
        var versionOverlay: [WorkflowKey: Int64] = [:]
        var currentOverlay: [WorkflowID: CurrentRow] = [:]
        var resulting: [Int64] = []
        for change in changes {
            let key = change.key
            let workflow = WorkflowID(namespaceID: key.namespaceID, workflowID: key.workflowID)
            let version = versionOverlay[key] ?? versions[key]
            let row = currentOverlay[workflow] ?? current[workflow]
            switch change.condition {
            case .newRun(let previous):
                guard row?.runID == previous else { return .failure(.conditionFailed) }
                guard version == nil else { return .failure(.alreadyExists) }
                versionOverlay[key] = 1
                currentOverlay[workflow] = CurrentRow(runID: key.runID, status: change.status, startRequestID: change.startRequestID)
                resulting.append(1)
            case .version(let expected):
                guard version == expected else { return .failure(.conditionFailed) }
                versionOverlay[key] = expected + 1
                if var row, row.runID == key.runID {
                    row.status = change.status
                    currentOverlay[workflow] = row
                }
                resulting.append(expected + 1)
            }
        }
        versions.merge(versionOverlay) { $1 }
        for (workflow, row) in currentOverlay where current[workflow] != row {
            current[workflow] = row
            if currentTouched.insert(workflow).inserted { currentOrder.append(workflow) }
        }
        return .success(zip(changes, resulting).map { record($0, version: $1) })
    }

    private mutating func record(_ change: PostgresPreparedChange, version: Int64) -> Pending {
        let key = change.key
        if executionBlobs.updateValue(change.stateBlob, forKey: key) == nil { executionOrder.append(key) }
        if let events = change.events {
            history.append((key: key, first: events.first, last: events.last, blob: events.blob))
        }
        if change.replacesActivities || !change.activityDeletes.isEmpty || !change.activityUpserts.isEmpty {
            if activities[key] == nil { activityOrder.append(key) }
            var plan = activities[key] ?? ActivityPlan()
            if change.replacesActivities { plan = ActivityPlan(replaceAll: true) }
            for id in change.activityDeletes { plan.writes[id] = .delete }
            for (id, blob) in change.activityUpserts { plan.writes[id] = .upsert(blob) }
            activities[key] = plan
        }
        let transferStart = transfers.count
        transfers += change.transferBlobs.map { (key: key, blob: $0) }
        let timerStart = timers.count
        timers += change.timerRows.map { (key: key, fireTime: $0.fireTime, blob: $0.blob) }
        consumedTransfers += change.consumedTransferTaskIDs
        consumedTimers += change.consumedTimerTaskIDs
        let visibilityKey = VisibilityKey(namespaceID: key.namespaceID, runID: key.runID)
        if let record = change.visibility, visibility.updateValue(record, forKey: visibilityKey) == nil {
            visibilityOrder.append(visibilityKey)
        }
        if let values = change.searchAttributeValues, searchAttributes.updateValue(values, forKey: visibilityKey) == nil {
            searchAttributeOrder.append(visibilityKey)
        }
        return Pending(
            version: version, key: key, transfers: transferStart..<transfers.count, timers: timerStart..<timers.count,
            transferTasks: change.transferTasks, timerTasks: change.timerTasks)
    }

    // MARK: Rows to write

    /// Runs new to the table (INSERT: a racing insert fails on the key) and stored ones (UPDATE).
    var executionInserts: [WorkflowKey] { executionOrder.filter { !storedRuns.contains($0) } }
    var executionUpdates: [WorkflowKey] { executionOrder.filter { storedRuns.contains($0) } }

    var currentInserts: [(WorkflowID, CurrentRow)] {
        currentOrder.filter { !storedCurrent.contains($0) }.compactMap { id in current[id].map { (id, $0) } }
    }

    var currentUpdates: [(WorkflowID, CurrentRow)] {
        currentOrder.filter { storedCurrent.contains($0) }.compactMap { id in current[id].map { (id, $0) } }
    }
}
