import GRPCCore
import TernAPI
import TernCore

private typealias OperatorService = Temporal_Api_Operatorservice_V1_OperatorService.Method

/// The `temporal.api.operatorservice.v1.OperatorService` RPCs Tern serves.
struct OperatorServiceFrontend: RegistrableRPCService {
    let namespaces: NamespaceRegistry

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let namespaces = self.namespaces

        router.unary(OperatorService.AddSearchAttributes.descriptor) { (request: OperatorService.AddSearchAttributes.Input, _) in
            try await namespaces.addSearchAttributes(namespace: request.namespace, request.searchAttributes)
            return OperatorService.AddSearchAttributes.Output()
        }

        router.unary(OperatorService.RemoveSearchAttributes.descriptor) { (request: OperatorService.RemoveSearchAttributes.Input, _) in
            try await namespaces.removeSearchAttributes(namespace: request.namespace, request.searchAttributes)
            return OperatorService.RemoveSearchAttributes.Output()
        }

        router.unary(OperatorService.ListSearchAttributes.descriptor) { (request: OperatorService.ListSearchAttributes.Input, _) in
            var response = OperatorService.ListSearchAttributes.Output()
            response.customAttributes = try await namespaces.searchAttributes(namespace: request.namespace)
            response.systemAttributes = SearchAttributeRules.system
            return response
        }
    }
}
