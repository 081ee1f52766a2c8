extension DataConverter {
    /// The payload list for arguments whose types are known only at run time (signal and update
    /// arguments carried in interceptor inputs): one payload per value, `Void` values skipped as
    /// a parameter pack's would be.
    func convertAnyValuesToPayloads(_ values: [any Sendable]) async throws -> [Api.Common.V1.Payload] {
        var payloads: [Api.Common.V1.Payload] = []
        for value in values where !(value is Void) {
            payloads.append(try payloadConverter.convertValue(value))
        }
        return try await encode(payloads)
    }
}
