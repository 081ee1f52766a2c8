import TernAPI

extension PayloadCodec {
    /// Encodes every payload a failure carries (encoded attributes, details, heartbeat details),
    /// down its whole cause chain. Sub-messages that are absent stay absent.
    package func encode(failure: Api.Failure.V1.Failure) async throws -> Api.Failure.V1.Failure {
        try await transform(failure) { try await self.encode(payloads: $0) }
    }

    /// Decodes every payload a failure carries, down its whole cause chain.
    package func decode(failure: Api.Failure.V1.Failure) async throws -> Api.Failure.V1.Failure {
        try await transform(failure) { try await self.decode(payloads: $0) }
    }

    private func transform(
        _ failure: Api.Failure.V1.Failure,
        _ apply: ([Api.Common.V1.Payload]) async throws -> [Api.Common.V1.Payload]
    ) async throws -> Api.Failure.V1.Failure {
        var failure = failure

        if failure.hasEncodedAttributes {
            guard let attributes = try await apply([failure.encodedAttributes]).first else {
                throw PayloadConversionError("Payload codec returned no payload for a failure's encoded attributes")
            }
            failure.encodedAttributes = attributes
        }

        switch failure.failureInfo {
        case .applicationFailureInfo(var info) where info.hasDetails:
            info.details.payloads = try await apply(info.details.payloads)
            failure.failureInfo = .applicationFailureInfo(info)
        case .canceledFailureInfo(var info) where info.hasDetails:
            info.details.payloads = try await apply(info.details.payloads)
            failure.failureInfo = .canceledFailureInfo(info)
        case .timeoutFailureInfo(var info) where info.hasLastHeartbeatDetails:
            info.lastHeartbeatDetails.payloads = try await apply(info.lastHeartbeatDetails.payloads)
            failure.failureInfo = .timeoutFailureInfo(info)
        case .resetWorkflowFailureInfo(var info) where info.hasLastHeartbeatDetails:
            info.lastHeartbeatDetails.payloads = try await apply(info.lastHeartbeatDetails.payloads)
            failure.failureInfo = .resetWorkflowFailureInfo(info)
        default:
            break
        }

        if failure.hasCause {
            failure.cause = try await transform(failure.cause, apply)
        }
        return failure
    }
}
