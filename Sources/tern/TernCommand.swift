import ArgumentParser

@main
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
