/// One setting of `tern server start`. Its raw value is the key of the configuration file; the
/// environment variable and the flag are derived from it (see docs/configuration.md).
public enum ConfigKey: String, CaseIterable, Sendable {
    case db
    case dbPoolSize = "db-pool-size"
    case dbConnectTimeout = "db-connect-timeout"
    case dbStatementTimeout = "db-statement-timeout"
    case ip
    case port
    case httpPort = "http-port"
    case uiPort = "ui-port"
    case metricsPort = "metrics-port"
    case logLevel = "log-level"
    case logFormat = "log-format"
    case namespaces
    case searchAttributes = "search-attributes"
    case dynamicConfig = "dynamic-config"

    /// How a value is written: one scalar, a list of scalars, or a map of scalars.
    public enum Shape: Sendable {
        case scalar, list, map
    }

    public var shape: Shape {
        switch self {
        case .namespaces: .list
        case .searchAttributes, .dynamicConfig: .map
        default: .scalar
        }
    }

    /// `TERN_` and the key upper-cased, `-` turned into `_`: `db-pool-size` → `TERN_DB_POOL_SIZE`.
    public var environmentVariable: String {
        "TERN_" + rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The flag of `tern server start`; the list and map keys take one item per flag, as start-dev's.
    public var flag: String {
        switch self {
        case .namespaces: "--namespace"
        case .searchAttributes: "--search-attribute"
        case .dynamicConfig: "--dynamic-config-value"
        default: "--" + rawValue
        }
    }
}
