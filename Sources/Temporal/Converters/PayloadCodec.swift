public import TernAPI

/// Transforms payloads after conversion and before they leave the process (and back on the way
/// in), for example to encrypt or compress them.
///
/// The server never sees the decoded form, so search attributes are not passed through a codec.
public protocol PayloadCodec: Sendable {
    /// Encodes `payloads`. The result may hold fewer payloads than the input (at least one), for
    /// example when a codec packs several into one.
    func encode(payloads: some Collection<Api.Common.V1.Payload>) async throws -> [Api.Common.V1.Payload]

    /// Decodes `payloads`, undoing ``encode(payloads:)``.
    func decode(payloads: some Collection<Api.Common.V1.Payload>) async throws -> [Api.Common.V1.Payload]
}

extension PayloadCodec {
    /// Encodes a single payload.
    public func encode(payload: Api.Common.V1.Payload) async throws -> Api.Common.V1.Payload {
        guard let encoded = try await self.encode(payloads: CollectionOfOne(payload)).first else {
            throw PayloadConversionError("Payload codec \(type(of: self)) encoded one payload into none")
        }
        return encoded
    }

    /// Decodes a single payload.
    public func decode(payload: Api.Common.V1.Payload) async throws -> Api.Common.V1.Payload {
        guard let decoded = try await self.decode(payloads: CollectionOfOne(payload)).first else {
            throw PayloadConversionError("Payload codec \(type(of: self)) decoded one payload into none")
        }
        return decoded
    }
}
