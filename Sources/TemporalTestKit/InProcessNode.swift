import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TernServer

/// Runs one Tern node inside this process for as long as a closure runs, then stops it.
///
/// Every call starts a fresh node (its own in-memory store unless `--db-filename` says otherwise,
/// its own port), so several can run side by side. The call returns only once the node has
/// stopped serving, so the port is free by then.
///
/// The node is stopped gracefully, as `tern server start-dev` is on SIGTERM: it first closes its
/// listener, then answers pending long polls and lets calls finish. Cancelling its task instead
/// would stop the accept loop while the listener is still open, and a connection accepted in that
/// window crashes the process (NIO traps on the dropped connection's writer).
enum InProcessNode {
    /// How long a node may take to bind before the start counts as failed.
    static let startTimeout: Duration = .seconds(10)
    /// How long a graceful stop may take before the node's task is cancelled (calls that leaked
    /// clients keep open would otherwise hold it for ever).
    static let stopTimeout: Duration = .seconds(5)

    static func run<Result>(
        _ arguments: TestServerArguments,
        _ body: (_ host: String, _ port: Int) async throws -> Result
    ) async throws -> Result {
        let logger = logger(level: arguments.logLevel)
        let node = try TernNode(configuration: arguments.configuration, logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(services: [.init(service: node)], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = stopTimeout
        let services = ServiceGroup(configuration: groupConfiguration)
        let failure = FailureBox()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await services.run()
                } catch {
                    failure.record(error)
                    throw error
                }
            }
            let outcome: Swift.Result<Result, any Error>
            do {
                let (host, port) = try await listeningAddress(of: node, failure: failure)
                outcome = .success(try await body(host, port))
            } catch {
                outcome = .failure(error)
            }
            await services.triggerGracefulShutdown()
            // What the node reports about being stopped is of no interest; that it has stopped is.
            try? await group.waitForAll()
            return try outcome.get()
        }
    }

    /// The bound address, once the node has one; the node's own error if it stopped first.
    private static func listeningAddress(
        of node: TernNode, failure: FailureBox
    ) async throws -> (host: String, port: Int) {
        let deadline = ContinuousClock.now + startTimeout
        var lastError: (any Error)?
        while ContinuousClock.now < deadline {
            if let error = failure.error {
                throw TemporalTestServerError.serverDidNotStart(reason: String(describing: error))
            }
            do {
                return try await node.listeningAddress
            } catch {
                // The call waits for the bind and throws once the transport has closed (a failed
                // bind): ask again shortly, so the node's own error (recorded when `run()` ends)
                // becomes the reason.
                lastError = error
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        throw TemporalTestServerError.serverDidNotStart(
            reason: lastError.map { String(describing: $0) } ?? "not listening after \(startTimeout)")
    }

    /// The node's logger: quiet (warnings and errors) unless `--log-level` or the environment
    /// variable `TERN_TEST_LOG` (a swift-log level name) asks for more.
    private static func logger(level: Logger.Level?) -> Logger {
        guard let level else {
            return Logger(label: "TemporalTestServer", factory: { _ in SwiftLogNoOpLogHandler() })
        }
        var logger = Logger(label: "TemporalTestServer")
        logger.logLevel = ProcessInfo.processInfo.environment["TERN_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? level
        return logger
    }

    /// The error the node's run ended with, readable while the start is awaited.
    private final class FailureBox: Sendable {
        private let storage = Mutex<(any Error)?>(nil)

        var error: (any Error)? { storage.withLock { $0 } }

        func record(_ error: any Error) {
            storage.withLock { $0 = $0 ?? error }
        }
    }
}
