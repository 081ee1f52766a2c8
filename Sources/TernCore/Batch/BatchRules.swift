import Foundation
import TernAPI

public typealias StartBatchRequest = Temporal_Api_Workflowservice_V1_StartBatchOperationRequest
public typealias BatchOperationRecord = Tern_Internal_V1_BatchOperationRecord
public typealias BatchOperationType = Temporal_Api_Enums_V1_BatchOperationType

/// Batch operations without I/O: which requests are valid (checked in Temporal's order, with its
/// messages), which runs a job touches, where a reset goes, and how a job is reported.
public enum BatchRules {
    static let required =
        "must provide required parameters: BatchType,Reason,Namespace, AND one of (Query OR Executions OR TargetExecutions)"

    public static func validate(_ r: StartBatchRequest) throws(TernError) {
        let sources = [!r.visibilityQuery.isEmpty, !r.executions.isEmpty, !r.targetExecutions.isEmpty].filter { $0 }.count
        guard let operation = r.operation, !r.reason.isEmpty, sources > 0 else { throw .invalidArgument(required) }
        if r.jobID.isEmpty { throw .invalidArgument("JobId is not set on request.") }
        if sources > 1 {
            throw .invalidArgument("visibility query, executions, and target executions are mutually exclusive")
        }
        guard let name = supportedName(operation) else {
            throw .invalidArgument(
                "The operation type *workflowservice.StartBatchOperationRequest_\(goName(operation)) is not supported for this namespace")
        }
        for (i, target) in r.targetExecutions.enumerated() where target.type != .workflow {
            throw .invalidArgument(
                "target_executions[\(i)] has type \(typeName(target.type)), but operation *workflowservice.StartBatchOperationRequest_\(name) requires Workflow")
        }
        switch operation {
        case .signalOperation(let op) where op.signal.isEmpty:
            throw .invalidArgument("must provide signal name")
        case .resetOperation(let op):
            if !op.hasOptions {
                guard op.resetType == .firstWorkflowTask || op.resetType == .lastWorkflowTask else {
                    throw .invalidArgument("unknown batch reset type \(resetTypeName(op.resetType))")
                }
            } else if op.options.target == nil {
                throw .invalidArgument("batch reset missing target")
            }
        case .updateWorkflowOptionsOperation(let op):
            if !op.hasWorkflowExecutionOptions { throw .invalidArgument("must provide UpdateOptions") }
            if !op.hasUpdateMask { throw .invalidArgument("must provide UpdateMask") }
        case .unpauseActivitiesOperation(let op):
            switch op.activity {
            case nil: throw .invalidArgument("activity filter must be set")
            case .type(""), .matchAll(false):
                throw .invalidArgument("Either activity type must be set, or match all should be set to true")
            default: break
            }
        case .resetActivitiesOperation(let op):
            switch op.activity {
            case nil, .type(""), .matchAll(false): throw .invalidArgument("must provide ActivityType or MatchAll")
            default: break
            }
        case .updateActivityOptionsOperation(let op):
            if !op.hasActivityOptions && !op.restoreOriginal {
                throw .invalidArgument("Either activity type must be set, or restore original should be set to true")
            }
            if op.hasActivityOptions && op.restoreOriginal {
                throw .invalidArgument("cannot set both activity options and restore original")
            }
        default:
            break
        }
    }

    /// Operations on workflows; the standalone-activity ones are not served.
    static func supportedName(_ operation: StartBatchRequest.OneOf_Operation) -> String? {
        switch operation {
        case .cancelActivitiesOperation, .terminateActivitiesOperation, .deleteActivitiesOperation: nil
        default: goName(operation)
        }
    }

    /// The operation's name as Temporal's messages spell it (its Go oneof wrapper type).
    static func goName(_ operation: StartBatchRequest.OneOf_Operation) -> String {
        switch operation {
        case .terminationOperation: "TerminationOperation"
        case .signalOperation: "SignalOperation"
        case .cancellationOperation: "CancellationOperation"
        case .deletionOperation: "DeletionOperation"
        case .resetOperation: "ResetOperation"
        case .updateWorkflowOptionsOperation: "UpdateWorkflowOptionsOperation"
        case .unpauseActivitiesOperation: "UnpauseActivitiesOperation"
        case .resetActivitiesOperation: "ResetActivitiesOperation"
        case .updateActivityOptionsOperation: "UpdateActivityOptionsOperation"
        case .cancelActivitiesOperation: "CancelActivitiesOperation"
        case .terminateActivitiesOperation: "TerminateActivitiesOperation"
        case .deleteActivitiesOperation: "DeleteActivitiesOperation"
        }
    }

    static func typeName(_ type: Temporal_Api_Enums_V1_ExecutionType) -> String {
        switch type {
        case .workflow: "Workflow"
        case .activity: "Activity"
        default: "Unspecified"
        }
    }

    static func resetTypeName(_ type: Temporal_Api_Enums_V1_ResetType) -> String {
        switch type {
        case .firstWorkflowTask: "FirstWorkflowTask"
        case .lastWorkflowTask: "LastWorkflowTask"
        default: "Unspecified"
        }
    }

    public static func operationType(_ r: StartBatchRequest) -> BatchOperationType {
        switch r.operation {
        case .terminationOperation: .terminateWorkflow
        case .signalOperation: .signalWorkflow
        case .cancellationOperation: .cancelWorkflow
        case .deletionOperation: .deleteWorkflow
        case .resetOperation: .resetWorkflow
        case .updateWorkflowOptionsOperation: .updateWorkflowExecutionOptions
        case .unpauseActivitiesOperation: .unpauseActivity
        case .resetActivitiesOperation: .resetActivity
        case .updateActivityOptionsOperation: .updateActivityOptions
        case .cancelActivitiesOperation: .cancelActivity
        case .terminateActivitiesOperation: .terminateActivity
        case .deleteActivitiesOperation: .deleteActivity
        case nil: .unspecified
        }
    }

