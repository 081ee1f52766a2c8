import Foundation

/// The `TERN_<KEY>` environment variables. Lists and maps are comma-separated
/// (`TERN_NAMESPACES=orders,billing`, `TERN_SEARCH_ATTRIBUTES=OrderId=Keyword,Amount=Double`).
///
/// Other `TERN_` variables are ignored, not refused: the environment is shared with tools and
/// tests that use the prefix for themselves (TERN_BIN, …).
public enum EnvironmentLayer {
    public static func read(_ environment: [String: String]) throws(ConfigError) -> SettingLayer {
        var layer = SettingLayer(origin: .environment)
        for key in ConfigKey.allCases {
            guard let text = environment[key.environmentVariable] else { continue }
            switch key.shape {
            case .scalar:
                layer.values[key] = .scalar(text)
            case .list:
                layer.values[key] = .list(items(text))
            case .map:
                layer.values[key] = .map(try RawSetting.entries(items(text), name: key.environmentVariable))
            }
        }
        return layer
    }

    private static func items(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
