import Foundation
import Testing
@testable import TernConfig

/// docs/configuration.md and config/tern.example.yaml cover every key the parser knows.
@Suite("Configuration docs")
struct DocumentationTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyKeyIsDocumentedWithItsFlagAndVariable() throws {
        let docs = try String(contentsOf: Self.repository.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        for key in ConfigKey.allCases {
            #expect(docs.contains("`\(key.rawValue)`"), "docs/configuration.md does not document \(key.rawValue)")
            #expect(docs.contains("`\(key.environmentVariable)`"), "docs/configuration.md does not name \(key.environmentVariable)")
            #expect(docs.contains("`\(key.flag)"), "docs/configuration.md does not name \(key.flag)")
        }
    }

    @Test func exampleFileParsesAndSetsEveryKey() throws {
        let path = Self.repository.appendingPathComponent("config/tern.example.yaml").path
        let layer = try ConfigFile.load(path: path)
        #expect(Set(layer.values.keys) == Set(ConfigKey.allCases))
        let settings = try TernSettings.resolve([layer])
        #expect(settings.db == .sqlite(path: "/var/lib/tern/tern.db"))
        #expect(settings.namespaces == ["default", "orders", "billing"])
        #expect(settings.dynamicConfig.ignored.isEmpty)
    }
}
