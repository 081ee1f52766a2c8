import SwiftProtobuf

/// A failure with the gRPC status code Temporal uses for it, a message a person can act on,
/// and the Temporal `errordetails` messages the official SDKs unpack from the status.
///
/// Core rules throw this; the server turns it into a `google.rpc.Status` on the wire.
public struct TernError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case invalidArgument
        case notFound
        case alreadyExists
        case failedPrecondition
        case resourceExhausted
        case permissionDenied
        case deadlineExceeded
        case canceled
        case unavailable
        case unimplemented
        case internalError
    }

    public var code: Code
    public var message: String
    /// Packed `temporal.api.errordetails.v1` messages (at most one, as Temporal sends).
    public var details: [Google_Protobuf_Any]

    public init(_ code: Code, _ message: String, details: [Google_Protobuf_Any] = []) {
        self.code = code
        self.message = message
        self.details = details
    }

    /// Builds an error whose status carries `detail`; a detail that cannot be packed is dropped
    /// rather than turning a clear error into an internal one.
    public init(_ code: Code, _ message: String, detail: some SwiftProtobuf.Message) {
        self.init(code, message, details: (try? Google_Protobuf_Any(message: detail)).map { [$0] } ?? [])
    }

    public var description: String { "\(code): \(message)" }

    public static func invalidArgument(_ message: String) -> TernError {
        TernError(.invalidArgument, message)
    }

    public static func internalError(_ message: String) -> TernError {
        TernError(.internalError, message)
    }
}
