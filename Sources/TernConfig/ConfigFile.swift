import Foundation
import Yams

/// The YAML configuration file: a mapping of `ConfigKey`s. Scalars stay text here; the parsers
/// check them with the same rules as environment variables and flags.
public enum ConfigFile {
    /// Reads and parses the file at `path` (named in errors as given).
    public static func load(path: String) throws(ConfigError) -> SettingLayer {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw .unreadable(file: path, reason: "cannot read the configuration file (\(String(cString: strerror(errno))))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw .unreadable(file: path, reason: "cannot read the configuration file (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(file: path, reason: "the configuration file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> SettingLayer {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .unreadable(file: file, reason: "not valid YAML: \(error)")
        }
        var layer = SettingLayer(origin: .file(file))
        guard let root, root.null == nil else { return layer }  // an empty file sets nothing
        guard let mapping = root.mapping else {
            throw .unreadable(file: file, reason: "expected a mapping of settings (key: value) at the top level")
        }
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? "\(keyNode)"
            guard let key = ConfigKey(rawValue: name) else {
                let valid = ConfigKey.allCases.map(\.rawValue)
                throw .unknownKey(
                    source: file, key: name, suggestion: KeySuggestion.nearest(to: name, in: valid), validKeys: valid)
            }
            // `key:` with no value, or `~`, leaves the setting to the defaults.
            if valueNode.null != nil { continue }
            layer.values[key] = try raw(valueNode, key: key, file: file)
        }
        return layer
    }

    private static func raw(_ node: Node, key: ConfigKey, file: String) throws(ConfigError) -> RawSetting {
        let name = SettingOrigin.file(file).name(of: key)
        switch (key.shape, node) {
        case (.scalar, .scalar(let scalar)):
            return .scalar(scalar.string)
        case (.list, .sequence(let items)):
            return .list(try items.map { item throws(ConfigError) in
                guard case .scalar(let scalar) = item else {
                    throw .invalid(name: name, expected: "a list of names", got: describe(item))
                }
                return scalar.string
            })
        case (.map, .mapping(let pairs)):
            return .map(try pairs.map { pair throws(ConfigError) in
                guard case .scalar(let k) = pair.key, case .scalar(let v) = pair.value else {
                    throw .invalid(name: name, expected: "a mapping of names to single values", got: describe(pair.value))
                }
                return .init(k.string, v.string)
            })
        case (.scalar, _):
            throw .invalid(name: name, expected: "a single value", got: describe(node))
        case (.list, _):
            throw .invalid(name: name, expected: "a list (- item)", got: describe(node))
        case (.map, _):
            throw .invalid(name: name, expected: "a mapping (name: value)", got: describe(node))
        }
    }

    private static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }
}
