public import GRPCCore
import Foundation

extension TemporalClient.WorkflowService {
    /// Runs a query by name on a workflow and decodes its answer as `resultTypes`.
    ///
    /// - Throws: ``WorkflowQueryRejectedError`` when the rejection condition held,
    ///   ``WorkflowQueryFailedError`` when the workflow failed the query.
    public func queryWorkflow<each Input: Sendable, each Result: Sendable>(
        workflowID: String,
        runID: String? = nil,
        queryName: String,
        rejectionCondition: Api.Enums.V1.QueryRejectCondition? = nil,
        headers: [String: Api.Common.V1.Payload] = [:],
        input: repeat each Input,
        resultTypes: repeat (each Result).Type,
        callOptions: CallOptions? = nil
    ) async throws -> (repeat each Result) {
        let payloads = try await dataConverter.convertValuesToPayloads(repeat each input)
        var request = Api.Workflowservice.V1.QueryWorkflowRequest.with {
            $0.namespace = namespace
            $0.execution = execution(workflowID, runID)
            $0.query = .with {
                $0.queryType = queryName
                if !payloads.isEmpty { $0.queryArgs = .with { $0.payloads = payloads } }
            }
            if let condition = rejectionCondition ?? configuration.queryRejectCondition {
                $0.queryRejectCondition = condition
            }
        }
        if !headers.isEmpty { request.query.header = try await dataConverter.encodeHeader(headers) }
        let response: Api.Workflowservice.V1.QueryWorkflowResponse
        do {
            response = try await service.queryWorkflow(request, options: callOptions ?? .defaults)
        } catch let error as RPCError where error.code == .invalidArgument {
            // Temporal reports a query the workflow failed (or does not know) as an invalid argument.
            throw WorkflowQueryFailedError(message: error.message, cause: error)
        }
        if response.hasQueryRejected, response.queryRejected.status != .unspecified {
            throw WorkflowQueryRejectedError(workflowExecutionStatus: response.queryRejected.status)
        }
        return try await dataConverter.convertPayloadsToValues(response.queryResult.payloads, as: repeat each resultTypes)
    }

    /// Runs a query declared on a workflow definition.
    public func queryWorkflow<Query: WorkflowQueryDefinition>(
        workflowID: String,
        runID: String? = nil,
        queryType: Query.Type = Query.self,
        rejectionCondition: Api.Enums.V1.QueryRejectCondition? = nil,
        headers: [String: Api.Common.V1.Payload] = [:],
        input: Query.Input,
        callOptions: CallOptions? = nil
    ) async throws -> Query.Output {
        try await queryWorkflow(
            workflowID: workflowID, runID: runID, queryName: Query.name, rejectionCondition: rejectionCondition,
            headers: headers, input: input, resultTypes: Query.Output.self, callOptions: callOptions)
    }

    /// Runs a query that takes no input.
    public func queryWorkflow<Query: WorkflowQueryDefinition>(
        workflowID: String,
        runID: String? = nil,
        queryType: Query.Type = Query.self,
        rejectionCondition: Api.Enums.V1.QueryRejectCondition? = nil,
        headers: [String: Api.Common.V1.Payload] = [:],
        callOptions: CallOptions? = nil
    ) async throws -> Query.Output where Query.Input == Void {
        try await queryWorkflow(
            workflowID: workflowID, runID: runID, queryName: Query.name, rejectionCondition: rejectionCondition,
            headers: headers, input: (), resultTypes: Query.Output.self, callOptions: callOptions)
    }
}
