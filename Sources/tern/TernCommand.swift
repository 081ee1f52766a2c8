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
        await TernCommand.main()
    }
}

struct TernCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tern",
        abstract: "Tern: a durable-execution server compatible with Temporal's API.",
        subcommands: [ServerCommand.self])
}

struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run a Tern server.",
        subcommands: [StartDevCommand.self])
}
