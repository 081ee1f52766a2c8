import Foundation
import Testing
@testable import TernCore

@Suite("VisibilityQuery")
struct VisibilityQueryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let custom: [String: IndexedValueType] = ["Amount": .int, "Notes": .text, "Vip": .bool, "Due At": .datetime]

    func parse(_ text: String) throws -> VisibilityQuery {
        try VisibilityQuery.parse(text, customAttributes: custom, now: now)
    }

    func message(_ text: String) -> String {
        do {
            _ = try parse(text)
            return ""
        } catch {
            return (error as? TernError)?.message ?? "\(error)"
        }
    }

    func attribute(_ name: String) -> VisibilityQuery.Attribute {
        let system = SearchAttributeRules.system[name]
        return .init(name: name, type: system ?? custom[name] ?? .unspecified, isSystem: system != nil)
    }

    @Test func notBindsTighterThanAndWhichBindsTighterThanOr() throws {
        let q = try parse("NOT Vip = true AND Amount > 1 OR WorkflowId = 'a'")
        #expect(q.filter == .or(
            .and(.not(.compare(attribute("Vip"), .equal, .bool(true))), .compare(attribute("Amount"), .greater, .int(1))),
            .compare(attribute("WorkflowId"), .equal, .string("a"))))
    }

    @Test func literalsAreTypedByTheirAttribute() throws {
        #expect(try parse("ExecutionStatus = 'completed'").filter == .compare(attribute("ExecutionStatus"), .equal, .int(2)))
        #expect(try parse("`Due At` > now() - 1h").filter == .compare(attribute("Due At"), .greater, .datetime(1_799_996_400_000_000)))
        #expect(try parse("StartTime < \"2027-01-15T08:00:00Z\"").filter == .compare(attribute("StartTime"), .less, .datetime(1_800_000_000_000_000)))
        #expect(try parse("Amount IN (1, -2)").filter == .in(attribute("Amount"), [.int(1), .int(-2)], negated: false))
        #expect(try parse("ExecutionDuration > '1m30s'").filter == .compare(attribute("ExecutionDuration"), .greater, .int(90_000_000)))
        #expect(try parse("WorkflowId = 'it\\'s'").filter == .compare(attribute("WorkflowId"), .equal, .string("it's")))
        #expect(try parse("WorkflowId = 'O''Brien'").filter == .compare(attribute("WorkflowId"), .equal, .string("O'Brien")))
    }

    @Test func orderAndGroupClauses() throws {
        let ordered = try parse("WorkflowType = 'x' ORDER BY StartTime DESC, Amount")
        #expect(ordered.orderBy == [.init(attribute: attribute("StartTime"), descending: true), .init(attribute: attribute("Amount"), descending: false)])
        #expect(try parse("GROUP BY ExecutionStatus").groupBy == ["ExecutionStatus"])
        #expect(try parse("").filter == nil)
    }

    @Test(arguments: [
        ("Foo = 'x'", #"invalid query: unknown search attribute "Foo" at column 1"#),
        ("WorkflowId = 'a' AND Bar = 1", #"invalid query: unknown search attribute "Bar" at column 22"#),
        ("Amount = 'ten'", "invalid query: invalid value type for search attribute Amount of type Int: 'ten' at column 10"),
        ("Vip = 'true'", "invalid query: invalid value type for search attribute Vip of type Bool: 'true' at column 7"),
        ("Notes STARTS_WITH 'a'", "invalid query: operator 'STARTS_WITH' not supported for Text type search attribute 'Notes' at column 7"),
        ("ExecutionStatus = 'Sleeping'", "invalid query: invalid ExecutionStatus value 'Sleeping' at column 19"),
        ("StartTime > 'yesterday'", "invalid query: unable to parse datetime 'yesterday' at column 13"),
        ("WorkflowId = ", #"invalid query: malformed query: expected a value, found "end of query" at column 14"#),
        ("WorkflowId == 'x'", #"invalid query: malformed query: expected a value, found "=" at column 13"#),
        ("(WorkflowId = 'x'", #"invalid query: malformed query: expected ")", found "end of query" at column 18"#),
        ("WorkflowId = 'x", "invalid query: malformed query: unterminated string at column 14"),
        ("GROUP BY WorkflowType", "invalid query: 'GROUP BY' clause is not supported for search attribute WorkflowType at column 10"),
    ])
    func errorsNameTheTokenAndItsColumn(query: String, expected: String) {
        #expect(message(query) == expected)
    }
}
