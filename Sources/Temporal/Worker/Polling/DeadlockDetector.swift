import Dispatch
import Synchronization

/// Runs an activation off the cooperative thread pool and gives up on it after a deadline: workflow
/// code that does not yield for that long (a busy loop, blocking I/O) fails the workflow task
/// with a clear message instead of stalling the worker. The stuck thread is abandoned with its run.
enum DeadlockDetector {
    static let deadline: Duration = .seconds(2)

    static func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        let resumed = Mutex(false)
        return try await withCheckedThrowingContinuation { continuation in
            @Sendable func finish(_ result: Result<Value, any Error>) {
                let first = resumed.withLock { done -> Bool in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(with: result) }
            }
            DispatchQueue.global().async { finish(Result { try body() }) }
            let (seconds, attoseconds) = deadline.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
                finish(.failure(PotentialDeadlock()))
            }
        }
    }
}

/// Workflow code ran for the whole deadline without yielding.
struct PotentialDeadlock: Error, CustomStringConvertible {
    var description: String {
        "[TMPRL1101] Potential deadlock detected: workflow code did not yield within \(DeadlockDetector.deadline) "
            + "(a busy loop, blocking I/O or a lock in workflow code?)"
    }
}
