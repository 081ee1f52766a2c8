import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Logging
import Temporal
import TernAPI
import Testing

/// A workflow task that times out (its worker took it and never answered) is retried by the
/// server; a worker then replays a history holding the timed-out task and completes the run.
@Suite("Workflow task timeout")
struct WorkflowTaskTimeoutIntegrationTests {
    @Workflow
    struct Patient {
        func run(context: WorkflowContext<Self>, input: String) async throws -> String {
            try await context.sleep(for: .milliseconds(10))
            return "done after \(context.info.attempt) attempt(s): \(input)"
        }
    }

    @Test func aTimedOutWorkflowTaskIsRetriedAndTheRunCompletes() async throws {
        let (host, port) = try await TestServer.address()
        let id = "wft-timeout-\(UUID())"
        // A worker with no workflows polls no workflow tasks: its client starts the run and the
        // test takes the first workflow task itself.
        let history = try await withWorkerAndClient { client, taskQueue in
            let handle = try await client.startWorkflow(
                type: Patient.self, options: .init(id: id, taskQueue: taskQueue, taskTimeout: .seconds(1)), input: "x")
            try await withGRPCClient(
                transport: try .http2NIOPosix(target: .ipv4(address: host, port: port), transportSecurity: .plaintext)
            ) { grpc in
                let service = Temporal_Api_Workflowservice_V1_WorkflowService.Client(wrapping: grpc)
                let taken = try await service.pollWorkflowTaskQueue(
                    .with {
                        $0.namespace = "default"
                        $0.taskQueue = .with { $0.name = taskQueue }
                        $0.identity = "a worker that never answers"
                    }, options: { var options = CallOptions.defaults; options.timeout = .seconds(30); return options }())
                #expect(taken.workflowExecution.workflowID == id)
            }
            // Now a real worker: it gets the task again once the first one timed out.
            var logger = Logger(label: "wft-timeout")
            logger.logLevel = .warning
            let worker = try TemporalWorker(
                configuration: .init(namespace: "default", taskQueue: taskQueue, instrumentation: .init(serverHostname: host)),
                target: .ipv4(address: host, port: port), transportSecurity: .plaintext, workflows: [Patient.self], logger: logger)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await worker.run() }
                defer { group.cancelAll() }
                #expect(try await handle.result() == "done after 1 attempt(s): x")
                return try await handle.fetchHistoryEvents()
            }
        }
        #expect(history.contains { $0.eventType == .workflowTaskTimedOut })
        try await HistoryReplay.replay(history, workflows: [Patient.self])
    }
}
