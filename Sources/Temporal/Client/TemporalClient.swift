public import GRPCCore
public import Logging
public import ServiceLifecycle
import Foundation
import TernAPI

/// A connection to a Temporal frontend (Tern or Temporal's own server) for starting and
/// steering workflows. `run()` keeps the connection alive; call it in a task of its own.
public final class TemporalClient: Service, Sendable {
    package let configuration: Configuration
    let connection: WorkflowServiceConnection
    let logger: Logger
    /// The configured interceptors' hooks, outermost first, taken once so every call sees the same chain.
    let outboundInterceptors: [any ClientOutboundInterceptor]

    public init<Transport: ClientTransport>(
        transport: Transport,
        configuration: Configuration,
        logger: Logger = Logger(label: "NoOpLogger", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.outboundInterceptors = configuration.interceptors.compactMap { $0.clientOutboundInterceptor }
        var headers = [
            ("client-name", TemporalWorker.Configuration.clientName),
            ("client-version", TemporalWorker.Configuration.clientVersion),
        ]
        if let apiKey = configuration.apiKey {
            headers.append(("authorization", "Bearer \(apiKey)"))
            headers.append(("temporal-namespace", configuration.namespace))
        }
        self.connection = WorkflowServiceConnection(transport: transport, headers: headers)
        self.logger = logger
    }

    /// Runs the connection until ``beginGracefulShutdown()`` or cancellation.
    public func run() async throws {
        try await withTaskCancellationHandler {
            try await cancelWhenGracefulShutdown { try await self.connection.run() }
        } onCancel: {
            self.connection.shutdown()
        }
    }

    public func beginGracefulShutdown() { connection.shutdown() }

    var service: WorkflowServiceConnection.Service { connection.service }
    var dataConverter: DataConverter { configuration.dataConverter }
}

#if GRPCNIOTransport
public import GRPCNIOTransportHTTP2Posix

extension TemporalClient {
    /// A client on an HTTP/2 connection to `target` (`.ipv4(address:port:)`, `.dns(host:port:)`).
    public convenience init(
        target: any ResolvableTarget,
        transportSecurity: HTTP2ClientTransport.Posix.TransportSecurity,
        configuration: Configuration,
        logger: Logger
    ) throws {
        self.init(
            transport: try HTTP2ClientTransport.Posix(target: target, transportSecurity: transportSecurity),
            configuration: configuration, logger: logger)
    }
}
#endif
