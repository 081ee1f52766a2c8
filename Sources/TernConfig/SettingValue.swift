import Foundation
import TernCore
import TernServer

/// One raw setting from one source, and the checks that turn it into a typed value. Each error
/// names the setting as its source spells it and says what would be valid.
struct SettingValue {
    var key: ConfigKey
    var raw: RawSetting
    var origin: SettingOrigin

    private var name: String { origin.name(of: key) }

    private func scalar() throws(ConfigError) -> String {
        guard case .scalar(let text) = raw else { throw .invalid(name: name, expected: "a single value", got: "several") }
        return text.trimmingCharacters(in: .whitespaces)
    }

    private func invalid(_ expected: String, _ text: String) -> ConfigError {
        .invalid(name: name, expected: expected, got: "\"\(text)\"")
    }

    func integer(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let text = try scalar()
        guard let n = Int(text), range.contains(n) else {
            throw invalid("an integer \(range.lowerBound)-\(range.upperBound)", text)
        }
        return n
    }

    /// `500ms`, `10s`, `2m`, `1h30m`; a bare number is seconds.
    func duration(allowingZero: Bool) throws(ConfigError) -> Duration {
        let text = try scalar()
        guard let duration = DynamicConfig.parseDuration(text), allowingZero || duration > .zero else {
            throw invalid("a \(allowingZero ? "" : "positive ")duration such as 500ms, 10s or 2m", text)
        }
        return duration
    }

    func database() throws(ConfigError) -> DatabaseLocation {
        let text = try scalar()
        do {
            return try DatabaseLocation(parsing: text)
        } catch {
            throw .invalid(
                name: name, expected: "a SQLite file path or a postgres://user:password@host:port/database URL",
                got: error.reason)
        }
    }

    /// An IPv4 or IPv6 address to bind, or `localhost`.
    func address() throws(ConfigError) -> String {
        let text = try scalar()
        var v4 = in_addr()
        var v6 = in6_addr()
        guard text == "localhost" || inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1 else {
            throw invalid("an IP address such as 127.0.0.1, 0.0.0.0 or ::1", text)
        }
        return text
    }

    func logLevel() throws(ConfigError) -> String {
        let text = try scalar()
        guard LogLevelName.level(text) != nil else { throw invalid("one of debug, info, warn, error, never", text) }
        return text.lowercased()
    }

    func choice<T: RawRepresentable & CaseIterable>(of: T.Type) throws(ConfigError) -> T where T.RawValue == String {
        let text = try scalar()
        guard let value = T(rawValue: text.lowercased()) else {
            throw invalid("one of " + T.allCases.map(\.rawValue).joined(separator: ", "), text)
        }
        return value
    }

    /// "default" first, whatever the list says, then the others in order without repeats.
    func namespaces() throws(ConfigError) -> [String] {
        guard case .list(let names) = raw else { throw .invalid(name: name, expected: "a list of names", got: "a single value") }
        var result = ["default"]
        for name in names where !result.contains(name) {
            do { try NamespaceRules.validateName(name) } catch {
                throw .invalid(name: self.name, expected: "valid namespace names (\(error.message))", got: "\"\(name)\"")
            }
            result.append(name)
        }
        return result
    }

    func searchAttributes() throws(ConfigError) -> [String: IndexedValueType] {
        var result: [String: IndexedValueType] = [:]
        for entry in try entries() {
            guard let (attribute, type) = SearchAttributeRules.parse("\(entry.key)=\(entry.value)") else {
                throw .invalid(
                    name: origin.name(of: key, entry: entry.key),
                    expected: "a type: Keyword, Text, Int, Double, Bool, Datetime or KeywordList", got: "\"\(entry.value)\"")
            }
            result[attribute] = type
        }
        return result
    }

    /// Entries checked as `DynamicConfig` parses them. A key Tern does not know is ignored (and
    /// logged at start) as by start-dev, since Temporal has hundreds; one within two edits of a
    /// key Tern knows is taken for a typo and refused.
    func dynamicConfigEntries() throws(ConfigError) -> [RawSetting.Entry] {
        let entries = try entries()
        for entry in entries {
            var scratch = DynamicConfig()
            do {
                try scratch.apply("\(entry.key)=\(entry.value)")
            } catch DynamicConfig.ParseError.badValue(_, let value, let expected) {
                throw .invalid(name: origin.name(of: key, entry: entry.key), expected: expected, got: "\"\(value)\"")
            } catch {
                throw .invalid(name: origin.name(of: key, entry: entry.key), expected: "KEY=VALUE", got: "\(error)")
            }
            if !scratch.ignored.isEmpty, let near = KeySuggestion.nearest(to: entry.key, in: DynamicConfig.knownKeys, maxDistance: 2) {
                throw unknownEntry(entry.key, suggestion: near)
            }
        }
        return entries
    }

    private func unknownEntry(_ entry: String, suggestion: String) -> ConfigError {
        switch origin {
        case .file(let path):
            .unknownKey(source: path, key: "\(key.rawValue).\(entry)", suggestion: "\(key.rawValue).\(suggestion)", validKeys: [])
        case .environment:
            .unknownKey(source: key.environmentVariable, key: entry, suggestion: suggestion, validKeys: [])
        case .flag:
            .unknownKey(source: key.flag, key: entry, suggestion: suggestion, validKeys: [])
        }
    }

    private func entries() throws(ConfigError) -> [RawSetting.Entry] {
        guard case .map(let entries) = raw else { throw .invalid(name: name, expected: "NAME=VALUE entries", got: "a single value") }
        return entries.map { .init($0.key.trimmingCharacters(in: .whitespaces), $0.value.trimmingCharacters(in: .whitespaces)) }
    }
}