    /// The identity the operation names (reported by describe, and sent with signals).
    public static func identity(_ r: StartBatchRequest) -> String {
        switch r.operation {
        case .terminationOperation(let op): op.identity
        case .signalOperation(let op): op.identity
        case .cancellationOperation(let op): op.identity
        case .deletionOperation(let op): op.identity
        case .resetOperation(let op): op.identity
        case .updateWorkflowOptionsOperation(let op): op.identity
        case .unpauseActivitiesOperation(let op): op.identity
        case .resetActivitiesOperation(let op): op.identity
        case .updateActivityOptionsOperation(let op): op.identity
        case .cancelActivitiesOperation(let op): op.identity
        case .terminateActivitiesOperation(let op): op.identity
        case .deleteActivitiesOperation, nil: ""
        }
    }

    /// The visibility query a job runs: the user's, limited to running workflows except for reset
    /// and delete, which also act on closed ones (as Temporal's batcher does).
    public static func targetQuery(_ r: StartBatchRequest) -> String? {
        guard !r.visibilityQuery.isEmpty else { return nil }
        switch r.operation {
        case .resetOperation, .deletionOperation: return r.visibilityQuery
        default: return "(\(r.visibilityQuery)) AND (ExecutionStatus = 'Running' OR ExecutionStatus = 'Paused')"
        }
    }

    /// The runs an executions-list job names (a run id may be empty: the current run).
    public static func listedTargets(_ r: StartBatchRequest) -> [Temporal_Api_Common_V1_WorkflowExecution] {
        r.executions + r.targetExecutions.map { target in
            .with { $0.workflowID = target.businessID; $0.runID = target.runID }
        }
    }

    /// The workflow task a batch reset goes back to, found in the run's history: the first or
    /// last completed one (or the one after the first scheduled, if none completed), the one
    /// named, or the first completed by a build.
    public static func resetEventID(_ op: Temporal_Api_Batch_V1_BatchOperationReset, history: [HistoryEvent]) throws(TernError) -> Int64 {
        enum Target { case first, last, id(Int64), build(String) }
        let target: Target
        switch op.hasOptions ? op.options.target : nil {
        case .firstWorkflowTask?: target = .first
        case .lastWorkflowTask?: target = .last
        case .workflowTaskID(let id)?: target = .id(id)
        case .buildID(let build)?: target = .build(build)
        case nil: target = op.resetType == .lastWorkflowTask ? .last : .first
        }
        let completed = history.filter { $0.eventType == .workflowTaskCompleted }
        let fallback = history.first { $0.eventType == .workflowTaskScheduled }.map { $0.eventID + 1 }
        let found: Int64?
        switch target {
        case .first: found = completed.first?.eventID ?? fallback
        case .last: found = completed.last?.eventID ?? history.last { $0.eventType == .workflowTaskScheduled }.map { $0.eventID + 1 }
        case .id(let id): found = id
        case .build(let build):
            guard let event = completed.first(where: {
                let a = $0.workflowTaskCompletedEventAttributes
                return a.workerVersion.buildID == build || a.deploymentVersion.buildID == build
            }) else { throw .invalidArgument("Can't find reset point for \(build)") }
            found = event.eventID
        }
        guard let found else { throw .invalidArgument("unable to find any scheduled or completed task") }
        return found
    }

    /// A request id derived from the job and the target, so that a job resumed after a restart
    /// repeats its requests instead of duplicating them (signals are deduplicated by it).
    public static func requestID(_ parts: String...) -> String {
        let text = parts.joined(separator: ":")
        let a = DeploymentRules.stableHash(text), b = DeploymentRules.stableHash("tern-batch/" + text)
        var bytes = withUnsafeBytes(of: a.bigEndian, Array.init) + withUnsafeBytes(of: b.bigEndian, Array.init)
        bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8: a custom, name-based UUID
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return uuid.uuidString.lowercased()
    }

    public static func describe(_ record: BatchOperationRecord) -> Temporal_Api_Workflowservice_V1_DescribeBatchOperationResponse {
        let r = record.request
        return .with {
            $0.operationType = operationType(r)
            $0.jobID = record.jobID
            $0.state = record.state
            $0.startTime = record.startTime
            if record.hasCloseTime { $0.closeTime = record.closeTime }
            $0.totalOperationCount = record.totalOperationCount
            $0.completeOperationCount = record.completeOperationCount
            $0.failureOperationCount = record.failureOperationCount
            $0.identity = identity(r)
            $0.reason = r.reason
            $0.query = r.visibilityQuery
            $0.executions = r.targetExecutions + r.executions.map { execution in
                .with { $0.type = .workflow; $0.businessID = execution.workflowID; $0.runID = execution.runID }
            }
        }
    }

    public static func info(_ record: BatchOperationRecord) -> Temporal_Api_Batch_V1_BatchOperationInfo {
        .with {
            $0.jobID = record.jobID
            $0.state = record.state
            $0.startTime = record.startTime
            if record.hasCloseTime { $0.closeTime = record.closeTime }
            $0.operationType = operationType(record.request)
        }
    }

    /// Listing order: running jobs first, then the most recently closed; newest start breaks ties.
    public static func listedBefore(_ a: BatchOperationRecord, _ b: BatchOperationRecord) -> Bool {
        let aRunning = a.state == .running, bRunning = b.state == .running
        if aRunning != bRunning { return aRunning }
        if !aRunning, a.closeTime != b.closeTime { return a.closeTime.date > b.closeTime.date }
        if a.startTime != b.startTime { return a.startTime.date > b.startTime.date }
        return a.jobID < b.jobID
    }
}
