import SwiftProtobuf
import TernAPI

/// A Temporal API message whose user payloads a ``PayloadVisitor`` can reach.
///
/// Conformances are generated for every message that can hold a payload
/// (Converters/Generated/PayloadVisitor.generated.swift, by scripts/generate-payload-visitor.py), so
/// a codec applied to a whole request, response, history event or command misses no field.
package protocol PayloadVisitable {
    /// Hands every run of payloads in this message (and the messages it holds) to `visitor`.
    mutating func visitPayloads(_ visitor: PayloadVisitor) async throws
}

/// Walks a message and replaces its payloads with what `transform` returns for them.
///
/// `transform` sees each `Payloads` message as one batch (it may return a different number, as a
/// codec that packs payloads does) and every other payload alone, as a batch of one it must answer
/// with exactly one. Search attributes are never visited: the server indexes them.
package struct PayloadVisitor: Sendable {
    package typealias Transform = @Sendable ([Api.Common.V1.Payload]) async throws -> [Api.Common.V1.Payload]

    /// Leaves `Header` payloads alone, as Temporal's other SDKs do unless told otherwise: headers
    /// carry context for interceptors (tracing, auth), which read them before any codec runs.
    package var skipHeaders: Bool
    private let transform: Transform

    package init(skipHeaders: Bool = true, transform: @escaping Transform) {
        self.skipHeaders = skipHeaders
        self.transform = transform
    }

    /// Visits `message` in place.
    package func visit<Message: PayloadVisitable>(_ message: inout Message) async throws {
        try await message.visitPayloads(self)
    }

    // MARK: Used by the generated conformances

    /// A run of payloads (`Payloads.payloads`): replaced as a whole.
    package func visit(payloads: inout [Api.Common.V1.Payload]) async throws {
        guard !payloads.isEmpty else { return }
        payloads = try await transform(payloads)
    }

    /// A single payload field.
    package func visit(payload: inout Api.Common.V1.Payload) async throws {
        let result = try await transform([payload])
        guard result.count == 1, let only = result.first else {
            throw PayloadConversionError("Payload visitor expected 1 payload back for a single payload field, got \(result.count)")
        }
        payload = only
    }

    /// A map of payloads (memo, header): each value alone, so keys keep their values.
    package func visit<Key: Hashable>(payloadMap: inout [Key: Api.Common.V1.Payload]) async throws {
        var result: [Key: Api.Common.V1.Payload] = [:]
        result.reserveCapacity(payloadMap.count)
        for (key, var payload) in payloadMap {
            try await visit(payload: &payload)
            result[key] = payload
        }
        payloadMap = result
    }

    /// A repeated message field.
    package func visit<Element: PayloadVisitable>(messages: inout [Element]) async throws {
        for index in messages.indices {
            try await messages[index].visitPayloads(self)
        }
    }

    /// A map whose values are messages.
    package func visit<Key: Hashable, Value: PayloadVisitable>(messageMap: inout [Key: Value]) async throws {
        var result: [Key: Value] = [:]
        result.reserveCapacity(messageMap.count)
        for (key, var value) in messageMap {
            try await value.visitPayloads(self)
            result[key] = value
        }
        messageMap = result
    }

    /// An `Any` holding a `Body`: unpacked, visited, repacked under its original type URL.
    package func visit<Body: PayloadVisitable & SwiftProtobuf.Message>(
        packed any: inout Google_Protobuf_Any,
        as type: Body.Type
    ) async throws {
        var body: Body
        do {
            body = try Body(unpackingAny: any)
        } catch {
            // Leaving it packed could send a payload past the codec; fail instead.
            throw PayloadConversionError("Cannot unpack \(Body.protoMessageName) from \(any.typeURL) to visit its payloads: \(error)")
        }
        try await body.visitPayloads(self)
        let typeURL = any.typeURL
        any = try Google_Protobuf_Any(message: body)
        any.typeURL = typeURL
    }
}

extension PayloadCodec {
    /// Encodes every payload in `message` (search attributes never; headers only with
    /// `includingHeaders`).
    package func encode<Message: PayloadVisitable>(_ message: inout Message, includingHeaders: Bool = false) async throws {
        let visitor = PayloadVisitor(skipHeaders: !includingHeaders) { try await self.encode(payloads: $0) }
        try await visitor.visit(&message)
    }

    /// Decodes every payload in `message`, undoing ``encode(_:includingHeaders:)``.
    package func decode<Message: PayloadVisitable>(_ message: inout Message, includingHeaders: Bool = false) async throws {
        let visitor = PayloadVisitor(skipHeaders: !includingHeaders) { try await self.decode(payloads: $0) }
        try await visitor.visit(&message)
    }
}

extension DataConverter {
    /// Encodes every payload in `message` with the codec; does nothing without one.
    package func encode<Message: PayloadVisitable>(_ message: inout Message, includingHeaders: Bool = false) async throws {
        try await payloadCodec?.encode(&message, includingHeaders: includingHeaders)
    }

    /// Decodes every payload in `message` with the codec; does nothing without one.
    package func decode<Message: PayloadVisitable>(_ message: inout Message, includingHeaders: Bool = false) async throws {
        try await payloadCodec?.decode(&message, includingHeaders: includingHeaders)
    }
}
