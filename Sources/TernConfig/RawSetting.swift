/// A setting as a source spelt it, before it is checked: the same shapes for the file, the
/// environment and the flags, so one set of parsers checks them all.
public enum RawSetting: Sendable, Equatable {
    case scalar(String)
    case list([String])
    /// Ordered entries; a YAML mapping, or `NAME=VALUE` items of the environment and the flags.
    case map([Entry])

    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }
}

/// Where a setting came from, so that an error names what the user has to change.
public enum SettingOrigin: Sendable, Equatable {
    /// The configuration file, as its path was given.
    case file(String)
    case environment
    case flag

    /// How a message names `key` from this origin: `tern.yaml: port`, `TERN_PORT` or `--port`.
    func name(of key: ConfigKey) -> String {
        switch self {
        case .file(let path): "\(path): \(key.rawValue)"
        case .environment: key.environmentVariable
        case .flag: key.flag
        }
    }

    /// How a message names an entry of a map key: `tern.yaml: dynamic-config.history.cacheMaxSize`.
    func name(of key: ConfigKey, entry: String) -> String {
        switch self {
        case .file(let path): "\(path): \(key.rawValue).\(entry)"
        case .environment: "\(key.environmentVariable) entry \"\(entry)\""
        case .flag: "\(key.flag) \(entry)"
        }
    }
}

/// The settings one source gave.
public struct SettingLayer: Sendable, Equatable {
    public var origin: SettingOrigin
    public var values: [ConfigKey: RawSetting]

    public init(origin: SettingOrigin, values: [ConfigKey: RawSetting] = [:]) {
        self.origin = origin
        self.values = values
    }
}

extension RawSetting {
    /// `NAME=VALUE` items (flags and environment) as map entries; `what` names the source in errors.
    static func entries(_ items: [String], name: String) throws(ConfigError) -> [Entry] {
        try items.map { item throws(ConfigError) in
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw .invalid(name: name, expected: "NAME=VALUE", got: item)
            }
            return Entry(String(item[..<eq]), String(item[item.index(after: eq)...]))
        }
    }
}
