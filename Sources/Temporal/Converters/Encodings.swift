import TernAPI

/// The metadata keys and `encoding` values Temporal SDKs agree on.
package enum Encodings {
    /// Metadata key naming the payload's encoding.
    package static let encodingKey = "encoding"
    /// Metadata key naming a protobuf payload's fully qualified message type.
    package static let messageTypeKey = "messageType"
    /// Encoding of `nil`: empty data.
    package static let binaryNil = "binary/null"
    /// Encoding of raw bytes.
    package static let binaryPlain = "binary/plain"
    /// Encoding of a protobuf message in proto3 JSON.
    package static let jsonProtobuf = "json/protobuf"
    /// Encoding of a protobuf message in the binary wire format.
    package static let binaryProtobuf = "binary/protobuf"
    /// Encoding of a JSON document.
    package static let jsonPlain = "json/plain"
}
