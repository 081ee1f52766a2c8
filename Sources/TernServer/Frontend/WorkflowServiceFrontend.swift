import Foundation
import GRPCCore
import TernAPI
import TernCore

private typealias WorkflowService = Temporal_Api_Workflowservice_V1_WorkflowService.Method

/// The `temporal.api.workflowservice.v1.WorkflowService` RPCs Tern serves. Methods not
/// registered here answer UNIMPLEMENTED, which the official clients treat as "not supported".
struct WorkflowServiceFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry
    let features: ServerFeatures
    let clock: ServerClock
    let readiness: Readiness

    static let healthServices: Set<String> = [
        "", "temporal.api.workflowservice.v1.WorkflowService", "temporal.api.operatorservice.v1.OperatorService",
    ]

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces
        let clock = self.clock
        let features = self.features
        let readiness = self.readiness

        router.unary(WorkflowService.GetSystemInfo.descriptor) { (_: WorkflowService.GetSystemInfo.Input, _) in
            features.systemInfo
        }

        // gRPC's standard health check, as Temporal's frontend answers it: the services it serves
        // (or "" for the server as a whole) are SERVING, NOT_SERVING while the database cannot be
        // reached; any other name is NOT_FOUND.
        router.unary(Grpc_Health_V1_Health.Method.Check.descriptor) { (request: Grpc_Health_V1_Health.Method.Check.Input, _) in
            guard Self.healthServices.contains(request.service) else {
                throw TernError(.notFound, "unknown service")
            }
            var response = Grpc_Health_V1_Health.Method.Check.Output()
            response.status = await readiness.isReady() ? .serving : .notServing
            return response
        }

        router.unary(WorkflowService.GetClusterInfo.descriptor) { (_: WorkflowService.GetClusterInfo.Input, _) in
            var response = WorkflowService.GetClusterInfo.Output()
            response.serverVersion = ServerFeatures.version
            response.clusterName = NamespaceRules.clusterName
            response.historyShardCount = 1
            response.persistenceStore = features.storeName
            response.visibilityStore = features.storeName
            response.failoverVersionIncrement = 10
            response.initialFailoverVersion = 1
            return response
        }

        router.unary(WorkflowService.RegisterNamespace.descriptor) { (request: WorkflowService.RegisterNamespace.Input, _) in
            _ = try await namespaces.register(request)
            return WorkflowService.RegisterNamespace.Output()
        }

        router.unary(WorkflowService.DescribeNamespace.descriptor) { (request: WorkflowService.DescribeNamespace.Input, _) in
            let record = request.id.isEmpty
                ? try await namespaces.namespace(named: request.namespace)
                : try await namespaces.namespace(id: request.id)
            return features.describe(record)
        }

        router.unary(WorkflowService.ListNamespaces.descriptor) { (request: WorkflowService.ListNamespaces.Input, _) in
            let page = try await namespaces.list(
                pageSize: Int(request.pageSize), after: request.nextPageToken,
                includeDeleted: request.namespaceFilter.includeDeleted)
            var response = WorkflowService.ListNamespaces.Output()
            response.namespaces = page.records.map(features.describe)
            response.nextPageToken = page.nextToken
            return response
        }

        router.unary(WorkflowService.UpdateNamespace.descriptor) { (request: WorkflowService.UpdateNamespace.Input, _) in
            let record = try await namespaces.update(request, now: clock.now())
            let described = features.describe(record)
            var response = WorkflowService.UpdateNamespace.Output()
            response.namespaceInfo = described.namespaceInfo
            response.config = described.config
            response.replicationConfig = described.replicationConfig
            response.failoverVersion = described.failoverVersion
            response.isGlobalNamespace = described.isGlobalNamespace
            return response
        }
    }
}
