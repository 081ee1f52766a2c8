import TemporalTestKit
import Testing

/// Whether the in-process server serves Temporal's `TestService` (checked once per test run by
/// starting a time-skipping server). Until Tern's server side of time skipping is in, it answers
/// UNIMPLEMENTED and the kit refuses to start a time-skipping server, so the tests that need one
/// are skipped rather than failed.
enum TimeSkippingProbe {
    static let reason: Comment =
        "needs the server's TestService (time skipping), which this Tern build does not serve yet"

    static var isServed: Bool {
        get async { await probe.value }
    }

    private static let probe = Task<Bool, Never> {
        do {
            try await TemporalTestServer.withTimeSkippingTestServer { _ in }
            return true
        } catch TemporalTestServerError.timeSkippingUnavailable {
            return false
        } catch {
            // Any other failure is the tests' to report, not a reason to skip them.
            return true
        }
    }
}
