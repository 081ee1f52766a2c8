/// Why a ``TemporalTestServer`` could not be started or could not do what was asked of it.
public enum TemporalTestServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An entry of `extraArguments` is not a flag the in-process server understands.
    case unsupportedArgument(String)
    /// A flag of `extraArguments` that needs a value came last, without one.
    case missingValue(argument: String)
    /// A flag of `extraArguments` came with a value the server cannot use.
    case invalidValue(argument: String, value: String, reason: String)
    /// The in-process server did not start listening (the reason comes from the server).
    case serverDidNotStart(reason: String)
    /// The server was started for time skipping but does not serve Temporal's `TestService`.
    case timeSkippingUnavailable
    /// A time-skipping operation was called on a server started without time skipping.
    case requiresTimeSkipping(operation: String)

    /// What went wrong, naming the argument or operation concerned.
    public var description: String {
        switch self {
        case .unsupportedArgument(let argument):
            "TemporalTestServer: unsupported extra argument \"\(argument)\"; supported: \(TestServerArguments.supportedFlags)"
        case .missingValue(let argument):
            "TemporalTestServer: extra argument \"\(argument)\" needs a value"
        case .invalidValue(let argument, let value, let reason):
            "TemporalTestServer: extra argument \(argument) \"\(value)\": \(reason)"
        case .serverDidNotStart(let reason):
            "TemporalTestServer: the in-process server did not start: \(reason)"
        case .timeSkippingUnavailable:
            "TemporalTestServer: this server does not serve Temporal's TestService, so it cannot skip time"
        case .requiresTimeSkipping(let operation):
            "TemporalTestServer: \(operation) needs a time-skipping server (withTimeSkippingTestServer)"
        }
    }
}
