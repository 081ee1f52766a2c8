import Testing

/// Polls `condition` until it holds (for state another process reaches on its own time), failing
/// after `timeout`.
func eventually(
    timeout: Duration = .seconds(10), _ condition: () async throws -> Bool,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("condition still false after \(timeout)", sourceLocation: sourceLocation)
}
