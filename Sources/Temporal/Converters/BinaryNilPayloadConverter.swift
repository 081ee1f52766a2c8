public import TernAPI

/// Encodes `nil` as an empty payload with encoding `binary/null`, and decodes such a payload into
/// `nil` of any optional type.
public struct BinaryNilPayloadConverter: EncodingPayloadConverter {
    public static let encoding = Encodings.binaryNil

    /// Creates the converter.
    public init() {}

    public func convertValue(_ value: some Any) throws -> Api.Common.V1.Payload {
        guard let optional = value as? any OptionalPayloadValue, optional.isNilAtAnyDepth else {
            throw PayloadConversionError.cannotEncode(value, with: "BinaryNilPayloadConverter")
        }
        return makePayload(data: [])
    }

    public func convertPayload<Value>(
        _ payload: Api.Common.V1.Payload,
        as valueType: Value.Type
    ) throws -> Value {
        guard payload.data.isEmpty,
            let optionalType = valueType as? any OptionalPayloadValue.Type,
            let value = optionalType.nilValue as? Value
        else {
            throw PayloadConversionError.cannotDecode(valueType, with: "BinaryNilPayloadConverter")
        }
        return value
    }
}
