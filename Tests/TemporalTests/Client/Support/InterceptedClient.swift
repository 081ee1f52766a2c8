import GRPCNIOTransportHTTP2Posix
import Temporal

/// A worker on a fresh task queue (as `withWorkerAndClient`), and a client configured with
/// `interceptors` connected to the same server, while `body` runs.
func withInterceptedClient<Result: Sendable>(
    _ interceptors: [any Temporal.ClientInterceptor],
    workflows: [any WorkflowDefinition.Type] = [],
    containers: [any ActivityContainer] = [],
    _ body: @Sendable (TemporalClient, String) async throws -> Result
) async throws -> Result {
    try await withWorkerAndClient(workflows: workflows, containers: containers) { _, taskQueue in
        let (host, port) = try await TestServer.address()
        return try await TemporalClient.connect(
            transport: try HTTP2ClientTransport.Posix(target: .ipv4(address: host, port: port), transportSecurity: .plaintext),
            configuration: .init(instrumentation: .init(serverHostname: host), interceptors: interceptors)
        ) { client in
            try await body(client, taskQueue)
        }
    }
}

/// A client whose calls never reach a server: every test using it stops calls in an interceptor.
/// Should a call get through anyway, it fails at once (nothing listens on the port) instead of
/// passing the test.
func withOfflineClient<Result: Sendable>(
    _ interceptors: [any Temporal.ClientInterceptor],
    _ body: (TemporalClient) async throws -> sending Result
) async throws -> sending Result {
    try await TemporalClient.connect(
        transport: try HTTP2ClientTransport.Posix(target: .ipv4(address: "127.0.0.1", port: 9), transportSecurity: .plaintext),
        configuration: .init(instrumentation: .init(serverHostname: "127.0.0.1"), interceptors: interceptors),
        body)
}
