import Foundation

extension WorkflowOptions {
    /// The StartWorkflowExecution request these options describe (input added by the caller).
    func startRequest(
        workflowName: String, namespace: String, identity: String, payloadConverter: any PayloadConverter
    ) throws -> Api.Workflowservice.V1.StartWorkflowExecutionRequest {
        var request = Api.Workflowservice.V1.StartWorkflowExecutionRequest()
        request.namespace = namespace
        request.workflowID = id
        request.workflowType.name = workflowName
        request.taskQueue = .with {
            $0.name = taskQueue
            $0.kind = .normal
        }
        request.identity = identity
        request.requestID = UUID().uuidString
        request.workflowIDReusePolicy = idReusePolicy
        request.workflowIDConflictPolicy = idConflictPolicy
        if let retryPolicy { request.retryPolicy = Api.Common.V1.RetryPolicy(retryPolicy) }
        if let executionTimeOut { request.workflowExecutionTimeout = .init(duration: executionTimeOut) }
        if let runTimeout { request.workflowRunTimeout = .init(duration: runTimeout) }
        if let taskTimeout { request.workflowTaskTimeout = .init(duration: taskTimeout) }
        if let startDelay { request.workflowStartDelay = .init(duration: startDelay) }
        if let cronSchedule { request.cronSchedule = cronSchedule }
        if let priority { request.priority = Api.Common.V1.Priority(priority) }
        if let versioningOverride { request.versioningOverride = Api.Workflow.V1.VersioningOverride(versioningOverride) }
        if let searchAttributes { request.searchAttributes = searchAttributes.wireValue }
        if let memo {
            for (key, value) in memo { request.memo.fields[key] = try payloadConverter.convertValue(value) }
        }
        if staticSummary != nil || staticDetails != nil {
            request.userMetadata = payloadConverter.userMetadata(summary: staticSummary, details: staticDetails)
        }
        return request
    }
}
