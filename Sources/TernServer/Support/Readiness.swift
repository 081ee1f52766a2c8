import Synchronization

/// Whether the node can serve right now: its store answers. Reported by gRPC's health check
/// (NOT_SERVING while the database is unreachable) so that a load balancer or orchestrator stops
/// sending traffic. The probe runs at most once per `interval`, so frequent health checks do not
/// each cost a database round trip.
final class Readiness: Sendable {
    private struct Last {
        var ready = true
        var probedAt: ContinuousClock.Instant?
    }

    private let probe: (@Sendable () async -> Bool)?
    private let interval: Duration
    private let last = Mutex(Last())

    /// With no probe (an embedded store) the node is always ready.
    init(probe: (@Sendable () async -> Bool)?, interval: Duration = .seconds(1)) {
        self.probe = probe
        self.interval = interval
    }

    func isReady() async -> Bool {
        guard let probe else { return true }
        let now = ContinuousClock.now
        if let cached = last.withLock({ last in last.probedAt.map { now - $0 < interval } == true ? last.ready : nil }) {
            return cached
        }
        let ready = await probe()
        last.withLock { $0 = Last(ready: ready, probedAt: ContinuousClock.now) }
        return ready
    }
}
