/// A result the workflow code waits for and the replay engine supplies, in either order: the
/// engine may resolve it (a cancellation before the command went out) before the code awaits it.
/// Touched only on the workflow's executor.
final class PendingResult<Value: Sendable>: @unchecked Sendable {
    private var result: Result<Value, any Error>?
    private var continuation: CheckedContinuation<Value, any Error>?

    var isResolved: Bool { result != nil }

    /// The first resolution wins; later ones are ignored.
    func resolve(_ outcome: Result<Value, any Error>) {
        guard result == nil else { return }
        result = outcome
        if let continuation {
            self.continuation = nil
            continuation.resume(with: outcome)
        }
    }

    func value() async throws -> Value {
        if let result { return try result.get() }
        return try await withCheckedThrowingContinuation { continuation in
            if let result {
                continuation.resume(with: result)
            } else {
                self.continuation = continuation
            }
        }
    }
}
