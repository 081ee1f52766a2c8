import Synchronization

/// Lines appended by interceptors (from whatever task a call runs in), read back by the test.
final class CallLog: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var entries: [String] { lines.withLock { $0 } }

    /// The entries with `prefix` (e.g. one interceptor's), without it.
    func entries(from prefix: String) -> [String] {
        entries.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }
}
