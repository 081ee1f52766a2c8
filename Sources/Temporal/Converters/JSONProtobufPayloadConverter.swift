public import TernAPI
import SwiftProtobuf
import struct Foundation.Data

/// Encodes protobuf messages as proto3 JSON with encoding `json/protobuf` and metadata
/// `messageType` set to the message's full name.
///
/// The JSON matches what the Python SDK writes: lowerCamelCase field names, enum values by name,
/// 64-bit integers as strings, default values omitted, no whitespace and object keys sorted.
public struct JSONProtobufPayloadConverter: EncodingPayloadConverter {
    public static let encoding = Encodings.jsonProtobuf

    /// Creates the converter.
    public init() {}

    public func convertValue(_ value: some Any) throws -> Api.Common.V1.Payload {
        guard let message = unwrapOptionals(value) as? any Message else {
            throw PayloadConversionError.cannotEncode(value, with: "JSONProtobufPayloadConverter")
        }
        let json: [UInt8] = try message.jsonUTF8Bytes()
        return makePayload(
            data: CanonicalJSON.sortingKeys(json),
            extraMetadata: [Encodings.messageTypeKey: Data(type(of: message).protoMessageName.utf8)]
        )
    }

    public func convertPayload<Value>(
        _ payload: Api.Common.V1.Payload,
        as valueType: Value.Type
    ) throws -> Value {
        guard let messageType = ProtobufMessageType.resolve(valueType) else {
            throw PayloadConversionError.cannotDecode(valueType, with: "JSONProtobufPayloadConverter")
        }
        var options = JSONDecodingOptions()
        options.ignoreUnknownFields = true
        let message = try messageType.init(jsonUTF8Bytes: payload.data, options: options)
        guard let value = ProtobufMessageType.cast(message, to: valueType) else {
            throw PayloadConversionError.cannotDecode(valueType, with: "JSONProtobufPayloadConverter")
        }
        return value
    }
}
