import Foundation
import Synchronization
import Testing
@testable import TernServer
import TernStore

/// The virtual clock of a time-skipping test server: when it may jump, and where to.
@Suite("ServerClock")
struct ServerClockTests {
    private let day: TimeInterval = 86_400
    private let run = WorkflowKey(namespaceID: "ns", workflowID: "wf", runID: "r1")

    @Test func aLockedClockRunsAtWallPace() {
        let clock = ServerClock.skipping()
        let start = clock.now()
        let id = clock.register {}
        clock.setDeadline(id, start.addingTimeInterval(30 * day))
        #expect(clock.now().timeIntervalSince(start) < 60)  // the initial lock holds it
    }

    @Test func unlockedAndIdleItJumpsToTheEarliestDeadlineAndWakesItsOwner() throws {
        let clock = ServerClock.skipping()
        let start = clock.now()
        let woken = Mutex(0)
        let id = clock.register { woken.withLock { $0 += 1 } }
        let later = clock.register {}
        clock.setDeadline(later, start.addingTimeInterval(365 * day))
        clock.setDeadline(id, start.addingTimeInterval(30 * day))
        try clock.unlock()
        let skipped = clock.now().timeIntervalSince(start)
        #expect(skipped >= 30 * day && skipped < 30 * day + 60)
        #expect(woken.withLock { $0 } == 1)
        // The due source holds the clock until its owner moves its deadline on.
        #expect(clock.now().timeIntervalSince(start) < 31 * day)
        clock.setDeadline(id, nil)
        #expect(clock.now().timeIntervalSince(start) >= 365 * day)
    }

    @Test func aBusyRunOrAHoldKeepsItStill() throws {
        let clock = ServerClock.skipping()
        let start = clock.now()
        clock.setBusy(run, true)
        clock.hold()
        let id = clock.register {}
        clock.setDeadline(id, start.addingTimeInterval(day))
        try clock.unlock()
        #expect(clock.now().timeIntervalSince(start) < 60)
        clock.setBusy(run, false)
        #expect(clock.now().timeIntervalSince(start) < 60)  // still held
        clock.release()
        #expect(clock.now().timeIntervalSince(start) >= day)
    }

    @Test func anUnbalancedUnlockIsRefused() throws {
        let clock = ServerClock.skipping()
        try clock.unlock()
        #expect(throws: (any Error).self) { try clock.unlock() }
        clock.lock()
        try clock.unlock()
    }

    @Test func sleepReturnsWhenTheClockJumpsThere() async throws {
        let clock = ServerClock.skipping()
        let start = clock.now()
        try clock.unlock()
        let wall = ContinuousClock.now
        await clock.sleep(until: start.addingTimeInterval(7 * day))
        #expect(clock.now().timeIntervalSince(start) >= 7 * day)
        #expect(ContinuousClock.now - wall < .seconds(5))
    }

    @Test func twoClocksDoNotShareTime() throws {
        let (a, b) = (ServerClock.skipping(), ServerClock.skipping())
        let id = a.register {}
        a.setDeadline(id, a.now().addingTimeInterval(day))
        try a.unlock()
        #expect(a.now().timeIntervalSince(b.now()) >= day - 1)
    }

    @Test func theWallClockIgnoresLocksAndDeadlines() throws {
        let clock = ServerClock.wall()
        let id = clock.register {}
        clock.setDeadline(id, Date().addingTimeInterval(day))
        try clock.unlock()
        #expect(abs(clock.now().timeIntervalSinceNow) < 5)
    }
}
