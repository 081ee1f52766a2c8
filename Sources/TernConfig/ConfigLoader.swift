/// The settings of a command: defaults, then the configuration file, then the environment, then
/// the flags (each overriding the one before).
public enum ConfigLoader {
    public static func load(
        configFile: String?, environment: [String: String], flags: [ConfigKey: [String]]
    ) throws(ConfigError) -> TernSettings {
        var layers: [SettingLayer] = []
        if let configFile { layers.append(try ConfigFile.load(path: configFile)) }
        layers.append(try EnvironmentLayer.read(environment))
        layers.append(try TernSettings.flagLayer(flags))
        return try TernSettings.resolve(layers)
    }
}
