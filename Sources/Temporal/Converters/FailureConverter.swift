public import TernAPI

/// Turns Swift errors into Temporal `Failure` messages and back.
public protocol FailureConverter: Sendable {
    /// Converts `error` into a failure, using `payloadConverter` for any payloads it carries.
    func convertError(
        _ error: any Error,
        payloadConverter: some PayloadConverter
    ) -> Api.Failure.V1.Failure

    /// Converts `failure` into a Swift error, using `payloadConverter` for encoded attributes.
    func convertFailure(
        _ failure: Api.Failure.V1.Failure,
        payloadConverter: some PayloadConverter
    ) -> any Error
}
