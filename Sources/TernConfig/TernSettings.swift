import TernCore
import TernServer

/// Everything `tern server start` and `tern admin db` read from defaults, the configuration file,
/// the environment and the flags, checked and typed.
public struct TernSettings: Sendable {
    /// nil: no database was set (`start` refuses to run in memory).
    public var db: DatabaseLocation?
    public var databaseOptions = DatabaseOptions()
    public var ip = "127.0.0.1"
    public var port = 7233
    /// Accepted so that start-dev's settings carry over; Tern serves none of these yet.
    public var httpPort: Int?
    public var uiPort: Int?
    public var metricsPort: Int?
    /// A name `LogLevelName` knows: debug, info, warn, error or never.
    public var logLevel = "info"
    public var logFormat = LogFormat.pretty
    /// Always starts with "default".
    public var namespaces = ["default"]
    public var searchAttributes: [String: IndexedValueType] = [:]
    public var dynamicConfig = DynamicConfig()
    /// The source that gave each setting that is not a default.
    public var origins: [ConfigKey: SettingOrigin] = [:]

    public enum LogFormat: String, Sendable, CaseIterable {
        case pretty, json
    }

    public init() {}

    /// The server part, as `TernNode` takes it.
    public var serverConfiguration: ServerConfiguration {
        var config = ServerConfiguration()
        config.host = ip
        config.port = port
        config.namespaces = namespaces
        config.searchAttributes = searchAttributes
        config.dynamicConfig = dynamicConfig
        if case .sqlite(let path) = db { config.databasePath = path }
        return config
    }

    /// The settings of `layers`, lowest priority first: a later layer's scalar or list replaces an
    /// earlier one's; map entries (search attributes, dynamic config) are merged by name. Every
    /// layer is checked, also where a later one overrides it, so a mistake in the file shows
    /// even while a flag hides it.
    public static func resolve(_ layers: [SettingLayer]) throws(ConfigError) -> TernSettings {
        var settings = TernSettings()
        var dynamicEntries: [String: String] = [:]
        var dynamicOrder: [String] = []
        for layer in layers {
            for key in ConfigKey.allCases {
                guard let raw = layer.values[key] else { continue }
                let value = SettingValue(key: key, raw: raw, origin: layer.origin)
                settings.origins[key] = layer.origin
                switch key {
                case .db: settings.db = try value.database()
                case .dbPoolSize: settings.databaseOptions.poolSize = try value.integer(in: 1...10_000)
                case .dbConnectTimeout: settings.databaseOptions.connectTimeout = try value.duration(allowingZero: false)
                case .dbStatementTimeout:
                    let timeout = try value.duration(allowingZero: true)
                    settings.databaseOptions.statementTimeout = timeout == .zero ? nil : timeout
                case .ip: settings.ip = try value.address()
                case .port: settings.port = try value.integer(in: 0...65535)
                case .httpPort: settings.httpPort = try value.integer(in: 0...65535)
                case .uiPort: settings.uiPort = try value.integer(in: 0...65535)
                case .metricsPort: settings.metricsPort = try value.integer(in: 0...65535)
                case .logLevel: settings.logLevel = try value.logLevel()
                case .logFormat: settings.logFormat = try value.choice(of: LogFormat.self)
                case .namespaces: settings.namespaces = try value.namespaces()
                case .searchAttributes:
                    settings.searchAttributes.merge(try value.searchAttributes()) { _, later in later }
                case .dynamicConfig:
                    for entry in try value.dynamicConfigEntries() {
                        if dynamicEntries.updateValue(entry.value, forKey: entry.key) == nil { dynamicOrder.append(entry.key) }
                    }
                }
            }
        }
        // Values were checked per layer (naming their source); these apply the winners.
        for key in dynamicOrder {
            if let value = dynamicEntries[key] { try? settings.dynamicConfig.apply("\(key)=\(value)") }
        }
        return settings
    }

    /// The flags of a command: one value per scalar key (the last given wins), every value of
    /// the repeatable ones (`--namespace`, `--search-attribute NAME=TYPE`,
    /// `--dynamic-config-value KEY=VALUE`). Keys given no value are left out.
    public static func flagLayer(_ given: [ConfigKey: [String]]) throws(ConfigError) -> SettingLayer {
        var layer = SettingLayer(origin: .flag)
        for (key, values) in given where !values.isEmpty {
            switch key.shape {
            case .scalar: layer.values[key] = values.last.map(RawSetting.scalar)
            case .list: layer.values[key] = .list(values)
            case .map: layer.values[key] = .map(try RawSetting.entries(values, name: key.flag))
            }
        }
        return layer
    }
}
