public import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Temporal

extension TemporalTestServer {
    /// Moves the server's virtual clock `duration` ahead, firing every timer, retry and timeout that
    /// falls due on the way, and returns once the clock got there.
    ///
    /// - Parameter duration: How far to move the clock; must not be negative.
    /// - Throws: ``TemporalTestServerError/requiresTimeSkipping(operation:)`` on a server started
    ///   without time skipping, or the server's error.
    public func sleep(_ duration: Duration) async throws {
        let testService = try requireTestService("sleep(_:)")
        let components = duration.components
        _ = try await testService.unlockTimeSkippingWithSleep(
            .with {
                $0.duration.seconds = components.seconds
                $0.duration.nanos = Int32(components.attoseconds / 1_000_000_000)
            })
    }

    /// The time on the server's virtual clock (which runs ahead of the wall clock by however much
    /// has been skipped).
    ///
    /// - Throws: ``TemporalTestServerError/requiresTimeSkipping(operation:)`` on a server started
    ///   without time skipping, or the server's error.
    public func currentTime() async throws -> Date {
        let testService = try requireTestService("currentTime()")
        let time = try await testService.getCurrentTime(.init()).time
        return Date(timeIntervalSince1970: TimeInterval(time.seconds) + TimeInterval(time.nanos) / 1_000_000_000)
    }

    /// Runs `body` with the automatic unlocking of the clock turned off for clients used inside it.
    ///
    /// Waiting for a workflow's result then leaves the virtual clock locked, so it advances only
    /// with the wall clock or through ``sleep(_:)``: handy for looking at a workflow that is
    /// waiting on a timer before the timer fires.
    ///
    /// - Parameter body: What to run with automatic time skipping off.
    /// - Returns: What `body` returns.
    public func withAutoTimeSkippingDisabled<Result: Sendable>(
        _ body: () async throws -> Result
    ) async rethrows -> Result {
        try await Self.$autoTimeSkippingDisabled.withValue(true) {
            try await body()
        }
    }

    /// Runs `body` with the virtual clock unlocked, and locks it again afterwards, also when
    /// `body` throws or its task is cancelled. Concurrent waits (tests of one suite share a server)
    /// share one unlock: the first unlocks, the last locks again, so the server's counter never
    /// sees two unlocks for its one lock.
    func withTimeSkippingUnlocked<Result>(_ body: () async throws -> Result) async throws -> Result {
        guard let testService else { return try await body() }
        try await resultWaits.enter {
            _ = try await testService.unlockTimeSkipping(.init())
        }
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await body())
        } catch {
            outcome = .failure(error)
        }
        do {
            try await resultWaits.leave {
                _ = try await testService.lockTimeSkipping(.init())
            }
        } catch {
            // The body's own error says more than a failed re-lock.
            if case .success = outcome { throw error }
        }
        return try outcome.get()
    }

    /// Fails with ``TemporalTestServerError/timeSkippingUnavailable`` when the node answers the
    /// `TestService` with UNIMPLEMENTED (a server built without it).
    func checkTimeSkippingServed() async throws {
        guard let testService else { return }
        do {
            _ = try await testService.getCurrentTime(.init())
        } catch let error as RPCError where error.code == .unimplemented {
            throw TemporalTestServerError.timeSkippingUnavailable
        }
    }

    private func requireTestService(
        _ operation: String
    ) throws -> Api.Testservice.V1.TestService.Client<HTTP2ClientTransport.Posix> {
        guard let testService else { throw TemporalTestServerError.requiresTimeSkipping(operation: operation) }
        return testService
    }
}
