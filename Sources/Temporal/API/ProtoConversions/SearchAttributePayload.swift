import TernAPI
import Foundation

/// Encodes and decodes single search attribute values the way every Temporal SDK does: a
/// `json/plain` payload of the value, with metadata `type` naming the indexed type (`Keyword`,
/// `Int`, `Datetime`, …). An unset value is a `binary/null` payload.
package enum SearchAttributePayload {
    /// The metadata key holding the indexed type's name.
    package static let typeKey = "type"

    /// The payload for `value` of an attribute of type `type`.
    package static func encode(
        _ value: SearchAttributeCollection.StorageValue,
        type: Api.Enums.V1.IndexedValueType
    ) -> Api.Common.V1.Payload {
        var payload = Api.Common.V1.Payload()
        let json: String
        switch value {
        case .unset:
            payload.metadata[Encodings.encodingKey] = Data(Encodings.binaryNil.utf8)
            payload.metadata[typeKey] = Data(type.indexedValueTypeString.utf8)
            return payload
        case .bool(let bool):
            json = bool ? "true" : "false"
        case .int(let int):
            json = String(int)
        case .double(let double):
            json = double.isFinite ? "\(double)" : "null"
        case .date(let date):
            json = jsonString(ISO8601Timestamp.format(date))
        case .string(let string):
            json = jsonString(string)
        case .stringArray(let strings):
            json = "[" + strings.map(jsonString).joined(separator: ",") + "]"
        }
        payload.data = Data(json.utf8)
        payload.metadata[Encodings.encodingKey] = Data(Encodings.jsonPlain.utf8)
        payload.metadata[typeKey] = Data(type.indexedValueTypeString.utf8)
        return payload
    }

    /// The value and indexed type a payload holds, or `nil` for a null payload (an unset value,
    /// which old servers may also report for absent attributes).
    ///
    /// When the payload has no `type` metadata, the type is inferred from the JSON value.
    package static func decode(
        _ payload: Api.Common.V1.Payload
    ) throws -> (value: SearchAttributeCollection.StorageValue, type: Api.Enums.V1.IndexedValueType)? {
        let encoding = payload.metadata[Encodings.encodingKey].map { String(decoding: $0, as: UTF8.self) }
        if encoding == Encodings.binaryNil || payload.data.isEmpty {
            return nil
        }
        guard encoding == nil || encoding == Encodings.jsonPlain else {
            throw TemporalSDKError("Search attribute payload has unsupported encoding \(encoding ?? "")")
        }
        let json = try JSONDecoder().decode(JSONValue.self, from: payload.data)
        if case .null = json {
            return nil
        }

        let typeName = payload.metadata[typeKey].map { String(decoding: $0, as: UTF8.self) } ?? ""
        let type = Api.Enums.V1.IndexedValueType(indexedValueTypeString: typeName) ?? .unspecified
        switch (type, json) {
        case (.bool, .bool(let bool)):
            return (.bool(bool), type)
        case (.int, .int(let int)):
            return (.int(int), type)
        case (.int, .string(let text)):
            guard let int = Int(text) else { break }
            return (.int(int), type)
        case (.double, .int(let int)):
            return (.double(Double(int)), type)
        case (.double, .double(let double)):
            return (.double(double), type)
        case (.keyword, .string(let string)), (.text, .string(let string)):
            return (.string(string), type)
        case (.datetime, .string(let text)):
            guard let date = ISO8601Timestamp.parse(text) else { break }
            return (.date(date), type)
        case (.keywordList, .strings(let strings)):
            return (.stringArray(strings), type)
        case (.keywordList, .string(let string)):
            return (.stringArray([string]), type)
        case (.unspecified, .bool(let bool)):
            return (.bool(bool), .bool)
        case (.unspecified, .int(let int)):
            return (.int(int), .int)
        case (.unspecified, .double(let double)):
            return (.double(double), .double)
        case (.unspecified, .string(let string)):
            return (.string(string), .keyword)
        case (.unspecified, .strings(let strings)):
            return (.stringArray(strings), .keywordList)
        default:
            break
        }
        throw TemporalSDKError(
            "Search attribute value \(String(decoding: payload.data, as: UTF8.self)) does not fit type \(typeName)"
        )
    }

    /// The JSON shapes a search attribute value can take.
    private enum JSONValue: Decodable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case strings([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
            } else if let int = try? container.decode(Int.self) {
                self = .int(int)
            } else if let double = try? container.decode(Double.self) {
                self = .double(double)
            } else if let string = try? container.decode(String.self) {
                self = .string(string)
            } else {
                self = .strings(try container.decode([String].self))
            }
        }
    }

    private static func jsonString(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
