public import SwiftProtobuf

/// Compile-time checks emitted by the SDK's macros: each overload accepts exactly the kinds of
/// types the default payload converter can carry, so any other type fails to compile where it
/// is declared rather than when a workflow runs.
public enum _PayloadConvertible {
    /// Accepts `Codable` types.
    public static func check<T: Encodable & Decodable>(_: T.Type) {}
    /// Accepts protobuf messages.
    public static func check<T: SwiftProtobuf.Message>(_: T.Type) {}
    /// Accepts types that are both (this overload is the more specific one, so the call is not
    /// ambiguous).
    public static func check<T: Encodable & Decodable & SwiftProtobuf.Message>(_: T.Type) {}
    /// Accepts `Void`, which travels as no payload.
    public static func check(_: Void.Type) {}
}
