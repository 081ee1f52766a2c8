public import TernAPI

/// What describing a workflow execution returns.
public struct WorkflowExecutionDescription: Hashable, Sendable {
    /// The execution's summary.
    public var execution: WorkflowExecution

    /// The activities the execution is waiting for.
    public var pendingActivities: [Api.Workflow.V1.PendingActivityInfo]

    /// The one-line summary set when the workflow started.
    public var staticSummary: String?

    /// The longer description set when the workflow started.
    public var staticDetails: String?

    /// Reads a description from the server's response; summary and details are decoded with
    /// the data converter.
    package init(
        _ response: Api.Workflowservice.V1.DescribeWorkflowExecutionResponse,
        dataConverter: DataConverter
    ) async throws {
        execution = try await WorkflowExecution(response.workflowExecutionInfo, dataConverter: dataConverter)
        pendingActivities = response.pendingActivities
        let metadata = response.executionConfig.userMetadata
        if metadata.hasSummary {
            staticSummary = try await dataConverter.convertPayload(metadata.summary, as: String.self)
        }
        if metadata.hasDetails {
            staticDetails = try await dataConverter.convertPayload(metadata.details, as: String.self)
        }
    }
}
