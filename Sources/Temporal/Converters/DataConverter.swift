public import TernAPI

/// Everything the SDK uses to turn values and errors into payloads and failures: a payload
/// converter, a failure converter and an optional payload codec applied after them.
public struct DataConverter: Sendable {
    /// The converter every Temporal SDK uses unless told otherwise: ``DefaultPayloadConverter``,
    /// ``DefaultFailureConverter`` and no codec.
    public static let `default` = DataConverter(
        payloadConverter: DefaultPayloadConverter(),
        failureConverter: DefaultFailureConverter()
    )

    /// Converts values to and from payloads.
    public let payloadConverter: any PayloadConverter
    /// Converts errors to and from failures.
    public let failureConverter: any FailureConverter
    /// Applied to every payload after conversion and before decoding, if set.
    public let payloadCodec: (any PayloadCodec)?

    /// Creates a data converter.
    ///
    /// - Parameters:
    ///   - payloadConverter: Converts values to and from payloads.
    ///   - failureConverter: Converts errors to and from failures.
    ///   - payloadCodec: Applied to every payload after conversion; `nil` for none.
    public init(
        payloadConverter: any PayloadConverter,
        failureConverter: any FailureConverter,
        payloadCodec: (any PayloadCodec)? = nil
    ) {
        self.payloadConverter = payloadConverter
        self.failureConverter = failureConverter
        self.payloadCodec = payloadCodec
    }

    /// Converts each value of the pack into one payload (then through the codec).
    public func convertValues<each Value>(
        _ values: repeat (each Value)?
    ) async throws -> [Api.Common.V1.Payload] {
        var payloads: [Api.Common.V1.Payload] = []
        for value in repeat each values {
            payloads.append(try await self.convertValue(value))
        }
        return payloads
    }

    /// Converts one value into a payload (then through the codec). `Void` becomes an empty payload
    /// that bypasses both.
    public func convertValue<Value>(
        _ value: Value?
    ) async throws -> Api.Common.V1.Payload {
        if VoidValue.isVoid(Value.self) {
            return Api.Common.V1.Payload()
        }
        let payload = try self.payloadConverter.convertValue(value)
        guard let payloadCodec else { return payload }
        return try await payloadCodec.encode(payload: payload)
    }

    /// Decodes one payload per type of the pack; the counts must match.
    public func convertPayloads<each Value>(
        _ payloads: [Api.Common.V1.Payload],
        as valueTypes: repeat (each Value).Type
    ) async throws -> (repeat each Value) {
        let expected = PackCount.count(repeat (each Value).self)
        guard expected == payloads.count else {
            throw ArgumentError(
                message: "Mismatched number of values and payloads: expected \(expected), got \(payloads.count)"
            )
        }
        var iterator = payloads.makeIterator()
        return (repeat try await self.convertPayload(
            iterator.next() ?? Api.Common.V1.Payload(),
            as: (each Value).self
        ))
    }

    /// Decodes one payload (through the codec first). Asking for `Void` ignores the payload.
    public func convertPayload<Value>(
        _ payload: Api.Common.V1.Payload,
        as valueType: Value.Type = Value.self
    ) async throws -> Value {
        if let void = VoidValue.make(Value.self) {
            return void
        }
        var payload = payload
        if let payloadCodec {
            payload = try await payloadCodec.decode(payload: payload)
        }
        return try self.payloadConverter.convertPayload(payload, as: valueType)
    }

    /// Converts `error` into a failure and encodes its payloads with the codec.
    ///
    /// This never throws: if the codec fails, the result is a plain failure saying so.
    public func convertError(_ error: any Error) async -> Api.Failure.V1.Failure {
        let failure = self.failureConverter.convertError(error, payloadConverter: self.payloadConverter)
        guard let payloadCodec else { return failure }
        do {
            return try await payloadCodec.encode(failure: failure)
        } catch {
            var replacement = Api.Failure.V1.Failure()
            replacement.message = "Failed to encode failure"
            replacement.source = DefaultFailureConverter.source
            return replacement
        }
    }

    /// Decodes a failure's payloads with the codec and converts it into a Swift error.
    ///
    /// This never throws: if the codec fails, the result is a ``BasicTemporalFailureError`` saying so.
    public func convertFailure(_ temporalFailure: Api.Failure.V1.Failure) async -> any Error {
        var failure = temporalFailure
        if let payloadCodec {
            do {
                failure = try await payloadCodec.decode(failure: failure)
            } catch {
                return BasicTemporalFailureError(message: "Failed to decode failure", stackTrace: "")
            }
        }
        return self.failureConverter.convertFailure(failure, payloadConverter: self.payloadConverter)
    }
}
