public import GRPCCore
import TernAPI

/// The worker's connection to the frontend: the generated WorkflowService client over a gRPC
/// client, and the calls that run and close the connection.
struct WorkflowServiceConnection: Sendable {
    typealias Service = any Temporal_Api_Workflowservice_V1_WorkflowService.ClientProtocol
    let service: Service
    /// The operator API on the same connection (search attributes).
    let operatorService: any Temporal_Api_Operatorservice_V1_OperatorService.ClientProtocol
    let run: @Sendable () async throws -> Void
    let shutdown: @Sendable () -> Void

    init<Transport: ClientTransport>(transport: Transport, headers: [(String, String)]) {
        let client = GRPCClient(transport: transport, interceptors: [MetadataInterceptor(headers: headers)])
        service = Temporal_Api_Workflowservice_V1_WorkflowService.Client(wrapping: client)
        operatorService = Temporal_Api_Operatorservice_V1_OperatorService.Client(wrapping: client)
        run = { try await client.runConnections() }
        shutdown = { client.beginGracefulShutdown() }
    }
}

/// Adds the SDK's headers (client name and version, API key) to every call.
struct MetadataInterceptor: GRPCCore.ClientInterceptor {
    let headers: [(String, String)]

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingClientRequest<Input>,
        context: ClientContext,
        next: (StreamingClientRequest<Input>, ClientContext) async throws -> StreamingClientResponse<Output>
    ) async throws -> StreamingClientResponse<Output> {
        var request = request
        for (key, value) in headers { request.metadata.addString(value, forKey: key) }
        return try await next(request, context)
    }
}
