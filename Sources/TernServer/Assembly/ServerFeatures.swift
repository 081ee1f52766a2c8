import TernAPI
import TernCore

/// What this build of Tern tells clients about itself. Clients change behaviour on these
/// flags, so each one is set only when Tern really does what it promises.
struct ServerFeatures: Sendable {
    static let version = "0.1.0"

    var dynamicConfig: DynamicConfig
    /// GetClusterInfo's persistence and visibility store, named as Temporal names its SQL plugins.
    var storeName = "sqlite"

    var systemInfo: Temporal_Api_Workflowservice_V1_GetSystemInfoResponse {
        var response = Temporal_Api_Workflowservice_V1_GetSystemInfoResponse()
        response.serverVersion = Self.version
        response.capabilities = .with {
            // Failures are stored and returned exactly as the SDK sent them, encoded attributes included.
            $0.encodedFailureAttributes = true
            // Signal and query headers are kept and delivered to the worker.
            $0.signalAndQueryHeader = true
            // RespondActivityTaskFailed's last_heartbeat_details reach the next attempt.
            $0.activityFailureIncludeHeartbeat = true
            // sdk_metadata of workflow task completions is kept in history.
            $0.sdkMetadata = true
            // ModifyWorkflowProperties (memo upserts) is applied.
            $0.upsertMemo = true
            // StartWorkflowExecution hands out the first workflow task when asked to.
            $0.eagerWorkflowStart = dynamicConfig.enableEagerWorkflowStart
            // Schedules are served (CreateSchedule and the rest).
            $0.supportsSchedules = true
            // CountWorkflowExecutions takes GROUP BY ExecutionStatus.
            $0.countGroupByExecutionStatus = true
            // Build ids: the worker_version_stamp of a task completion is kept in history (SDKs
            // then send it, and read a replayed task's build id from it) and tasks route by
            // deployment version. The older compatible-set API itself is not served.
            $0.buildIDBasedVersioning = true
        }
        return response
    }

    /// A stored namespace as `DescribeNamespace` reports it: the stored part plus the
    /// capabilities and limits of this server.
    func describe(_ record: NamespaceRecord) -> Temporal_Api_Workflowservice_V1_DescribeNamespaceResponse {
        var response = record.detail
        // Temporal's defaults; the SDK checks payload sizes against them before sending.
        response.namespaceInfo.limits.blobSizeLimitError = Int64(dynamicConfig.limits.blobSizeError)
        response.namespaceInfo.limits.memoSizeLimitError = Int64(dynamicConfig.limits.blobSizeError)
        response.namespaceInfo.limits.workflowTaskCompletionSizeLimitError = 40 * 1024 * 1024
        response.namespaceInfo.capabilities = .with {
            $0.syncUpdate = dynamicConfig.enableUpdateWorkflowExecution
            $0.asyncUpdate = dynamicConfig.enableUpdateWorkflowExecution && dynamicConfig.enableUpdateWorkflowExecutionAsyncAccepted
            $0.eagerWorkflowStart = dynamicConfig.enableEagerWorkflowStart
            // RecordWorkerHeartbeat is kept and ListWorkers/DescribeWorker answer from it.
            $0.workerHeartbeats = true
            // StartActivityExecution and the rest, start delays and the operator commands on them.
            $0.standaloneActivities = true
            $0.standaloneActivityStartDelay = true
            $0.standaloneActivityOperatorCommands = true
            $0.workflowPause = dynamicConfig.workflowPauseEnabled
        }
        response.namespaceInfo.supportsSchedules = true
        return response
    }
}
