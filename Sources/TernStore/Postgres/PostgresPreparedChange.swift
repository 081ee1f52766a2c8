import Foundation
import TernAPI
import TernCore

/// A workflow change with its blobs serialized before it joins a batch, so that the batch's
/// transaction spends no time encoding.
struct PostgresPreparedChange: Sendable {
    var key: WorkflowKey
    var condition: WorkflowChange.Condition
    var status: Int64
    var startRequestID: String
    var stateBlob: Data
    var events: (first: Int64, last: Int64, blob: Data)?
    var activityUpserts: [(id: Int64, blob: Data)]
    var activityDeletes: [Int64]
    var replacesActivities: Bool
    var transferTasks: [TransferTask]
    var transferBlobs: [Data]
    var timerTasks: [TimerTask]
    var timerRows: [(fireTime: Int64, blob: Data)]
    var consumedTransferTaskIDs: [Int64]
    var consumedTimerTaskIDs: [Int64]
    /// nil when the change leaves the run's visibility record as it is.
    var visibility: VisibilityRecord?
    /// nil when the run's search attributes are unchanged.
    var searchAttributeValues: [IndexedValue]?

    init(_ change: WorkflowChange) throws {
        key = change.key
        condition = change.condition
        status = Int64(change.state.execution.status.rawValue)
        startRequestID = change.state.execution.startRequestID
        stateBlob = try change.state.executionsBlob()
        if let first = change.newEvents.first, let last = change.newEvents.last {
            let blob: Data = try Temporal_Api_History_V1_History.with { $0.events = change.newEvents }.serializedBytes()
            events = (first: first.eventID, last: last.eventID, blob: blob)
        }
        let activities = change.activityWrites
        activityUpserts = try activities.upserts.map { (id: $0.scheduledEventID, blob: try $0.serializedBytes()) }
        activityDeletes = activities.deletes
        replacesActivities = activities.replaceAll
        transferTasks = change.transferTasks
        transferBlobs = try change.transferTasks.map { try $0.serializedBytes() }
        timerTasks = change.timerTasks
        timerRows = try change.timerTasks.map { (fireTime: $0.fireTime.milliseconds, blob: try $0.serializedBytes()) }
        consumedTransferTaskIDs = change.consumedTransferTaskIDs
        consumedTimerTaskIDs = change.consumedTimerTaskIDs
        visibility = change.updatesVisibility ? try VisibilityRecord(change.state) : nil
        searchAttributeValues = change.searchAttributeValues
    }
}
