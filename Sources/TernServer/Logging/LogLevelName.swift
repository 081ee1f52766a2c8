import Logging

/// The log level names Temporal's dev server takes (`--log-level`), shared by `tern` and the test kit.
public enum LogLevelName {
    /// The level named `name`: `never` turns logging off (`.some(nil)`); an unknown name is `nil`.
    public static func level(_ name: String) -> Logger.Level?? {
        switch name.lowercased() {
        case "debug": .some(.debug)
        case "info": .some(.info)
        case "warn", "warning": .some(.warning)
        case "error": .some(.error)
        case "never": .some(nil)
        default: nil
        }
    }
}
