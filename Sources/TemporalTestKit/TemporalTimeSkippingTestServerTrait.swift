public import Testing

/// A Swift Testing trait that runs a time-skipping ``TemporalTestServer`` around a test or a whole
/// suite, and makes it available as ``TemporalTestServer/timeSkippingTestServer``.
///
/// The tests of a suite share the server and so its virtual clock: a test that skips time moves
/// it for the others too.
///
/// ```swift
/// @Suite(.temporalTimeSkippingTestServer)
/// struct ReminderTests {
///     @Test func remindsAfterAWeek() async throws {
///         let server = try #require(TemporalTestServer.timeSkippingTestServer)
///         // A workflow sleeping for a week finishes as soon as its result is awaited.
///     }
/// }
/// ```
public struct TemporalTimeSkippingTestServerTrait: SuiteTrait, TestTrait, TestScoping {
    /// Starts a time-skipping server, runs `function` with it as
    /// ``TemporalTestServer/timeSkippingTestServer``, and stops it.
    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        try await TemporalTestServer.withTimeSkippingTestServer { server in
            try await TemporalTestServer.$timeSkippingTestServer.withValue(copy server) {
                try await function()
            }
        }
    }
}

extension Trait where Self == TemporalTimeSkippingTestServerTrait {
    /// Runs an in-process Temporal server on a virtual clock for the test or suite; see
    /// ``TemporalTimeSkippingTestServerTrait``.
    public static var temporalTimeSkippingTestServer: Self { Self() }
}
