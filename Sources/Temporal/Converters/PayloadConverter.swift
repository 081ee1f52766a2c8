public import TernAPI

/// Turns Swift values into Temporal payloads and back, without any codec step.
///
/// A converter reports a value it cannot represent by throwing; composite converters rely on
/// that to fall through to the next candidate.
public protocol PayloadConverter: Sendable {
    /// Encodes `value` as a payload.
    ///
    /// The parameter is unconstrained so that converters can recognise optionals, byte buffers,
    /// protobuf messages and `Codable` values at run time.
    func convertValue(_ value: some Any) throws -> Api.Common.V1.Payload

    /// Decodes `payload` into a value of `valueType`.
    func convertPayload<Value>(
        _ payload: Api.Common.V1.Payload,
        as valueType: Value.Type
    ) throws -> Value
}

extension PayloadConverter {
    /// Converts every element of a parameter pack, one payload per element; `Void` elements become
    /// an empty payload.
    package func convertValues<each Value>(
        _ values: repeat (each Value)
    ) throws -> [Api.Common.V1.Payload] {
        var payloads: [Api.Common.V1.Payload] = []
        for value in repeat each values {
            payloads.append(try self.convertValueHandlingVoid(value))
        }
        return payloads
    }

    /// Like ``convertValue(_:)``, but a `Void` value becomes an empty payload instead of an error.
    package func convertValueHandlingVoid<Value>(
        _ value: Value
    ) throws -> Api.Common.V1.Payload {
        if Value.self == Void.self {
            return Api.Common.V1.Payload()
        }
        return try self.convertValue(value)
    }

    /// Decodes one payload per element type of the pack; the counts must match.
    package func convertPayloads<each Value>(
        _ payloads: [Api.Common.V1.Payload],
        as valueTypes: repeat (each Value).Type
    ) throws -> (repeat each Value) {
        let expected = PackCount.count(repeat (each Value).self)
        guard expected == payloads.count else {
            throw ArgumentError(
                message: "Mismatched number of values and payloads: expected \(expected), got \(payloads.count)"
            )
        }
        var iterator = payloads.makeIterator()
        return (repeat try self.convertPayloadHandlingVoid(
            iterator.next() ?? Api.Common.V1.Payload(),
            as: (each Value).self
        ))
    }

    /// Like ``convertPayload(_:as:)``, but `Void` is produced without looking at the payload.
    package func convertPayloadHandlingVoid<Value>(
        _ payload: Api.Common.V1.Payload,
        as valueType: Value.Type = Value.self
    ) throws -> Value {
        if let void = VoidValue.make(Value.self) {
            return void
        }
        return try self.convertPayload(payload, as: valueType)
    }
}
