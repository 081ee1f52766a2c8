/// Why the settings cannot be used. Each message names the file, variable or flag to change.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
    /// A key `source` (a file, or a flag or variable holding a map) does not allow; `suggestion`
    /// is the nearest valid key, when one is near.
    case unknownKey(source: String, key: String, suggestion: String?, validKeys: [String])
    /// A value of the wrong type or out of range; `name` is how the source names the setting.
    case invalid(name: String, expected: String, got: String)
    /// The file could not be read or is not YAML.
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .unknownKey(let source, let key, let suggestion?, _):
            "\(source): unknown key \"\(key)\"; did you mean \"\(suggestion)\"?"
        case .unknownKey(let source, let key, nil, let validKeys):
            "\(source): unknown key \"\(key)\"; valid keys are \(validKeys.joined(separator: ", "))"
        case .invalid(let name, let expected, let got):
            "\(name): expected \(expected), got \(got)"
        case .unreadable(let file, let reason):
            "\(file): \(reason)"
        }
    }
}
