import Foundation
import TernAPI

/// ListSchedules and CountSchedules queries: Temporal's query language over a schedule's id, its
/// paused flag and its custom search attributes, evaluated on the stored schedules.
public enum ScheduleQuery {
    /// The system attributes a schedule query may name.
    public static let systemAttributes: [String: IndexedValueType] = [
        "ScheduleId": .keyword,
        "TemporalSchedulePaused": .bool,
    ]

    public static func parse(
        _ text: String, customAttributes: [String: IndexedValueType], now: Date
    ) throws(TernError) -> VisibilityQuery {
        let query = try VisibilityQuery.parse(
            text, customAttributes: customAttributes, now: now, systemAttributes: systemAttributes)
        if !query.orderBy.isEmpty || !query.groupBy.isEmpty {
            throw .invalidArgument("Schedule queries take no ORDER BY or GROUP BY.")
        }
        return query
    }

    /// A schedule as the query evaluator sees it; attributes whose type is unknown are left out.
    public static func record(
        scheduleID: String, paused: Bool, searchAttributes: Temporal_Api_Common_V1_SearchAttributes,
        types: [String: IndexedValueType]
    ) -> [String: [VisibilityQuery.Value]] {
        var record: [String: [VisibilityQuery.Value]] = [
            "ScheduleId": [.string(scheduleID)],
            "TemporalSchedulePaused": [.bool(paused)],
        ]
        for (name, payload) in searchAttributes.indexedFields {
            guard let type = types[name],
                  let values = SearchAttributeRules.indexedValues(name: name, payload: payload, type: type)
            else { continue }
            let converted = values.compactMap { value(of: $0, type: type) }
            if !converted.isEmpty { record[name] = converted }
        }
        return record
    }

    static func value(of indexed: IndexedValue, type: IndexedValueType) -> VisibilityQuery.Value? {
        switch type {
        case .bool: indexed.int.map { .bool($0 != 0) }
        case .datetime: indexed.int.map { .datetime($0) }
        case .int: indexed.int.map { .int($0) }
        case .double: indexed.double.map { .double($0) }
        default: indexed.text.map { .string($0) }
        }
    }
}
