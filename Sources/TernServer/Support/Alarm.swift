import Foundation
import Synchronization

/// Lets one loop sleep until a deadline or until something rings it, whichever comes first, so
/// that an idle loop costs nothing between its wake-ups instead of polling. A ring while nobody
/// sleeps is kept for the next sleep: a change is never missed, and at worst the loop wakes
/// once more than it had to.
final class Alarm: Sendable {
    private let state = Mutex<(rung: Bool, sleeper: CheckedContinuation<Void, Never>?)>((false, nil))

    func ring() {
        let sleeper = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard let sleeper = s.sleeper else {
                s.rung = true
                return nil
            }
            s.sleeper = nil
            return sleeper
        }
        sleeper?.resume()
    }

    /// Returns at `deadline` (nil: no deadline), on a ring, or when the task is cancelled.
    func sleep(until deadline: Date?) async {
        // Task.sleep counts on the monotonic clock; waking at least once a minute keeps a
        // change of the wall clock from delaying a deadline by much.
        let timer = deadline.map { deadline in
            Task { [self] in
                let seconds = min(max(deadline.timeIntervalSinceNow, 0), 60)
                try? await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
                if !Task.isCancelled { ring() }
            }
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { s -> Bool in
                    if s.rung {
                        s.rung = false
                        return true
                    }
                    s.sleeper = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            ring()
        }
        timer?.cancel()
    }
}
