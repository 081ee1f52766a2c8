import TernAPI

/// Conversions the client and worker use for argument lists, results, headers and memos.
///
/// Unlike the public single-value API, these treat `Void` as *no payload*, which is how every
/// Temporal SDK sends "no arguments" and "no result", and they batch codec calls.
extension DataConverter {
    /// The payload list for one argument or result: empty for `Void`, otherwise one payload.
    package func convertValueToPayloads<Value>(_ value: Value) async throws -> [Api.Common.V1.Payload] {
        if VoidValue.isVoid(Value.self) {
            return []
        }
        return try await encode([try payloadConverter.convertValue(value)])
    }

    /// The payload list for several arguments: one payload per element, skipping `Void` elements.
    package func convertValuesToPayloads<each Value>(
        _ values: repeat each Value
    ) async throws -> [Api.Common.V1.Payload] {
        var payloads: [Api.Common.V1.Payload] = []
        for value in repeat each values {
            if let payload = try payloadConverter.convertValueSkippingVoid(value) {
                payloads.append(payload)
            }
        }
        return try await encode(payloads)
    }

    /// Reads one argument or result from a payload list.
    ///
    /// `Void` ignores the list; an empty list reads as `nil` for an optional type; otherwise the
    /// first payload is decoded and any further ones are ignored.
    package func convertPayloadsToValue<Value>(
        _ payloads: [Api.Common.V1.Payload],
        as valueType: Value.Type = Value.self
    ) async throws -> Value {
        if let void = VoidValue.make(Value.self) {
            return void
        }
        let decoded = try await decode(Array(payloads.prefix(1)))
        guard let payload = decoded.first else {
            return try Self.missingValue(Value.self, position: 0)
        }
        return try payloadConverter.convertPayload(payload, as: valueType)
    }

    /// Reads several arguments from a payload list: each non-`Void` type takes the next payload;
    /// missing trailing payloads read as `nil` for optional types. Extra payloads are ignored.
    package func convertPayloadsToValues<each Value>(
        _ payloads: [Api.Common.V1.Payload],
        as valueTypes: repeat (each Value).Type
    ) async throws -> (repeat each Value) {
        let decoded = try await decode(payloads)
        var cursor = PayloadCursor(payloads: decoded)
        return (repeat try cursor.next(as: (each Value).self, using: payloadConverter))
    }

    /// The header holding `fields`. Headers skip the codec, as in Temporal's other SDKs by default:
    /// they carry context for interceptors on both sides (a tracing header from a Python client
    /// must read the same in a Swift worker), never user data.
    package func encodeHeader(_ fields: [String: Api.Common.V1.Payload]) async throws -> Api.Common.V1.Header {
        .with { $0.fields = fields }
    }

    /// The fields of `header` (not passed through the codec, see ``encodeHeader(_:)``).
    package func decodeHeader(_ header: Api.Common.V1.Header) async throws -> [String: Api.Common.V1.Payload] {
        header.fields
    }

    /// Converts memo values (any convertible value, or ``TemporalRawValue``) and encodes them.
    package func convertMemo(_ memo: [String: any Sendable]) async throws -> Api.Common.V1.Memo {
        var result = Api.Common.V1.Memo()
        for (key, value) in memo {
            let payload: Api.Common.V1.Payload
            do {
                payload = try payloadConverter.convertValue(value)
            } catch {
                throw ArgumentError(message: "Failed to convert memo value for key \(key)", cause: error)
            }
            result.fields[key] = try await payloadCodec?.encode(payload: payload) ?? payload
        }
        return result
    }

    /// Encodes memo payloads that are already converted.
    package func encodeMemo(_ memo: [String: TemporalRawValue]) async throws -> Api.Common.V1.Memo {
        var result = Api.Common.V1.Memo()
        for (key, value) in memo {
            result.fields[key] = try await payloadCodec?.encode(payload: value.payload) ?? value.payload
        }
        return result
    }

    /// Decodes a memo with the codec, leaving each value for the caller to convert.
    package func decodeMemo(_ memo: Api.Common.V1.Memo) async throws -> [String: TemporalRawValue] {
        var result: [String: TemporalRawValue] = [:]
        for (key, payload) in memo.fields {
            result[key] = TemporalRawValue(try await payloadCodec?.decode(payload: payload) ?? payload)
        }
        return result
    }

    /// Runs `payloads` through the codec's encoder, if any.
    package func encode(_ payloads: [Api.Common.V1.Payload]) async throws -> [Api.Common.V1.Payload] {
        guard let payloadCodec, !payloads.isEmpty else { return payloads }
        return try await payloadCodec.encode(payloads: payloads)
    }

    /// Runs `payloads` through the codec's decoder, if any.
    package func decode(_ payloads: [Api.Common.V1.Payload]) async throws -> [Api.Common.V1.Payload] {
        guard let payloadCodec, !payloads.isEmpty else { return payloads }
        return try await payloadCodec.decode(payloads: payloads)
    }

    fileprivate static func missingValue<Value>(_ type: Value.Type, position: Int) throws -> Value {
        if let optionalType = type as? any OptionalPayloadValue.Type, let none = optionalType.nilValue as? Value {
            return none
        }
        throw ArgumentError(message: "Missing payload for argument \(position + 1) of type \(type)")
    }
}

extension PayloadConverter {
    /// The payload for `value`, or `nil` when `value` is `Void`.
    fileprivate func convertValueSkippingVoid<Value>(_ value: Value) throws -> Api.Common.V1.Payload? {
        if VoidValue.isVoid(Value.self) {
            return nil
        }
        return try convertValue(value)
    }
}

/// Hands out decoded payloads one argument at a time.
private struct PayloadCursor {
    let payloads: [Api.Common.V1.Payload]
    var position = 0

    init(payloads: [Api.Common.V1.Payload]) {
        self.payloads = payloads
    }

    mutating func next<Value>(as type: Value.Type, using converter: any PayloadConverter) throws -> Value {
        if let void = VoidValue.make(Value.self) {
            return void
        }
        defer { position += 1 }
        guard position < payloads.count else {
            return try DataConverter.missingValue(type, position: position)
        }
        return try converter.convertPayload(payloads[position], as: type)
    }
}
