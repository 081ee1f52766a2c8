import Foundation
import TernAPI

/// One value of a search attribute as the visibility store indexes it: integers, booleans (0/1)
/// and datetimes (microseconds since 1970) in `int`, doubles in `double`, keywords and text in
/// `text`. A KeywordList has one value per element.
public struct IndexedValue: Sendable, Equatable {
    public var name: String
    public var int: Int64?
    public var double: Double?
    public var text: String?

    public init(name: String, int: Int64? = nil, double: Double? = nil, text: String? = nil) {
        self.name = name
        self.int = int
        self.double = double
        self.text = text
    }
}

extension SearchAttributeRules {
    /// The indexed values of `payload` (JSON, as the SDKs encode search attributes), or nil when
    /// it does not hold a value of `type`. An empty or `null` payload unsets the attribute: [].
    public static func indexedValues(
        name: String, payload: Temporal_Api_Common_V1_Payload, type: IndexedValueType
    ) -> [IndexedValue]? {
        let data = payload.data
        let trimmed = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed == "null" { return [] }
        if type != .keywordList, trimmed.hasPrefix("[") {
            // Temporal accepts a list of values for any type (each element checked on its own).
            guard let list = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [Any]
            else { return nil }
            var values: [IndexedValue] = []
            for element in list {
                guard let encoded = try? JSONSerialization.data(withJSONObject: element, options: [.fragmentsAllowed]),
                      let value = indexedValues(name: name, payload: .with { $0.data = encoded }, type: type),
                      !value.isEmpty
                else { return nil }
                values += value
            }
            return values
        }
        let decoder = JSONDecoder()
        switch type {
        case .keyword, .text:
            guard let s = try? decoder.decode(String.self, from: data) else { return nil }
            return [IndexedValue(name: name, text: s)]
        case .keywordList:
            if let s = try? decoder.decode(String.self, from: data) { return [IndexedValue(name: name, text: s)] }
            guard let list = try? decoder.decode([String].self, from: data) else { return nil }
            return list.map { IndexedValue(name: name, text: $0) }
        case .int:
            guard let n = Int64(trimmed) ?? (try? decoder.decode(Double.self, from: data)).flatMap({ Int64(exactly: $0) })
            else { return nil }
            return [IndexedValue(name: name, int: n)]
        case .double:
            guard trimmed != "true", trimmed != "false", let n = try? decoder.decode(Double.self, from: data) else { return nil }
            return [IndexedValue(name: name, double: n)]
        case .bool:
            guard let b = try? decoder.decode(Bool.self, from: data) else { return nil }
            return [IndexedValue(name: name, int: b ? 1 : 0)]
        case .datetime:
            guard let s = try? decoder.decode(String.self, from: data), let date = parseDatetime(s) else { return nil }
            return [IndexedValue(name: name, int: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))]
        default:
            return nil
        }
    }

    /// All indexed values of a run's search attributes; attributes whose type is unknown are skipped.
    public static func index(
        _ attributes: Temporal_Api_Common_V1_SearchAttributes, types: [String: IndexedValueType]
    ) -> [IndexedValue] {
        attributes.indexedFields.sorted { $0.key < $1.key }.flatMap { name, payload -> [IndexedValue] in
            guard let type = types[name] ?? system[name] else { return [] }
            return indexedValues(name: name, payload: payload, type: type) ?? []
        }
    }

    /// Checks every value's type, as Temporal does on start and on upsert.
    public static func validateValues(
        _ attributes: Temporal_Api_Common_V1_SearchAttributes, types: [String: IndexedValueType]
    ) throws(TernError) {
        for (name, payload) in attributes.indexedFields.sorted(by: { $0.key < $1.key }) {
            guard let type = types[name] ?? system[name] else { continue }
            if indexedValues(name: name, payload: payload, type: type) == nil {
                throw .invalidArgument("invalid value for search attribute \(name) of type \(typeName(type)): \(String(decoding: payload.data.prefix(100), as: UTF8.self))")
            }
        }
    }

    /// A search attribute value as the SDKs write it: JSON, with its type named.
    public static func payload(json: String, type: IndexedValueType) -> Temporal_Api_Common_V1_Payload {
        .with {
            $0.metadata["encoding"] = Data("json/plain".utf8)
            $0.metadata["type"] = Data(typeName(type).utf8)
            $0.data = Data(json.utf8)
        }
    }

    public static func typeName(_ type: IndexedValueType) -> String {
        switch type {
        case .text: "Text"
        case .keyword: "Keyword"
        case .int: "Int"
        case .double: "Double"
        case .bool: "Bool"
        case .datetime: "Datetime"
        case .keywordList: "KeywordList"
        default: "Unspecified"
        }
    }

    /// RFC 3339, with or without fractional seconds (the SDKs send up to nanoseconds; the
    /// formatter alone keeps only milliseconds, so the fraction is parsed here).
    public static func parseDatetime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let dot = text.firstIndex(of: ".") else { return formatter.date(from: text) }
        let digits = text[text.index(after: dot)...].prefix { $0.isNumber }
        guard !digits.isEmpty, let fraction = Double("0." + digits),
              let base = formatter.date(from: String(text[..<dot]) + String(text[digits.endIndex...]))
        else { return nil }
        return base.addingTimeInterval(fraction)
    }
}
