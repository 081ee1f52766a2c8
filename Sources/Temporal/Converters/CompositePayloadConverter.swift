public import TernAPI
import struct Foundation.Data

/// Combines encoding converters: a value goes to the first one that accepts it, and a payload
/// goes to the one whose ``EncodingPayloadConverter/encoding`` matches its `encoding` metadata.
///
/// ``TemporalRawValue`` passes through in both directions untouched.
public struct CompositePayloadConverter<each Converter: EncodingPayloadConverter>: PayloadConverter {
    private let converters: (repeat each Converter)

    /// Creates a composite of `converter`, tried in the given order when encoding.
    public init(_ converter: repeat each Converter) {
        self.converters = (repeat each converter)
    }

    public func convertValue(_ value: some Any) throws -> Api.Common.V1.Payload {
        if let raw = value as? TemporalRawValue {
            return raw.payload
        }
        var failures: [String] = []
        for converter in repeat each converters {
            do {
                return try converter.convertValue(value)
            } catch {
                failures.append("\(type(of: converter).encoding): \(error)")
            }
        }
        throw PayloadConversionError(
            "No payload converter accepts a value of type \(type(of: value)) (\(failures.joined(separator: "; ")))"
        )
    }

    public func convertPayload<Value>(
        _ payload: Api.Common.V1.Payload,
        as valueType: Value.Type
    ) throws -> Value {
        if valueType == TemporalRawValue.self, let raw = TemporalRawValue(payload) as? Value {
            return raw
        }
        guard let encodingData = payload.metadata[Encodings.encodingKey] else {
            throw PayloadConversionError("Payload has no \"\(Encodings.encodingKey)\" metadata")
        }
        for converter in repeat each converters {
            if Data(type(of: converter).encoding.utf8) == encodingData {
                return try converter.convertPayload(payload, as: valueType)
            }
        }
        throw PayloadConversionError(
            "No payload converter for encoding \"\(String(decoding: encodingData, as: UTF8.self))\""
        )
    }
}
