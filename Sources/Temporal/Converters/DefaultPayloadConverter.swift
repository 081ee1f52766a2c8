public import TernAPI

/// The payload converter every Temporal SDK uses by default.
///
/// Encoding tries, in order: `binary/null` for `nil`, `binary/plain` for `[UInt8]` and `Data`,
/// `json/protobuf` for protobuf messages, and `json/plain` for `Encodable` values. Decoding also
/// understands `binary/protobuf`.
public struct DefaultPayloadConverter: PayloadConverter {
    private let composite = CompositePayloadConverter(
        BinaryNilPayloadConverter(),
        BinaryPayloadConverter(),
        JSONProtobufPayloadConverter(),
        BinaryProtobufPayloadConverter(),
        JSONPayloadConverter()
    )

    /// Creates the converter.
    public init() {}

    public func convertValue(_ value: some Any) throws -> Api.Common.V1.Payload {
        try composite.convertValue(value)
    }

    public func convertPayload<Value>(
        _ payload: Api.Common.V1.Payload,
        as valueType: Value.Type
    ) throws -> Value {
        try composite.convertPayload(payload, as: valueType)
    }
}
