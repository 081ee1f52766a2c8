import Testing
@testable import TernServer

@Suite("DynamicConfig")
struct DynamicConfigTests {
    @Test func appliesKnownKeysAndKeepsUnknownOnes() throws {
        var config = DynamicConfig()
        try config.apply("matching.longPollExpirationInterval=10s")
        try config.apply("frontend.enableUpdateWorkflowExecution=false")
        try config.apply("frontend.enableServerVersionCheck=false")
        try config.apply("history.somethingElse=\"x\"")
        #expect(config.longPollExpiration == .seconds(10))
        #expect(!config.enableUpdateWorkflowExecution)
        #expect(config.ignored == ["history.somethingElse=\"x\""])
    }

    @Test func keepalivePolicyDefaultsToTemporalsAndCanBeSet() throws {
        var config = DynamicConfig()
        #expect(config.keepAliveMinTime == .seconds(10))
        #expect(config.keepAlivePermitWithoutStream)
        try config.apply("frontend.keepAliveMinTime=\"30s\"")
        try config.apply("frontend.keepAlivePermitWithoutStream=false")
        #expect(config.keepAliveMinTime == .seconds(30))
        #expect(!config.keepAlivePermitWithoutStream)
        #expect(throws: DynamicConfig.ParseError.self) { try config.apply("frontend.keepAliveMinTime=often") }
    }

    @Test func rejectsMalformedEntries() {
        var config = DynamicConfig()
        #expect(throws: DynamicConfig.ParseError.self) { try config.apply("novalue") }
        #expect(throws: DynamicConfig.ParseError.self) { try config.apply("=1") }
        #expect(throws: DynamicConfig.ParseError.self) { try config.apply("frontend.enableUpdateWorkflowExecution=maybe") }
        #expect(throws: DynamicConfig.ParseError.self) { try config.apply("matching.longPollExpirationInterval=soon") }
    }

    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("1m", .seconds(60)),
        ("1h30m", .seconds(5400)), ("2", .seconds(2)), ("1.5s", .milliseconds(1500)),
    ])
    func parsesGoDurations(text: String, expected: Duration) {
        #expect(DynamicConfig.parseDuration(text) == expected)
    }

    @Test(arguments: ["", "s", "10x", "-1", "1m2"])
    func rejectsBadDurations(text: String) {
        #expect(DynamicConfig.parseDuration(text) == nil)
    }
}
