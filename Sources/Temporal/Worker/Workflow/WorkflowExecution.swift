public import TernAPI
public import struct Foundation.Date
import SwiftProtobuf

/// A summary of one workflow execution, as listed by visibility queries and returned by
/// describe.
public struct WorkflowExecution: Hashable, Sendable {
    /// The workflow type name.
    public var workflowType: String

    /// The workflow ID.
    public var workflowID: String

    /// The parent's workflow ID, for child workflows.
    public var parentWorkflowID: String?

    /// The run ID.
    public var runID: String

    /// The parent's run ID, for child workflows.
    public var parentRunID: String?

    /// The task queue.
    public var taskQueue: String

    /// When the execution started.
    public var startTime: Date

    /// When the execution closed, if it has.
    public var closeTime: Date?

    /// When the first workflow task was or will be scheduled (later than the start when the
    /// start was delayed).
    public var executionTime: Date?

    /// The number of events in the history.
    public var historyLength: Int

    /// The memo, undecoded.
    public var memo: [String: TemporalRawValue]

    /// The execution's status.
    public var status: Api.Enums.V1.WorkflowExecutionStatus

    /// The execution's search attributes.
    public var searchAttributes: SearchAttributeCollection

    /// Reads a summary from the server's execution info; memo values are decoded with the
    /// data converter's codec.
    package init(
        _ info: Api.Workflow.V1.WorkflowExecutionInfo,
        dataConverter: DataConverter
    ) async throws {
        workflowType = info.type.name
        workflowID = info.execution.workflowID
        runID = info.execution.runID
        parentWorkflowID = info.hasParentExecution ? info.parentExecution.workflowID : nil
        parentRunID = info.hasParentExecution ? info.parentExecution.runID : nil
        taskQueue = info.taskQueue
        startTime = info.startTime.date
        closeTime = info.hasCloseTime ? info.closeTime.date : nil
        executionTime = info.hasExecutionTime ? info.executionTime.date : nil
        historyLength = Int(info.historyLength)
        status = info.status
        searchAttributes = try SearchAttributeCollection(info.searchAttributes)
        memo = try await dataConverter.decodeMemo(info.memo)
    }
}
