import TernAPI
import struct Foundation.Data

/// A payload converter that handles exactly one `encoding` metadata value, so that a
/// ``CompositePayloadConverter`` can route incoming payloads to it.
public protocol EncodingPayloadConverter: PayloadConverter {
    /// The `encoding` metadata value this converter writes and reads, such as `json/plain`.
    static var encoding: String { get }
}

extension EncodingPayloadConverter {
    /// Builds a payload tagged with this converter's encoding, plus any extra metadata.
    func makePayload(
        data: some Sequence<UInt8>,
        extraMetadata: [String: Data] = [:]
    ) -> Api.Common.V1.Payload {
        var payload = Api.Common.V1.Payload()
        payload.data = Data(data)
        payload.metadata = extraMetadata
        if payload.metadata[Encodings.encodingKey] == nil {
            payload.metadata[Encodings.encodingKey] = Data(Self.encoding.utf8)
        }
        return payload
    }
}
