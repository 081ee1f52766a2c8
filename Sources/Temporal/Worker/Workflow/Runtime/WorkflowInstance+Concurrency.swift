/// Racing, shielding and the task-local that says which run the current task belongs to.
extension WorkflowInstance {
    @TaskLocal static var current: WorkflowInstance?

    var workflowInfo: WorkflowInfo {
        guard let info else { preconditionFailure("workflow info is read before the run started") }
        return info
    }

    private enum RaceOutcome<Return: Sendable, Failure: Error>: Sendable {
        case timerFired
        case finished(Result<Return, Failure>)
    }

    /// Runs `body` against a durable timer; when the timer fires first the body is cancelled and
    /// its own outcome (usually a cancellation error) is returned.
    func race<Return: Sendable, Failure: Error>(
        _ body: () async throws(Failure) -> Return, against duration: Duration
    ) async throws(Failure) -> Return {
        let result: Result<Return, Failure> = await withoutActuallyEscaping(body) { body in
            // Both children run on this run's serial executor: nothing crosses threads.
            nonisolated(unsafe) let body = body
            return await withTaskGroup(of: RaceOutcome<Return, Failure>.self) { group in
                group.addTask { [self] in
                    // A negative timeout still starts a (1 ms) timer, as it always has here.
                    try? await sleep(for: max(duration, .zero), summary: nil)
                    return .timerFired
                }
                group.addTask {
                    do throws(Failure) {
                        return .finished(.success(try await body()))
                    } catch {
                        return .finished(.failure(error))
                    }
                }
                while let next = await group.next() {
                    switch next {
                    case .timerFired:
                        group.cancelAll()
                    case .finished(let result):
                        group.cancelAll()
                        return result
                    }
                }
                preconditionFailure("the body task always finishes")
            }
        }
        return try result.get()
    }

    /// Runs `operation` in a task of its own, so cancelling the caller does not reach it.
    func shielded<Result: Sendable>(_ operation: () async throws -> Result) async throws -> Result {
        try await withoutActuallyEscaping(operation) { operation in
            nonisolated(unsafe) let operation = operation
            let task = Task(executorPreference: executor) { [self] in
                try await Self.$current.withValue(self) { try await operation() }
            }
            return try await task.value
        }
    }
}
