public import GRPCCore
public import Foundation

extension TemporalClient.WorkflowService {
    /// The executions a visibility query matches, fetched a page at a time as the sequence is
    /// iterated; `limit` ends it after that many.
    public func listWorkflowExecutions(
        query: String,
        limit: Int? = nil,
        callOptions: CallOptions? = nil
    ) async throws -> some AsyncSequence<WorkflowExecution, any Error> & Sendable {
        let service = self.service
        let namespace = self.namespace
        let dataConverter = self.dataConverter
        return PaginatedSequence(limit: limit) { token in
            let response = try await service.listWorkflowExecutions(
                .with {
                    $0.namespace = namespace
                    $0.query = query
                    $0.nextPageToken = token
                }, options: callOptions ?? .defaults)
            var executions: [WorkflowExecution] = []
            for info in response.executions {
                executions.append(try await WorkflowExecution(info, dataConverter: dataConverter))
            }
            return (executions, response.nextPageToken)
        }
    }

    /// One page of the executions a visibility query matches; pass the page's `nextPageToken`
    /// to get the next (an empty token means there is none).
    public func listWorkflowExecutionsPage(
        query: String,
        pageSize: Int? = nil,
        nextPageToken: Data = Data(),
        callOptions: CallOptions? = nil
    ) async throws -> WorkflowListPage {
        let response = try await service.listWorkflowExecutions(
            .with {
                $0.namespace = namespace
                $0.query = query
                $0.nextPageToken = nextPageToken
                if let pageSize { $0.pageSize = Int32(clamping: pageSize) }
            }, options: callOptions ?? .defaults)
        var executions: [WorkflowExecution] = []
        for info in response.executions {
            executions.append(try await WorkflowExecution(info, dataConverter: dataConverter))
        }
        return WorkflowListPage(executions: executions, nextPageToken: response.nextPageToken)
    }

    /// How many executions a visibility query matches (per group with `GROUP BY`).
    func countWorkflowExecutions(query: String, callOptions: CallOptions?) async throws -> WorkflowExecutionCount {
        let response = try await service.countWorkflowExecutions(
            .with {
                $0.namespace = namespace
                $0.query = query
            }, options: callOptions ?? .defaults)
        return WorkflowExecutionCount(response)
    }
}
