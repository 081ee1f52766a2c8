import Foundation
import SwiftProtobuf
import TernAPI
import TernCore

/// A run's row of `executions_visibility`, as both stores write it.
struct VisibilityRecord: Sendable {
    var namespaceID: String
    var runID: String
    var workflowID: String
    var workflowType: String
    var taskQueue: String
    var status: Int64
    var startTime: Int64
    var executionTime: Int64
    var closeTime: Int64?
    var historyLength: Int64
    var historySizeBytes: Int64
    var stateTransitionCount: Int64
    var parentWorkflowID: String?
    var parentRunID: String?
    var rootWorkflowID: String
    var rootRunID: String
    var memo: Data?
    var searchAttributes: Data?

    init(_ state: WorkflowState) throws {
        let e = state.execution
        namespaceID = e.namespaceID
        runID = e.runID
        workflowID = e.workflowID
        workflowType = e.workflowType
        taskQueue = e.taskQueue
        status = Int64(e.visibleStatus.rawValue)
        startTime = Self.micros(e.startTime)
        executionTime = Self.micros(e.executionTime)
        closeTime = e.hasCloseTime ? Self.micros(e.closeTime) : nil
        historyLength = state.nextEventID - 1
        historySizeBytes = e.historySizeBytes
        stateTransitionCount = e.stateTransitionCount
        parentWorkflowID = e.hasParentExecution ? e.parentExecution.workflowID : nil
        parentRunID = e.hasParentExecution ? e.parentExecution.runID : nil
        rootWorkflowID = e.rootExecution.workflowID
        rootRunID = e.rootExecution.runID
        memo = e.hasMemo ? try e.memo.serializedBytes() : nil
        searchAttributes = e.hasSearchAttributes ? try e.searchAttributes.serializedBytes() : nil
    }

    static func micros(_ t: Google_Protobuf_Timestamp) -> Int64 { t.seconds * 1_000_000 + Int64(t.nanos) / 1000 }
}
