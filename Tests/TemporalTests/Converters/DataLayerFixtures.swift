import Foundation
import SwiftProtobuf
import Temporal

/// Helpers shared by the data-layer tests, namespaced to stay clear of other test files.
enum DataLayerFixtures {
    struct Person: Codable, Hashable {
        var name: String
        var age: Int
        var tags: [String]
        var nickname: String?
    }

    struct SingleKey: Codable, Hashable {
        var a: Int
    }

    struct NotCodable {}

    struct ClockedEvent: Codable, Hashable {
        var at: Date
    }

    /// Reverses the bytes of each payload and tags it, so encoded payloads are recognisable.
    struct ReversingCodec: PayloadCodec {
        static let tag = Data("test/reverse".utf8)

        func encode(payloads: some Collection<Api.Common.V1.Payload>) async throws -> [Api.Common.V1.Payload] {
            payloads.map { payload in
                var encoded = Api.Common.V1.Payload()
                encoded.data = Data(payload.data.reversed())
                encoded.metadata = payload.metadata
                encoded.metadata["codec"] = Self.tag
                return encoded
            }
        }

        func decode(payloads: some Collection<Api.Common.V1.Payload>) async throws -> [Api.Common.V1.Payload] {
            try payloads.map { payload in
                guard payload.metadata["codec"] == Self.tag else { throw CodecMismatch() }
                var decoded = Api.Common.V1.Payload()
                decoded.data = Data(payload.data.reversed())
                decoded.metadata = payload.metadata
                decoded.metadata.removeValue(forKey: "codec")
                return decoded
            }
        }
    }

    struct CodecMismatch: Error {}

    struct BrokenCodec: PayloadCodec {
        struct Broken: Error {}

        func encode(payloads: some Collection<Api.Common.V1.Payload>) async throws -> [Api.Common.V1.Payload] {
            throw Broken()
        }

        func decode(payloads: some Collection<Api.Common.V1.Payload>) async throws -> [Api.Common.V1.Payload] {
            throw Broken()
        }
    }

    static func payload(_ text: String, encoding: String = "json/plain") -> Api.Common.V1.Payload {
        var payload = Api.Common.V1.Payload()
        payload.data = Data(text.utf8)
        payload.metadata = ["encoding": Data(encoding.utf8)]
        return payload
    }

    static func text(_ data: Data) -> String {
        String(decoding: data, as: UTF8.self)
    }
}
