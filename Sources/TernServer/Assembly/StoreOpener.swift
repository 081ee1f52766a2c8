import Logging
import TernStore

/// Turns the `db` setting into a `DatabaseConnection`: the one place that knows which store
/// serves which kind of database.
public enum StoreOpener {
    public static func connect(_ location: DatabaseLocation, options: DatabaseOptions, logger: Logger) throws -> DatabaseConnection {
        switch location {
        case .sqlite(let path):
            let database = SQLiteDatabase(path: path)
            return DatabaseConnection(location: location, database: database, service: nil) { try database.openStore() }
        case .postgres(let url):
            let store = try PostgresStore(url: url, options: .init(options), logger: logger)
            return DatabaseConnection(location: location, database: store, service: store) { store }
        }
    }
}

extension PostgresStore: ManagedDatabase {
    public var binarySchemaVersion: Int { Self.schemaVersion }
}

extension PostgresStore.Options {
    init(_ options: DatabaseOptions) {
        self.init()
        poolSize = options.poolSize
        connectTimeout = options.connectTimeout
        statementTimeout = options.statementTimeout
    }
}
