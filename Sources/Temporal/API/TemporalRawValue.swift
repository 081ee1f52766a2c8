public import TernAPI

/// A payload kept as it arrived (after any codec), for callers that decode it later or forward it.
///
/// Payload converters pass it through: converting a `TemporalRawValue` yields its payload, and
/// asking for a `TemporalRawValue` yields the payload wrapped.
public struct TemporalRawValue: Hashable, Sendable {
    /// The payload.
    public let payload: Api.Common.V1.Payload

    /// Wraps `payload`.
    public init(_ payload: Api.Common.V1.Payload) {
        self.payload = payload
    }
}
