public import TernAPI
public import Foundation

/// Encodes `Encodable` values as JSON with encoding `json/plain`, and decodes `Decodable` ones.
///
/// This is the converter that other Temporal SDKs (Python, Go, TypeScript, …) use for ordinary
/// values, so Codable types interoperate with them as long as their JSON shapes agree.
public struct JSONPayloadConverter: EncodingPayloadConverter {
    public static let encoding = Encodings.jsonPlain

    /// The encoder used when none is given: compact output with object keys sorted and `/` left
    /// unescaped (byte for byte what the Python SDK writes for the same ASCII data, and the same
    /// bytes on every run), dates as ISO 8601 strings.
    public static let defaultJSONEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// The decoder used when none is given: dates from ISO 8601 strings, with or without
    /// fractional seconds and with `Z` or a numeric offset (as Python's `isoformat()` writes them).
    public static let defaultJSONDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "Expected an ISO 8601 date, found \(text)"
                )
            }
            return date
        }
        return decoder
    }()

    private let jsonEncoder: JSONEncoder
    private let jsonDecoder: JSONDecoder

    /// Creates the converter.
    ///
    /// - Parameters:
    ///   - jsonEncoder: The encoder for outgoing values.
    ///   - jsonDecoder: The decoder for incoming payloads.
    public init(
        jsonEncoder: JSONEncoder = defaultJSONEncoder,
        jsonDecoder: JSONDecoder = defaultJSONDecoder
    ) {
        self.jsonEncoder = jsonEncoder
        self.jsonDecoder = jsonDecoder
    }

    public func convertValue(_ value: some Any) throws -> Api.Common.V1.Payload {
        guard let encodable = value as? any Encodable else {
            throw PayloadConversionError.cannotEncode(value, with: "JSONPayloadConverter")
        }
        return makePayload(data: try jsonEncoder.encode(encodable))
    }

    public func convertPayload<Value>(
        _ payload: Api.Common.V1.Payload,
        as valueType: Value.Type
    ) throws -> Value {
        guard let decodableType = valueType as? any Decodable.Type else {
            throw PayloadConversionError.cannotDecode(valueType, with: "JSONPayloadConverter")
        }
        guard let value = try jsonDecoder.decode(decodableType, from: payload.data) as? Value else {
            throw PayloadConversionError.cannotDecode(valueType, with: "JSONPayloadConverter")
        }
        return value
    }
}
