import TernAPI

extension PayloadCodec {
    /// Encodes every payload a failure carries (encoded attributes, details, heartbeat details),
    /// down its whole cause chain.
    package func encode(failure: Api.Failure.V1.Failure) async throws -> Api.Failure.V1.Failure {
        var failure = failure
        try await encode(&failure)
        return failure
    }

    /// Decodes every payload a failure carries, down its whole cause chain.
    package func decode(failure: Api.Failure.V1.Failure) async throws -> Api.Failure.V1.Failure {
        var failure = failure
        try await decode(&failure)
        return failure
    }
}
