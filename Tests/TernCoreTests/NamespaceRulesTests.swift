import Foundation
import SwiftProtobuf
import TernAPI
import Testing
@testable import TernCore

@Suite("NamespaceRules")
struct NamespaceRulesTests {
    static func request(_ name: String, retention: Int64? = 86_400) -> RegisterNamespaceRequest {
        var request = RegisterNamespaceRequest()
        request.namespace = name
        if let retention { request.workflowExecutionRetentionPeriod = .init(seconds: retention) }
        return request
    }

    @Test func registerBuildsARegisteredLocalNamespace() throws {
        var request = Self.request("orders")
        request.description_p = "d"
        request.ownerEmail = "o@example.com"
        request.data = ["k": "v"]
        let record = try NamespaceRules.register(request, id: "the-id")
        #expect(record.id == "the-id")
        #expect(record.name == "orders")
        #expect(record.state == .registered)
        #expect(record.detail.namespaceInfo.data == ["k": "v"])
        #expect(record.retention == .seconds(86_400))
        #expect(record.detail.replicationConfig.activeClusterName == "active")
        #expect(record.detail.config.historyArchivalState == .disabled)
        #expect(!record.detail.isGlobalNamespace)
    }

    @Test(arguments: [nil, 0, 59, 3599, -1] as [Int64?])
    func retentionBelowOneHourIsRejected(seconds: Int64?) {
        #expect(throws: TernError.self) { try NamespaceRules.register(Self.request("n", retention: seconds), id: "i") }
    }

    @Test func retentionOfExactlyOneHourIsAccepted() throws {
        _ = try NamespaceRules.register(Self.request("n", retention: 3600), id: "i")
    }

    @Test func namesMustBeNonEmptyAndBounded() {
        #expect(throws: TernError.invalidArgument("Namespace not set on request.")) {
            try NamespaceRules.validateName("")
        }
        #expect(throws: TernError.self) { try NamespaceRules.validateName(String(repeating: "x", count: 1001)) }
        #expect(throws: Never.self) { try NamespaceRules.validateName(String(repeating: "x", count: 1000)) }
    }

    @Test func globalNamespacesAreRefusedAndArchivalStaysDisabled() throws {
        var global = Self.request("g")
        global.isGlobalNamespace = true
        #expect(throws: TernError.self) { try NamespaceRules.register(global, id: "i") }
        var archival = Self.request("a")
        archival.historyArchivalState = .enabled
        archival.historyArchivalUri = "file:///tmp/archive"
        let record = try NamespaceRules.register(archival, id: "i")
        #expect(record.detail.config.historyArchivalState == .disabled)
        #expect(record.detail.config.historyArchivalUri.isEmpty)
        #expect(record.detail.replicationConfig.state == .normal)
        var otherCluster = Self.request("c")
        otherCluster.activeClusterName = "elsewhere"
        #expect(throws: TernError.self) { try NamespaceRules.register(otherCluster, id: "i") }
    }

    @Test func updateChangesOnlyWhatIsSet() throws {
        var request = Self.request("n")
        request.description_p = "before"
        request.ownerEmail = "owner@example.com"
        request.data = ["a": "1"]
        let record = try NamespaceRules.register(request, id: "i")

        var update = UpdateNamespaceRequest()
        update.namespace = "n"
        update.updateInfo.description_p = "after"
        update.updateInfo.data = ["b": "2"]
        update.config.workflowExecutionRetentionTtl = .init(seconds: 7200)
        let updated = try NamespaceRules.update(update, of: record, now: Date())
        #expect(updated.detail.namespaceInfo.description_p == "after")
        #expect(updated.detail.namespaceInfo.ownerEmail == "owner@example.com")
        #expect(updated.detail.namespaceInfo.data == ["a": "1", "b": "2"])
        #expect(updated.retention == .seconds(7200))
        #expect(updated.version == record.version)
    }

    @Test func updateValidatesRetentionAndStateChanges() throws {
        let record = try NamespaceRules.builtIn(name: "n", id: "i")
        var badRetention = UpdateNamespaceRequest()
        badRetention.config.workflowExecutionRetentionTtl = .init(seconds: 10)
        #expect(throws: TernError.self) { try NamespaceRules.update(badRetention, of: record, now: Date()) }

        var deprecate = UpdateNamespaceRequest()
        deprecate.updateInfo.state = .deprecated
        let deprecated = try NamespaceRules.update(deprecate, of: record, now: Date())
        #expect(deprecated.state == .deprecated)

        var revive = UpdateNamespaceRequest()
        revive.updateInfo.state = .registered
        #expect(throws: TernError.self) { try NamespaceRules.update(revive, of: deprecated, now: Date()) }
    }

    @Test func badBinariesAreStampedAndCanBeDeleted() throws {
        let record = try NamespaceRules.builtIn(name: "n", id: "i")
        var add = UpdateNamespaceRequest()
        add.config.badBinaries.binaries["abc"] = .with { $0.reason = "crashes" }
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let withBad = try NamespaceRules.update(add, of: record, now: now)
        #expect(withBad.detail.config.badBinaries.binaries["abc"]?.createTime.seconds == 1_700_000_000)
        var delete = UpdateNamespaceRequest()
        delete.deleteBadBinary = "abc"
        #expect(try NamespaceRules.update(delete, of: withBad, now: now).detail.config.badBinaries.binaries.isEmpty)
    }
}

@Suite("SearchAttributeRules")
struct SearchAttributeRulesTests {
    @Test func additionsSkipExistingAndRejectReservedOrUntyped() throws {
        let added = try SearchAttributeRules.additions(["A": .keyword, "B": .int], existing: ["A": .text])
        #expect(added == ["B": .int])
        #expect(throws: TernError.self) { try SearchAttributeRules.additions(["WorkflowId": .keyword], existing: [:]) }
        #expect(throws: TernError.self) { try SearchAttributeRules.additions(["X": .unspecified], existing: [:]) }
        #expect(throws: TernError.self) { try SearchAttributeRules.additions([:], existing: [:]) }
    }

    @Test func removalOfSystemAttributesIsRejected() {
        #expect(throws: TernError.self) { try SearchAttributeRules.validateRemoval(["RunId", "Mine"]) }
        #expect(throws: Never.self) { try SearchAttributeRules.validateRemoval(["Mine"]) }
    }

    @Test func parsesTheFlagForm() {
        #expect(SearchAttributeRules.parse("OrderId=Keyword")! == ("OrderId", .keyword))
        #expect(SearchAttributeRules.parse("Tags=KeywordList")! == ("Tags", .keywordList))
        #expect(SearchAttributeRules.parse("Amount=double")! == ("Amount", .double))
        #expect(SearchAttributeRules.parse("NoType") == nil)
        #expect(SearchAttributeRules.parse("=Keyword") == nil)
        #expect(SearchAttributeRules.parse("X=Colour") == nil)
    }
}
