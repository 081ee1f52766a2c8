import Testing
import TernServer
@testable import TernConfig

/// Mistakes stop the program with a message naming the file, variable or flag and what is valid.
@Suite("Settings errors")
struct ConfigErrorTests {
    func message(file text: String? = nil, env: [String: String] = [:], flags: [ConfigKey: [String]] = [:]) -> String? {
        do {
            var layers: [SettingLayer] = []
            if let text { layers.append(try ConfigFile.parse(text, file: "tern.yaml")) }
            layers.append(try EnvironmentLayer.read(env))
            layers.append(try TernSettings.flagLayer(flags))
            _ = try TernSettings.resolve(layers)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func unknownKeyNamesTheFileAndTheNearestKey() {
        #expect(message(file: "dbb: x.db") == "tern.yaml: unknown key \"dbb\"; did you mean \"db\"?")
        #expect(message(file: "prot: 1") == "tern.yaml: unknown key \"prot\"; did you mean \"port\"?")
        #expect(message(file: "db_pool_size: 3") == "tern.yaml: unknown key \"db_pool_size\"; did you mean \"db-pool-size\"?")
        #expect(message(file: "namespace: [a]") == "tern.yaml: unknown key \"namespace\"; did you mean \"namespaces\"?")
        #expect(message(file: "dynamicConfig: {}") == "tern.yaml: unknown key \"dynamicConfig\"; did you mean \"dynamic-config\"?")
    }

    @Test func farFromEveryKeyListsTheValidOnes() throws {
        let text = try #require(message(file: "verbosity: high"))
        #expect(text.hasPrefix("tern.yaml: unknown key \"verbosity\"; valid keys are db, db-pool-size"))
        #expect(text.contains("dynamic-config"))
    }

    @Test func misspeltDynamicConfigKeyIsRefusedWithTheNearestOne() {
        #expect(message(file: "dynamic-config:\n  history.cacheMaxSiz: 10")
            == "tern.yaml: unknown key \"dynamic-config.history.cacheMaxSiz\"; did you mean \"dynamic-config.history.cacheMaxSize\"?")
        #expect(message(flags: [.dynamicConfig: ["frontend.enableUpdateWorkflowExecutio=true"]])
            == "--dynamic-config-value: unknown key \"frontend.enableUpdateWorkflowExecutio\"; did you mean \"frontend.enableUpdateWorkflowExecution\"?")
    }

    @Test func dynamicConfigKeysTernDoesNotKnowAreKeptAsIgnored() throws {
        let layer = try ConfigFile.parse("dynamic-config:\n  limit.historyCount.warn: 100\n", file: "tern.yaml")
        let settings = try TernSettings.resolve([layer])
        #expect(settings.dynamicConfig.ignored == ["limit.historyCount.warn=100"])
    }

    @Test func everyKnownDynamicConfigKeyIsApplied() {
        for key in DynamicConfig.knownKeys {
            var config = DynamicConfig()
            let applied = ["1", "true", "1s"].contains { value in (try? config.apply("\(key)=\(value)")) != nil && config.ignored.isEmpty }
            #expect(applied, "\(key) is listed as known but DynamicConfig ignores it")
        }
    }

