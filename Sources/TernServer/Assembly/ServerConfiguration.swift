import TernCore

/// Everything `tern server start-dev` decides before the server starts.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 7233
    /// SQLite file; nil keeps the database in memory (lost at exit), as Temporal's dev server does.
    public var databasePath: String?
    /// Namespaces that exist from the start ("default" is always among them).
    public var namespaces = ["default"]
    /// Custom search attributes every start-up namespace gets.
    public var searchAttributes: [String: IndexedValueType] = [:]
    public var dynamicConfig = DynamicConfig()
    /// A test server: the engine reads a virtual clock that jumps ahead to the next timer, retry or
    /// timeout whenever no work is in flight and nobody holds a time-skipping lock, and Temporal's
    /// `TestService` (lock, unlock, sleep, current time) is served next to the workflow service.
    public var timeSkipping = false

    public init() {}
}
