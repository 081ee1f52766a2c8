package import Tracing

/// Carries a trace context in a Temporal header, as the other SDKs' tracing interceptors do: the
/// header (`_tracer-data` by default) holds a JSON object of the text-map fields a tracer writes
/// (W3C `traceparent`, …), so a span started by a Python client continues in a Swift worker.
package struct TraceHeaders: Sendable {
    package let key: String

    package init(key: String) {
        self.key = key
    }

    /// Returns `headers` with `context` written into the tracing header.
    package func inject(
        _ context: ServiceContext,
        using tracer: any Tracer,
        into headers: [String: Api.Common.V1.Payload]
    ) -> [String: Api.Common.V1.Payload] {
        var carrier: [String: String] = [:]
        tracer.inject(context, into: &carrier, using: DictionaryInjector())
        guard !carrier.isEmpty,
            let payload = try? DataConverter.default.payloadConverter.convertValue(carrier)
        else { return headers }
        var headers = headers
        headers[key] = payload
        return headers
    }

    /// The context found in the tracing header, layered over `base`; `base` when there is none or it
    /// cannot be read (a malformed header must never fail the call it rides on).
    package func extract(
        from headers: [String: Api.Common.V1.Payload],
        using tracer: any Tracer,
        into base: ServiceContext
    ) -> ServiceContext {
        guard let payload = headers[key],
            let carrier = try? DataConverter.default.payloadConverter.convertPayload(
                payload, as: [String: String].self)
        else { return base }
        var context = base
        tracer.extract(carrier, into: &context, using: DictionaryExtractor())
        return context
    }
}

private struct DictionaryInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key] = value
    }
}

private struct DictionaryExtractor: Extractor {
    func extract(key: String, from carrier: [String: String]) -> String? {
        carrier[key]
    }
}