    @Test func wrongValuesNameTheKeyAndWhatIsValid() {
        #expect(message(file: "port: abc") == "tern.yaml: port: expected an integer 0-65535, got \"abc\"")
        #expect(message(file: "port: 70000") == "tern.yaml: port: expected an integer 0-65535, got \"70000\"")
        #expect(message(file: "db-pool-size: 0") == "tern.yaml: db-pool-size: expected an integer 1-10000, got \"0\"")
        #expect(message(file: "log-level: chatty") == "tern.yaml: log-level: expected one of debug, info, warn, error, never, got \"chatty\"")
        #expect(message(file: "log-format: xml") == "tern.yaml: log-format: expected one of pretty, json, got \"xml\"")
        #expect(message(file: "db-connect-timeout: soon")
            == "tern.yaml: db-connect-timeout: expected a positive duration such as 500ms, 10s or 2m, got \"soon\"")
        #expect(message(file: "ip: somewhere") == "tern.yaml: ip: expected an IP address such as 127.0.0.1, 0.0.0.0 or ::1, got \"somewhere\"")
        #expect(message(file: "search-attributes:\n  Colour: Paint")
            == "tern.yaml: search-attributes.Colour: expected a type: Keyword, Text, Int, Double, Bool, Datetime or KeywordList, got \"Paint\"")
        #expect(message(file: "dynamic-config:\n  history.cacheMaxSize: lots")
            == "tern.yaml: dynamic-config.history.cacheMaxSize: expected a positive integer, got \"lots\"")
    }

    @Test func wrongShapesNameTheKey() {
        #expect(message(file: "port: [1, 2]") == "tern.yaml: port: expected a single value, got a list")
        #expect(message(file: "namespaces: orders") == "tern.yaml: namespaces: expected a list (- item), got \"orders\"")
        #expect(message(file: "search-attributes: [A]") == "tern.yaml: search-attributes: expected a mapping (name: value), got a list")
        #expect(message(file: "- just\n- a list") == "tern.yaml: expected a mapping of settings (key: value) at the top level")
    }

    @Test func badDatabaseValues() throws {
        let mysql = try #require(message(file: "db: mysql://x/y"))
        #expect(mysql.hasPrefix("tern.yaml: db: expected a SQLite file path or a postgres://"))
        #expect(mysql.contains("\"mysql\""))
        #expect(message(flags: [.db: ["postgres:///nohost"]])?.hasPrefix("--db: expected") == true)
        #expect(try TernSettings.resolve([TernSettings.flagLayer([.db: ["postgresql://u@h/db"]])]).db
            == .postgres(url: "postgresql://u@h/db"))
    }

    @Test func environmentAndFlagErrorsNameTheVariableOrFlag() {
        #expect(message(env: ["TERN_PORT": "abc"]) == "TERN_PORT: expected an integer 0-65535, got \"abc\"")
        #expect(message(env: ["TERN_DB_POOL_SIZE": "-1"]) == "TERN_DB_POOL_SIZE: expected an integer 1-10000, got \"-1\"")
        #expect(message(env: ["TERN_SEARCH_ATTRIBUTES": "Broken"]) == "TERN_SEARCH_ATTRIBUTES: expected NAME=VALUE, got Broken")
        #expect(message(flags: [.port: ["abc"]]) == "--port: expected an integer 0-65535, got \"abc\"")
        #expect(message(flags: [.searchAttributes: ["X=Colour"]])
            == "--search-attribute X: expected a type: Keyword, Text, Int, Double, Bool, Datetime or KeywordList, got \"Colour\"")
        #expect(message(flags: [.dynamicConfig: ["novalue"]]) == "--dynamic-config-value: expected NAME=VALUE, got novalue")
    }

    @Test func mistakesInOverriddenLayersStillShow() {
        #expect(message(file: "port: abc", flags: [.port: ["7233"]]) == "tern.yaml: port: expected an integer 0-65535, got \"abc\"")
    }

    @Test func invalidYAMLAndEmptyFiles() throws {
        #expect(message(file: "port: [unclosed")?.hasPrefix("tern.yaml: not valid YAML") == true)
        #expect(message(file: "port: 1\nport: 2")?.hasPrefix("tern.yaml: not valid YAML") == true)  // duplicate key
        #expect(message(file: "") == nil)
        #expect(message(file: "# only a comment\n") == nil)
        #expect(message(file: "db:\nport: ~\n") == nil)  // empty values leave the defaults
    }

    @Test func missingFileIsNamed() {
        #expect(throws: ConfigError.unreadable(file: "/no/such/tern.yaml", reason: "cannot read the configuration file (No such file or directory)")) {
            try ConfigFile.load(path: "/no/such/tern.yaml")
        }
    }

    @Test func suggestionsNeedToBeNear() {
        #expect(KeySuggestion.nearest(to: "dbb", in: ["db", "ip", "port"]) == "db")
        #expect(KeySuggestion.nearest(to: "xyzzy", in: ["db", "ip", "port"]) == nil)
        #expect(KeySuggestion.distance(Array("kitten"), Array("sitting")) == 3)
        #expect(KeySuggestion.distance([], Array("abc")) == 3)
    }
}
