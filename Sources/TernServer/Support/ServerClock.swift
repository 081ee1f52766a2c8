import Foundation
import Synchronization
import TernCore
import TernStore

/// Where the server reads the time: the wall clock, or (for a test server) a virtual clock that
/// skips ahead.
///
/// A skipping clock runs at the wall clock's pace plus an offset. It jumps to the earliest
/// deadline its sources have registered (the timer queue's next timer, the next schedule, a
/// `TestService.Sleep`) whenever nothing can happen before that deadline anyway: nobody holds a
/// time-skipping lock (a test client holds one, except while it waits for a result), no run has
/// work in flight (a workflow task, an activity attempt, a child start or an external signal or
/// cancel), and no fired timer is still being applied. These are the semantics of Temporal's
/// Java test server, so the SDKs' time-skipping environments behave the same on Tern.
///
/// Every instance is separate: test servers in one process never share a clock.
final class ServerClock: Sendable {
    /// Whether this clock skips; a wall clock ignores locks, holds and sources.
    let isSkipping: Bool
    private let state: Mutex<State>

    private struct Source {
        var deadline: Date?
        var wake: @Sendable () -> Void
    }

    private struct State {
        var offset: TimeInterval = 0
        /// Test clients' locks. Starts at one, as in Temporal's test server: time only skips while
        /// a client explicitly unlocks it (its SDK does so while it waits for a result).
        var locks = 1
        /// Fired timers not yet applied, and other short internal work.
        var holds = 0
        var busyRuns: Set<WorkflowKey> = []
        var sources: [Int: Source] = [:]
        var nextSourceID = 0
    }

    private init(isSkipping: Bool) {
        self.isSkipping = isSkipping
        state = Mutex(State())
    }

    /// The wall clock.
    static func wall() -> ServerClock { ServerClock(isSkipping: false) }

    /// A virtual clock that skips ahead when nothing is in flight (see the type's description).
    static func skipping() -> ServerClock { ServerClock(isSkipping: true) }

    func now() -> Date {
        guard isSkipping else { return Date() }
        return Date().addingTimeInterval(state.withLock { $0.offset })
    }

    /// Sleeps until `deadline` on this clock or until `alarm` rings or the task is cancelled.
    /// A skipping clock wakes its sources' owners itself when it jumps; this covers the time
    /// that passes at the wall clock's pace.
    func wait(until deadline: Date?, ringing alarm: Alarm) async {
        let wall = deadline.map { Date().addingTimeInterval($0.timeIntervalSince(now())) }
        await alarm.sleep(until: wall)
    }

    /// Sleeps until `deadline` on this clock (or the task is cancelled). On a skipping clock the
    /// deadline counts as a source, so the clock may jump to it.
    func sleep(until deadline: Date) async {
        let alarm = Alarm()
        let source = register { alarm.ring() }
        defer { unregister(source) }
        setDeadline(source, deadline)
        while !Task.isCancelled, now() < deadline {
            await wait(until: deadline, ringing: alarm)
        }
    }

    // MARK: Test clients' locks

    func lock() {
        state.withLock { $0.locks += 1 }
    }

    /// Gives back one lock; FAILED_PRECONDITION if none is held.
    func unlock() throws {
        let wakes = try state.withLock { s -> [@Sendable () -> Void] in
            guard s.locks > 0 else {
                throw TernError(.failedPrecondition, "Time skipping is not locked: every UnlockTimeSkipping must follow a LockTimeSkipping (or the initial lock).")
            }
            s.locks -= 1
            return advance(&s)
        }
        for wake in wakes { wake() }
    }

    // MARK: Work in flight

    /// Marks short internal work (a fired timer being applied) during which time must not skip.
    func hold(_ count: Int = 1) {
        guard isSkipping, count > 0 else { return }
        state.withLock { $0.holds += count }
    }

    func release(_ count: Int = 1) {
        guard isSkipping, count > 0 else { return }
        let wakes = state.withLock { s -> [@Sendable () -> Void] in
            s.holds -= count
            return advance(&s)
        }
        for wake in wakes { wake() }
    }

    /// Records whether a run has work in flight (see `WorkflowState.hasWorkInFlight`). Evaluated
    /// only by a skipping clock: the wall clock is told after every commit and needs nothing.
    func setBusy(_ key: WorkflowKey, _ isBusy: @autoclosure () -> Bool) {
        guard isSkipping else { return }
        let busy = isBusy()
        let wakes = state.withLock { s -> [@Sendable () -> Void] in
            if busy {
                s.busyRuns.insert(key)
                return []
            }
            guard s.busyRuns.remove(key) != nil else { return [] }
            return advance(&s)
        }
        for wake in wakes { wake() }
    }

    // MARK: Sources of deadlines

    /// A source of deadlines the clock may jump to; `wake` is called when it does.
    func register(wake: @escaping @Sendable () -> Void) -> Int {
        state.withLock { s in
            s.nextSourceID += 1
            s.sources[s.nextSourceID] = Source(deadline: nil, wake: wake)
            return s.nextSourceID
        }
    }

    func unregister(_ source: Int) {
        guard isSkipping else { return }
        let wakes = state.withLock { s -> [@Sendable () -> Void] in
            s.sources[source] = nil
            return advance(&s)
        }
        for wake in wakes { wake() }
    }

    /// The source's earliest deadline (nil: none). A source whose deadline has come is treated
    /// as work in flight until it moves its deadline on.
    func setDeadline(_ source: Int, _ earliest: @autoclosure () -> Date?) {
        guard isSkipping else { return }
        let deadline = earliest()
        let wakes = state.withLock { s -> [@Sendable () -> Void] in
            s.sources[source]?.deadline = deadline
            return advance(&s)
        }
        for wake in wakes { wake() }
    }

    /// Jumps to the earliest deadline if nothing is in flight; returns the owners to wake.
    private func advance(_ s: inout State) -> [@Sendable () -> Void] {
        guard isSkipping, s.locks == 0, s.holds == 0, s.busyRuns.isEmpty else { return [] }
        guard let next = s.sources.values.compactMap(\.deadline).min() else { return [] }
        let now = Date().addingTimeInterval(s.offset)
        // A deadline the wall clock has already reached is its owner's to handle first.
        guard next > now else { return [] }
        // A microsecond past the deadline, so rounding never leaves it just out of reach.
        s.offset += next.timeIntervalSince(now) + 1e-6
        return s.sources.values.filter { ($0.deadline ?? .distantFuture) <= next }.map(\.wake)
    }
}
