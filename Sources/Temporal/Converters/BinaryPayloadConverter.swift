public import TernAPI
import struct Foundation.Data

/// Passes raw bytes (`[UInt8]` or `Data`) through unchanged, with encoding `binary/plain`.
public struct BinaryPayloadConverter: EncodingPayloadConverter {
    public static let encoding = Encodings.binaryPlain

    /// Creates the converter.
    public init() {}

    public func convertValue(_ value: some Any) throws -> Api.Common.V1.Payload {
        // Check the exact types: a dynamic cast of an empty array of another element type to
        // `[UInt8]` would succeed and misclassify, for example, `[String]()`.
        if let bytes = Self.bytes(of: value) {
            return makePayload(data: bytes)
        }
        throw PayloadConversionError.cannotEncode(value, with: "BinaryPayloadConverter")
    }

    public func convertPayload<Value>(
        _ payload: Api.Common.V1.Payload,
        as valueType: Value.Type
    ) throws -> Value {
        if valueType == [UInt8].self || valueType == [UInt8]?.self,
            let value = [UInt8](payload.data) as? Value
        {
            return value
        }
        if valueType == Data.self || valueType == Data?.self, let value = payload.data as? Value {
            return value
        }
        throw PayloadConversionError.cannotDecode(valueType, with: "BinaryPayloadConverter")
    }

    /// The bytes held by `value` when its dynamic type (after unwrapping optionals) is exactly
    /// `Data` or `[UInt8]`.
    private static func bytes(of value: Any) -> Data? {
        guard let unwrapped = unwrapOptionals(value) else { return nil }
        if type(of: unwrapped) == Data.self, let data = unwrapped as? Data {
            return data
        }
        if type(of: unwrapped) == [UInt8].self, let array = unwrapped as? [UInt8] {
            return Data(array)
        }
        return nil
    }
}
