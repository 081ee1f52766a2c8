import Testing
import TernServer
@testable import TernConfig

/// defaults < file < environment < flags, per key; maps merge by entry.
@Suite("Settings precedence")
struct PrecedenceTests {
    let file = """
        db: /var/lib/tern/file.db
        port: 7300
        ip: 0.0.0.0
        namespaces: [orders, billing]
        search-attributes:
          OrderId: Keyword
          Amount: Double
        dynamic-config:
          history.cacheMaxSize: 100
          frontend.enableUpdateWorkflowExecution: false
        """

    func resolve(file text: String? = nil, env: [String: String] = [:], flags: [ConfigKey: [String]] = [:]) throws -> TernSettings {
        var layers: [SettingLayer] = []
        if let text { layers.append(try ConfigFile.parse(text, file: "tern.yaml")) }
        layers.append(try EnvironmentLayer.read(env))
        layers.append(try TernSettings.flagLayer(flags))
        return try TernSettings.resolve(layers)
    }

    @Test func defaultsWhenNothingIsGiven() throws {
        let settings = try resolve()
        #expect(settings.db == nil)
        #expect(settings.port == 7233)
        #expect(settings.ip == "127.0.0.1")
        #expect(settings.databaseOptions == DatabaseOptions())
        #expect(settings.databaseOptions.poolSize == 20)
        #expect(settings.databaseOptions.connectTimeout == .seconds(10))
        #expect(settings.databaseOptions.statementTimeout == .seconds(30))
        #expect(settings.namespaces == ["default"])
        #expect(settings.logLevel == "info")
        #expect(settings.logFormat == .pretty)
        #expect(settings.httpPort == nil && settings.uiPort == nil && settings.metricsPort == nil)
    }

    @Test func fileOverridesDefaults() throws {
        let settings = try resolve(file: file)
        #expect(settings.db == .sqlite(path: "/var/lib/tern/file.db"))
        #expect(settings.port == 7300)
        #expect(settings.ip == "0.0.0.0")
        #expect(settings.namespaces == ["default", "orders", "billing"])
        #expect(settings.searchAttributes == ["OrderId": .keyword, "Amount": .double])
        #expect(settings.dynamicConfig.historyCacheMaxSize == 100)
        #expect(!settings.dynamicConfig.enableUpdateWorkflowExecution)
        #expect(settings.origins[.port] == .file("tern.yaml"))
    }

    @Test func environmentOverridesFileAndFlagsOverrideBoth() throws {
        let envOnly = try resolve(file: file, env: ["TERN_PORT": "7400", "TERN_DB": "/env.db"])
        #expect(envOnly.port == 7400)
        #expect(envOnly.db == .sqlite(path: "/env.db"))
        #expect(envOnly.origins[.port] == .environment)

        let all = try resolve(file: file, env: ["TERN_PORT": "7400"], flags: [.port: ["7500"]])
        #expect(all.port == 7500)
        #expect(all.origins[.port] == .flag)
        #expect(all.ip == "0.0.0.0")  // untouched keys keep the file's value
    }

    @Test func listsAreReplacedAndMapsMergedByEntry() throws {
        let settings = try resolve(
            file: file,
            env: ["TERN_NAMESPACES": "alpha, beta", "TERN_SEARCH_ATTRIBUTES": "Amount=Int"],
            flags: [.searchAttributes: ["Region=Keyword"], .dynamicConfig: ["history.cacheMaxSize=7"]])
        #expect(settings.namespaces == ["default", "alpha", "beta"])
        #expect(settings.searchAttributes == ["OrderId": .keyword, "Amount": .int, "Region": .keyword])
        #expect(settings.dynamicConfig.historyCacheMaxSize == 7)
        #expect(!settings.dynamicConfig.enableUpdateWorkflowExecution)  // from the file, not overridden
    }

