import Foundation
import TernAPI
import Testing
@testable import TernCore

@Suite("VisibilityQuery: evaluation in memory")
struct QueryEvaluationTests {
    let fields: [String: IndexedValueType] = ["Name": .keyword, "Size": .int, "Seen": .datetime]

    func matches(_ query: String, _ record: [String: VisibilityQuery.Value]) throws -> Bool {
        let parsed = try VisibilityQuery.parse(query, customAttributes: [:], now: Date(), systemAttributes: fields)
        return parsed.filter?.matches(record) ?? true
    }

    @Test func everyOperatorSelectsWhatItShould() throws {
        let record: [String: VisibilityQuery.Value] = ["Name": .string("worker-7"), "Size": .int(7)]
        #expect(try matches("Name = 'worker-7'", record))
        #expect(try !matches("Name != 'worker-7'", record))
        #expect(try matches("Size > 6 AND Size <= 7", record))
        #expect(try !matches("Size < 7 OR Size >= 8", record))
        #expect(try matches("Name IN ('a', 'worker-7')", record))
        #expect(try matches("Size BETWEEN 1 AND 7", record))
        #expect(try matches("Name STARTS_WITH 'work' AND Name CONTAINS '-7'", record))
        #expect(try matches("NOT (Name = 'other')", record))
        #expect(try matches("Seen IS NULL", record))
        #expect(try !matches("Seen > '2020-01-01T00:00:00Z'", record))  // NULL compares false
        #expect(try matches("", record))
    }

    @Test func fieldsOutsideTheListAreRefused() {
        #expect(throws: TernError.self) { try matches("WorkflowId = 'x'", [:]) }
    }
}
