public import GRPCCore
public import Logging
public import ServiceLifecycle
import TernAPI

/// Polls one task queue of one namespace and runs the workflows and activities registered with it.
///
/// `run()` returns when its task is cancelled or the service group shuts down gracefully; running
/// activities are then cancelled with reason `.workerShutdown`, and the server is told the
/// worker's sticky queue is gone.
public final class TemporalWorker: Service, Sendable {
    let configuration: Configuration
    let connection: WorkflowServiceConnection
    let workflows: [String: any WorkflowDefinition.Type]
    let activities: [String: any ActivityDefinition]
    let interceptors: WorkerInterceptorSet
    let logger: Logger

    public init<each Container: ActivityContainer, Transport: ClientTransport>(
        configuration: Configuration,
        transport: Transport,
        activityContainers: repeat each Container,
        activities: [any ActivityDefinition] = [],
        workflows: [any WorkflowDefinition.Type] = [],
        logger: Logger
    ) {
        var all = activities
        for container in repeat each activityContainers { all.append(contentsOf: container.allActivities) }
        self.configuration = configuration
        var headers = [
            ("client-name", Configuration.clientName), ("client-version", Configuration.clientVersion),
        ]
        if let apiKey = configuration.apiKey {
            headers.append(("authorization", "Bearer \(apiKey)"))
            headers.append(("temporal-namespace", configuration.namespace))
        }
        self.connection = WorkflowServiceConnection(transport: transport, headers: headers)
        var byName: [String: any ActivityDefinition] = [:]
        for activity in all { byName[type(of: activity).name] = activity }
        self.activities = byName
        var workflowsByName: [String: any WorkflowDefinition.Type] = [:]
        for workflow in workflows { workflowsByName[workflow.name] = workflow }
        self.workflows = workflowsByName
        self.interceptors = WorkerInterceptorSet(configuration.interceptors)
        self.logger = logger
    }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.connection.run() }
            do {
                try await checkNamespace()
                try await cancelWhenGracefulShutdown { try await self.poll() }
            } catch {
                connection.shutdown()
                group.cancelAll()
                throw error
            }
            connection.shutdown()
            group.cancelAll()
        }
    }

    /// A worker pointed at a namespace that does not exist stops at once, with the server's NOT_FOUND.
    private func checkNamespace() async throws {
        _ = try await connection.service.describeNamespace(.with { $0.namespace = configuration.namespace })
    }

    private func poll() async throws {
        let activityWorker = activities.isEmpty ? nil : ActivityWorker(worker: self)
        let workflowWorker = workflows.isEmpty ? nil : WorkflowWorker(worker: self, eagerActivities: activityWorker)
        await withTaskGroup(of: Void.self) { group in
            if let workflowWorker { workflowWorker.start(in: &group) }
            if let activityWorker { activityWorker.start(in: &group) }
            await withTaskCancellationHandler {
                await group.waitForAll()
            } onCancel: {
                workflowWorker?.stop()
                activityWorker?.stop()
            }
        }
        await activityWorker?.drain(within: configuration.gracefulShutdownPeriod)
        await workflowWorker?.shutdown()
    }
}

#if GRPCNIOTransport
public import GRPCNIOTransportHTTP2Posix

extension TemporalWorker {
    /// A worker on a plaintext or TLS HTTP/2 connection to `target` (`.ipv4(address:port:)`, `.dns(host:port:)`).
    public convenience init<each Container: ActivityContainer>(
        configuration: Configuration,
        target: any ResolvableTarget,
        transportSecurity: HTTP2ClientTransport.Posix.TransportSecurity,
        activityContainers: repeat each Container,
        activities: [any ActivityDefinition] = [],
        workflows: [any WorkflowDefinition.Type] = [],
        logger: Logger
    ) throws {
        self.init(
            configuration: configuration,
            transport: try HTTP2ClientTransport.Posix(target: target, transportSecurity: transportSecurity),
            activityContainers: repeat each activityContainers,
            activities: activities,
            workflows: workflows,
            logger: logger)
    }
}
#endif
