import Foundation

/// Arguments on the wire: `Void` is no payload at all (as the other SDKs send a function without
/// arguments), anything else exactly one.
extension PayloadConverter {
    func payloads<Value>(for value: Value) throws -> [Api.Common.V1.Payload] {
        if Value.self == Void.self { return [] }
        return [try convertValue(value)]
    }

    func payloads<each Value>(forEach values: repeat each Value) throws -> [Api.Common.V1.Payload] {
        var payloads: [Api.Common.V1.Payload] = []
        for value in repeat each values {
            payloads.append(contentsOf: try self.payloads(for: value))
        }
        return payloads
    }

    func value<Value>(from payloads: [Api.Common.V1.Payload], as type: Value.Type = Value.self) throws -> Value {
        if let void = () as? Value { return void }
        // A missing argument decodes like JSON null does (an Optional becomes nil).
        return try convertPayload(payloads.first ?? Self.nullPayload, as: type)
    }

    func value<Value>(from payload: Api.Common.V1.Payload?, as type: Value.Type = Value.self) throws -> Value {
        try value(from: payload.map { [$0] } ?? [], as: type)
    }

    static var nullPayload: Api.Common.V1.Payload {
        var payload = Api.Common.V1.Payload()
        payload.metadata["encoding"] = Data("binary/null".utf8)
        return payload
    }

    /// Summary and details shown by the UI, as payloads of their strings.
    func userMetadata(summary: String?, details: String? = nil) -> Api.Sdk.V1.UserMetadata {
        .with {
            if let summary, let payload = try? convertValue(summary) { $0.summary = payload }
            if let details, let payload = try? convertValue(details) { $0.details = payload }
        }
    }
}
