import Crypto
import Foundation
import SwiftProtobuf
import Temporal

/// A payload codec that encrypts every payload with AES-256-GCM before it leaves the process, so
/// the server (and anyone reading its database or web UI) sees only ciphertext.
///
/// The format is the one Temporal's encryption samples use in the other SDKs, so a Python or Go
/// worker with the same key reads what this one writes: the whole original payload, serialised,
/// is sealed; the encoded payload's data is the 12-byte nonce, the ciphertext and the 16-byte tag;
/// its metadata says `encoding: binary/encrypted` and names the key in `encryption-key-id`.
///
/// Give the same codec to the client and the worker:
/// ```swift
/// let converter = DataConverter(
///     payloadConverter: DefaultPayloadConverter(), failureConverter: DefaultFailureConverter(),
///     payloadCodec: EncryptionCodec(keyID: "2026-12", key: key))
/// ```
public struct EncryptionCodec: PayloadCodec {
    public static let encoding = "binary/encrypted"
    public static let keyIDMetadata = "encryption-key-id"

    private let keyID: String
    private let keys: [String: SymmetricKey]

    /// Encrypts with `key`, named `keyID`; decrypts payloads sealed with it or with any of `previousKeys`
    /// (key id to key), so keys can be rotated while old histories stay readable.
    public init(keyID: String, key: SymmetricKey, previousKeys: [String: SymmetricKey] = [:]) {
        self.keyID = keyID
        self.keys = previousKeys.merging([keyID: key]) { _, current in current }
    }

    public func encode(payloads: some Collection<Api.Common.V1.Payload>) async throws -> [Api.Common.V1.Payload] {
        guard let key = keys[keyID] else { throw EncryptionCodecError.unknownKey(keyID) }
        return try payloads.map { payload in
            let sealed = try AES.GCM.seal(try payload.serializedData(), using: key)
            guard let combined = sealed.combined else { throw EncryptionCodecError.unsealable }
            return .with {
                $0.metadata = [
                    "encoding": Data(Self.encoding.utf8),
                    Self.keyIDMetadata: Data(keyID.utf8),
                ]
                $0.data = combined
            }
        }
    }

    public func decode(payloads: some Collection<Api.Common.V1.Payload>) async throws -> [Api.Common.V1.Payload] {
        try payloads.map { payload in
            // Payloads written without this codec (by an older client, say) pass through.
            guard payload.metadata["encoding"] == Data(Self.encoding.utf8) else { return payload }
            let id = String(decoding: payload.metadata[Self.keyIDMetadata] ?? Data(), as: UTF8.self)
            guard let key = keys[id] else { throw EncryptionCodecError.unknownKey(id) }
            let opened = try AES.GCM.open(try AES.GCM.SealedBox(combined: payload.data), using: key)
            return try Api.Common.V1.Payload(serializedBytes: opened)
        }
    }
}

/// Why a payload could not be encrypted or decrypted.
public enum EncryptionCodecError: Error, CustomStringConvertible {
    case unknownKey(String)
    case unsealable

    public var description: String {
        switch self {
        case .unknownKey(let id): "No encryption key with id '\(id)' is configured in this codec"
        case .unsealable: "AES-GCM produced no combined representation (nonce size is not 12 bytes)"
        }
    }
}
