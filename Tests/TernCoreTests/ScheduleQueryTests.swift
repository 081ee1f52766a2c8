import Foundation
import TernAPI
import Testing
@testable import TernCore

@Suite("ScheduleQuery: ListSchedules queries on ids, pause and custom attributes")
struct ScheduleQueryTests {
    let types: [String: IndexedValueType] = ["Tier": .keyword, "Tags": .keywordList, "Rank": .int]

    func record(_ id: String, paused: Bool = false, _ fields: [String: String]) -> [String: [VisibilityQuery.Value]] {
        let attributes = Temporal_Api_Common_V1_SearchAttributes.with {
            for (name, json) in fields { $0.indexedFields[name] = .with { $0.data = Data(json.utf8) } }
        }
        return ScheduleQuery.record(scheduleID: id, paused: paused, searchAttributes: attributes, types: types)
    }

    func matches(_ query: String, _ record: [String: [VisibilityQuery.Value]]) throws -> Bool {
        try ScheduleQuery.parse(query, customAttributes: types, now: Date()).filter?.matches(record) ?? true
    }

    @Test func keywordListsMatchAnyElement() throws {
        let tagged = record("s1", ["Tier": "\"gold\"", "Tags": "[\"eu\",\"batch\"]", "Rank": "3"])
        #expect(try matches("Tags = 'batch' AND Tier = 'gold'", tagged))
        #expect(try matches("Tags IN ('us', 'eu')", tagged))
        #expect(try !matches("Tags != 'eu'", tagged))  // one element is equal
        #expect(try matches("Tags != 'us'", tagged))
        #expect(try matches("Rank BETWEEN 1 AND 3 AND ScheduleId STARTS_WITH 's'", tagged))
        let bare = record("s2", paused: true, [:])
        #expect(try matches("Tags IS NULL AND TemporalSchedulePaused = true", bare))
        #expect(try !matches("Tags = 'eu'", bare))
    }

    @Test func unknownAttributesAndOrderingAreRefused() {
        #expect(throws: TernError.self) { try ScheduleQuery.parse("Nope = 1", customAttributes: types, now: Date()) }
        #expect(throws: TernError.invalidArgument("Schedule queries take no ORDER BY or GROUP BY.")) {
            try ScheduleQuery.parse("ScheduleId = 'a' ORDER BY ScheduleId", customAttributes: types, now: Date())
        }
    }
}
