/// The codec step of the data converter, for the worker: payloads are decoded before workflow or
/// activity code sees them and encoded after (the code itself only converts).
extension DataConverter {
    func decodedPayloads(_ payloads: [Api.Common.V1.Payload]) async throws -> [Api.Common.V1.Payload] {
        guard let codec = payloadCodec, !payloads.isEmpty else { return payloads }
        return try await codec.decode(payloads: payloads)
    }

    func encodedPayloads(_ payloads: [Api.Common.V1.Payload]) async throws -> [Api.Common.V1.Payload] {
        guard let codec = payloadCodec, !payloads.isEmpty else { return payloads }
        return try await codec.encode(payloads: payloads)
    }
}
