public import TernAPI
import SwiftProtobuf
import struct Foundation.Data

/// Encodes protobuf messages in the binary wire format with encoding `binary/protobuf` and
/// metadata `messageType` set to the message's full name.
///
/// ``DefaultPayloadConverter`` lists it after ``JSONProtobufPayloadConverter``, so it never
/// encodes there, but it still decodes binary payloads that other SDKs send.
public struct BinaryProtobufPayloadConverter: EncodingPayloadConverter {
    public static let encoding = Encodings.binaryProtobuf

    /// Creates the converter.
    public init() {}

    public func convertValue(_ value: some Any) throws -> Api.Common.V1.Payload {
        guard let message = unwrapOptionals(value) as? any Message else {
            throw PayloadConversionError.cannotEncode(value, with: "BinaryProtobufPayloadConverter")
        }
        let bytes: [UInt8] = try message.serializedBytes()
        return makePayload(
            data: bytes,
            extraMetadata: [Encodings.messageTypeKey: Data(type(of: message).protoMessageName.utf8)]
        )
    }

    public func convertPayload<Value>(
        _ payload: Api.Common.V1.Payload,
        as valueType: Value.Type
    ) throws -> Value {
        guard let messageType = ProtobufMessageType.resolve(valueType) else {
            throw PayloadConversionError.cannotDecode(valueType, with: "BinaryProtobufPayloadConverter")
        }
        let message = try messageType.init(serializedBytes: payload.data)
        guard let value = ProtobufMessageType.cast(message, to: valueType) else {
            throw PayloadConversionError.cannotDecode(valueType, with: "BinaryProtobufPayloadConverter")
        }
        return value
    }
}
