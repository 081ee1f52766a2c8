import Temporal

/// Lets a time-skipping server's clock run while a client waits for a workflow to close.
///
/// The server's clock only skips ahead while nobody holds a lock on it, and it starts locked, so
/// that a test decides when time may jump. Waiting for a result is the moment the test has nothing
/// else to do: `result()` waits with history fetches that long-poll for the close event, and this
/// interceptor releases the lock around each of them. Other history reads are left alone, and
/// nothing is unlocked inside ``TemporalTestServer/withAutoTimeSkippingDisabled(_:)``.
///
/// ``TemporalTestServer`` puts it first among a client's interceptors on time-skipping servers.
struct TimeSkippingClientInterceptor: Temporal.ClientInterceptor {
    let testServer: TemporalTestServer

    var clientOutboundInterceptor: Outbound? { Outbound(testServer: testServer) }

    struct Outbound: Temporal.ClientOutboundInterceptor {
        let testServer: TemporalTestServer

        func fetchWorkflowHistoryEvents(
            input: FetchWorkflowHistoryEventsInput,
            next: (FetchWorkflowHistoryEventsInput) async throws -> [Api.History.V1.HistoryEvent]
        ) async throws -> [Api.History.V1.HistoryEvent] {
            guard input.waitNewEvent, input.eventFilterType == .closeEvent, testServer.isAutoTimeSkippingEnabled else {
                return try await next(input)
            }
            return try await testServer.withTimeSkippingUnlocked { try await next(input) }
        }
    }
}
