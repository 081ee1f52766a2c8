import ArgumentParser
import NIOCore
import NIOPosix

@main
enum TernMain {
    static func main() async {
        // Run Swift concurrency on NIO's event loops: a request handler then resumes on the thread
        // that owns its connection instead of hopping to the concurrency pool and back for every
        // RPC, which a profile showed as a quarter of the server's CPU in context switches.
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await TernCommand.main(testServerArguments(CommandLine.arguments.dropFirst()))
    }

    /// The SDKs start Temporal's test server as `EXECUTABLE PORT [EXTRA ARGS…]` (sdk-core's
    /// `TestServerConfig`, behind Python's `start_time_skipping(test_server_existing_path=…)`),
    /// so that form means a time-skipping `server start-dev` on that port.
    static func testServerArguments(_ arguments: ArraySlice<String>) -> [String] {
        guard let first = arguments.first, let port = Int(first), port >= 0 else { return Array(arguments) }
        return ["server", "start-dev", "--time-skipping", "--headless", "--log-level", "warn", "--port", String(port)]
            + arguments.dropFirst()
    }
}

struct TernCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tern",
        abstract: "Tern: a durable-execution server compatible with Temporal's API.",
        subcommands: [ServerCommand.self, AdminCommand.self])
}

struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run a Tern server.",
        subcommands: [StartCommand.self, StartDevCommand.self])
}
