import Logging

/// Turns the `db` setting into a `DatabaseConnection`: the one place that knows which store
/// serves which kind of database.
public enum StoreOpener {
    public static func connect(_ location: DatabaseLocation, options: DatabaseOptions, logger: Logger) throws -> DatabaseConnection {
        switch location {
        case .sqlite(let path):
            let database = SQLiteDatabase(path: path)
            return DatabaseConnection(location: location, database: database, service: nil) { try database.openStore() }
        case .postgres:
            // TODO(postgres-merge): once TernStore has PostgresStore, replace this throw with
            //     let store = try PostgresStore(url: url, options: .init(options), logger: logger)
            //     return DatabaseConnection(location: location, database: store, service: store) { store }
            // plus, next to it:
            //     extension PostgresStore: ManagedDatabase { public var binarySchemaVersion: Int { Self.schemaVersion } }
            //     extension PostgresStore.Options { init(_ o: DatabaseOptions) { self.init(); poolSize = o.poolSize; connectTimeout = o.connectTimeout; statementTimeout = o.statementTimeout } }
            throw DatabaseSetupError.postgresNotAvailable(endpoint: location.displayName)
        }
    }
}
