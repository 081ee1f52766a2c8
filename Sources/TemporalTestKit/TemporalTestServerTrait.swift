public import Testing

/// A Swift Testing trait that runs a ``TemporalTestServer`` around a test or a whole suite, and
/// makes it available as ``TemporalTestServer/testServer``.
///
/// On a suite, one server serves every test of the suite (each test should use its own task
/// queue and workflow ids, as ``TemporalTestServer/withWorkerAndClient(activities:workflows:namespace:workerInterceptors:clientInterceptors:logger:body:)``
/// does); on a single test, the test gets its own server.
///
/// ```swift
/// @Suite(.temporalTestServer)
/// struct OrderTests {
///     @Test func placesOrder() async throws {
///         let server = try #require(TemporalTestServer.testServer)
///         // ...
///     }
/// }
/// ```
public struct TemporalTestServerTrait: SuiteTrait, TestTrait, TestScoping {
    /// Starts a server, runs `function` with it as ``TemporalTestServer/testServer``, and stops it.
    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        try await TemporalTestServer.withTestServer { server in
            try await TemporalTestServer.$testServer.withValue(copy server) {
                try await function()
            }
        }
    }
}

extension Trait where Self == TemporalTestServerTrait {
    /// Runs an in-process Temporal server (real time) for the test or suite; see ``TemporalTestServerTrait``.
    public static var temporalTestServer: Self { Self() }
}
