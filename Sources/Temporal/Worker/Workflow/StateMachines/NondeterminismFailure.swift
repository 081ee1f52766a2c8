/// The history does not match what the workflow code does now: the code changed in a way that is
/// not replay-safe (or uses time, randomness or I/O it must not). Fails the workflow task, not the
/// workflow, so a fixed worker can carry on.
struct NondeterminismFailure: Error, CustomStringConvertible {
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { "[TMPRL1100] Nondeterminism error: \(message)" }
}
