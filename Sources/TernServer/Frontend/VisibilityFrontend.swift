import Foundation
import GRPCCore
import TernAPI
import TernCore
import TernStore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method

/// Finding workflows: list, count (with GROUP BY ExecutionStatus), scan, the legacy open/closed
/// lists, and the namespace's search attributes.
struct VisibilityFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let store: any Store
    let clock: ServerClock

    static let defaultPageSize = 1000

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
        let clock = self.clock
        let store = self.store

        @Sendable func parse(_ text: String, _ ns: NamespaceRecord) async throws -> VisibilityQuery {
            try VisibilityQuery.parse(
                text, customAttributes: try await namespaces.searchAttributes(namespace: ns.name), now: clock.now())
        }
        @Sendable func pageSize(_ requested: Int32) -> Int {
            requested > 0 ? Int(requested) : Self.defaultPageSize
        }
        /// The legacy open/closed lists: their filters become a query joined with AND.
        @Sendable func list(
            _ clauses: [String], _ ns: NamespaceRecord, _ size: Int32, _ token: Data
        ) async throws -> (executions: [WorkflowExecutionInfo], nextPageToken: Data) {
            let query = try await parse(clauses.joined(separator: " AND "), ns)
            return try await store.listWorkflows(namespaceID: ns.id, query: query, pageSize: pageSize(size), pageToken: token)
        }

        router.unary(WorkflowService.ListWorkflowExecutions.descriptor) { (request: WorkflowService.ListWorkflowExecutions.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let query = try await parse(request.query, ns)
            if !query.groupBy.isEmpty {
                throw TernError.invalidArgument("'GROUP BY' clause is only supported in CountWorkflowExecutions.")
            }
            let page = try await store.listWorkflows(
                namespaceID: ns.id, query: query, pageSize: pageSize(request.pageSize), pageToken: request.nextPageToken)
            var response = WorkflowService.ListWorkflowExecutions.Output()
            response.executions = page.executions
            response.nextPageToken = page.nextPageToken
            return response
        }

        router.unary(WorkflowService.ScanWorkflowExecutions.descriptor) { (request: WorkflowService.ScanWorkflowExecutions.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            var query = try await parse(request.query, ns)
            query.orderBy = []  // a scan has no order; keyset paging is the cheapest
            let page = try await store.listWorkflows(
                namespaceID: ns.id, query: query, pageSize: pageSize(request.pageSize), pageToken: request.nextPageToken)
            var response = WorkflowService.ScanWorkflowExecutions.Output()
            response.executions = page.executions
            response.nextPageToken = page.nextPageToken
            return response
        }

        router.unary(WorkflowService.CountWorkflowExecutions.descriptor) { (request: WorkflowService.CountWorkflowExecutions.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            let query = try await parse(request.query, ns)
            let result = try await store.countWorkflows(namespaceID: ns.id, query: query)
            var response = WorkflowService.CountWorkflowExecutions.Output()
            response.count = result.count
            response.groups = result.groups.map { group in
                .with {
                    $0.groupValues = [SearchAttributeRules.payload(json: "\"\(Self.statusName(group.status))\"", type: .keyword)]
                    $0.count = group.count
                }
            }
            return response
        }

        router.unary(WorkflowService.ListOpenWorkflowExecutions.descriptor) { (request: WorkflowService.ListOpenWorkflowExecutions.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            var clauses = ["ExecutionStatus = 'Running'"]
            if request.hasStartTimeFilter { clauses += Self.timeClauses("StartTime", request.startTimeFilter) }
            switch request.filters {
            case .executionFilter(let f)?: clauses += Self.executionClauses(f)
            case .typeFilter(let f)?: clauses.append("WorkflowType = \(VisibilityQuery.literal(f.name))")
            case nil: break
            }
            let page = try await list(clauses, ns, request.maximumPageSize, request.nextPageToken)
            var response = WorkflowService.ListOpenWorkflowExecutions.Output()
            response.executions = page.executions
            response.nextPageToken = page.nextPageToken
            return response
        }

        router.unary(WorkflowService.ListClosedWorkflowExecutions.descriptor) { (request: WorkflowService.ListClosedWorkflowExecutions.Input, _) in
            let ns = try await namespaces.namespace(named: request.namespace)
            var clauses = ["ExecutionStatus != 'Running'"]
            // For closed workflows Temporal applies the time filter to the close time.
            if request.hasStartTimeFilter { clauses += Self.timeClauses("CloseTime", request.startTimeFilter) }
            switch request.filters {
            case .executionFilter(let f)?: clauses += Self.executionClauses(f)
            case .typeFilter(let f)?: clauses.append("WorkflowType = \(VisibilityQuery.literal(f.name))")
            case .statusFilter(let f)?: clauses.append("ExecutionStatus = \(f.status.rawValue)")
            case nil: break
            }
            let page = try await list(clauses, ns, request.maximumPageSize, request.nextPageToken)
            var response = WorkflowService.ListClosedWorkflowExecutions.Output()
            response.executions = page.executions
            response.nextPageToken = page.nextPageToken
            return response
        }

        router.unary(WorkflowService.GetSearchAttributes.descriptor) { (_: WorkflowService.GetSearchAttributes.Input, _) in
            // Without a namespace in the request, Temporal answers for the default namespace.
            let custom = (try? await namespaces.searchAttributes(namespace: "default")) ?? [:]
            var response = WorkflowService.GetSearchAttributes.Output()
            response.keys = SearchAttributeRules.system.merging(custom) { system, _ in system }
            return response
        }
    }

    static func timeClauses(_ attribute: String, _ filter: Temporal_Api_Filter_V1_StartTimeFilter) -> [String] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var clauses: [String] = []
        if filter.hasEarliestTime { clauses.append("\(attribute) >= '\(formatter.string(from: filter.earliestTime.date))'") }
        if filter.hasLatestTime, filter.latestTime.seconds > 0 {
            clauses.append("\(attribute) <= '\(formatter.string(from: filter.latestTime.date))'")
        }
        return clauses
    }

    static func executionClauses(_ filter: Temporal_Api_Filter_V1_WorkflowExecutionFilter) -> [String] {
        var clauses = ["WorkflowId = \(VisibilityQuery.literal(filter.workflowID))"]
        if !filter.runID.isEmpty { clauses.append("RunId = \(VisibilityQuery.literal(filter.runID))") }
        return clauses
    }

    static func statusName(_ status: WorkflowStatus) -> String {
        switch status {
        case .running: "Running"
        case .completed: "Completed"
        case .failed: "Failed"
        case .canceled: "Canceled"
        case .terminated: "Terminated"
        case .continuedAsNew: "ContinuedAsNew"
        case .timedOut: "TimedOut"
        case .paused: "Paused"
        default: "Unspecified"
        }
    }
}
