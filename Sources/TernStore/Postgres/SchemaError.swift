/// The database's schema does not match this binary's.
public enum SchemaError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A newer Tern migrated the database: this binary does not know its tables.
    case tooNew(database: Int, binary: Int)
    /// The database is behind this binary (0: empty); run the migration first.
    case notMigrated(database: Int, binary: Int)

    public var description: String {
        switch self {
        case .tooNew(let database, let binary):
            "The database schema is version \(database), newer than this Tern's (\(binary)): upgrade Tern, or use another database."
        case .notMigrated(let database, let binary):
            database == 0
                ? "The database has no Tern tables yet (this Tern expects schema version \(binary)): migrate it first."
                : "The database schema is version \(database), older than this Tern's (\(binary)): migrate it first."
        }
    }
}