    @Test func environmentVariableNamesFollowTheKeys() {
        #expect(ConfigKey.db.environmentVariable == "TERN_DB")
        #expect(ConfigKey.dbPoolSize.environmentVariable == "TERN_DB_POOL_SIZE")
        #expect(ConfigKey.dbStatementTimeout.environmentVariable == "TERN_DB_STATEMENT_TIMEOUT")
        #expect(ConfigKey.searchAttributes.environmentVariable == "TERN_SEARCH_ATTRIBUTES")
        #expect(ConfigKey.dynamicConfig.flag == "--dynamic-config-value")
        #expect(ConfigKey.namespaces.flag == "--namespace")
        #expect(ConfigKey.metricsPort.flag == "--metrics-port")
    }

    @Test func everyKeyReadsFromItsEnvironmentVariable() throws {
        let settings = try resolve(env: [
            "TERN_DB": "postgres://tern:pw@db.internal:5432/tern?sslmode=require",
            "TERN_DB_POOL_SIZE": "5", "TERN_DB_CONNECT_TIMEOUT": "500ms", "TERN_DB_STATEMENT_TIMEOUT": "2m",
            "TERN_IP": "::1", "TERN_PORT": "0", "TERN_HTTP_PORT": "7243", "TERN_UI_PORT": "8233",
            "TERN_METRICS_PORT": "9090", "TERN_LOG_LEVEL": "warn", "TERN_LOG_FORMAT": "json",
            "TERN_NAMESPACES": "a", "TERN_SEARCH_ATTRIBUTES": "X=Bool",
            "TERN_DYNAMIC_CONFIG": "matching.longPollExpirationInterval=5s",
        ])
        #expect(settings.db == .postgres(url: "postgres://tern:pw@db.internal:5432/tern?sslmode=require"))
        #expect(settings.databaseOptions.poolSize == 5)
        #expect(settings.databaseOptions.connectTimeout == .milliseconds(500))
        #expect(settings.databaseOptions.statementTimeout == .seconds(120))
        #expect(settings.ip == "::1")
        #expect(settings.port == 0)
        #expect(settings.httpPort == 7243 && settings.uiPort == 8233 && settings.metricsPort == 9090)
        #expect(settings.logLevel == "warn")
        #expect(settings.logFormat == .json)
        #expect(settings.namespaces == ["default", "a"])
        #expect(settings.searchAttributes == ["X": .bool])
        #expect(settings.dynamicConfig.longPollExpiration == .seconds(5))
        #expect(Set(settings.origins.keys) == Set(ConfigKey.allCases))
    }

    @Test func unknownTernVariablesAreIgnored() throws {
        let settings = try resolve(env: ["TERN_BIN": "/x/tern", "TERN_PORTT": "abc", "PORT": "1"])
        #expect(settings.port == 7233)
    }

    @Test func durations() throws {
        for (text, expected) in [("10s", Duration.seconds(10)), ("500ms", .milliseconds(500)), ("2m", .seconds(120)), ("1h30m", .seconds(5400)), ("3", .seconds(3))] {
            #expect(try resolve(flags: [.dbConnectTimeout: [text]]).databaseOptions.connectTimeout == expected)
        }
        #expect(try resolve(flags: [.dbStatementTimeout: ["0s"]]).databaseOptions.statementTimeout == nil)
        #expect(throws: ConfigError.self) { try resolve(flags: [.dbConnectTimeout: ["0s"]]) }
        #expect(throws: ConfigError.self) { try resolve(flags: [.dbConnectTimeout: ["soon"]]) }
    }

    @Test func defaultNamespaceComesFirstOnce() throws {
        let settings = try resolve(flags: [.namespaces: ["x", "default", "x"]])
        #expect(settings.namespaces == ["default", "x"])
    }

    @Test func serverConfigurationCarriesTheSettings() throws {
        let config = try resolve(file: file, flags: [.port: ["7999"]]).serverConfiguration
        #expect(config.port == 7999)
        #expect(config.host == "0.0.0.0")
        #expect(config.namespaces == ["default", "orders", "billing"])
        #expect(config.databasePath == "/var/lib/tern/file.db")
        #expect(config.dynamicConfig.historyCacheMaxSize == 100)
        #expect(!config.timeSkipping)
    }
}
