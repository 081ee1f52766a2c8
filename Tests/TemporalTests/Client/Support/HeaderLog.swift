import Foundation
import Synchronization
import Temporal

/// Headers an interceptor saw, by call.
final class HeaderLog: Sendable {
    private let seen = Mutex<[String: [String: Api.Common.V1.Payload]]>([:])

    func keep(_ call: String, _ headers: [String: Api.Common.V1.Payload]) { seen.withLock { $0[call] = headers } }

    func headers(_ call: String) -> [String: Api.Common.V1.Payload]? { seen.withLock { $0[call] } }

    /// The JSON object in the `key` header of `call`, as the tracing interceptor writes it.
    func traceFields(_ call: String, key: String) throws -> [String: String]? {
        guard let payload = headers(call)?[key] else { return nil }
        return try tracingHeaderFields(of: payload)
    }
}

/// A tracing header's fields: the payload must be a JSON object of strings.
func tracingHeaderFields(of payload: Api.Common.V1.Payload) throws -> [String: String]? {
    guard String(decoding: payload.metadata["encoding"] ?? Data(), as: UTF8.self) == "json/plain" else { return nil }
    return try JSONSerialization.jsonObject(with: payload.data) as? [String: String]
}
