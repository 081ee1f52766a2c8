import Foundation
import Synchronization

/// The next workflow index to start.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

/// Completions and errors (by kind, with the first message of each).
final class Tally: Sendable {
    private struct State {
        var completed = 0
        var errors: [String: Int] = [:]
        var samples: [String: String] = [:]
    }
    private let state = Mutex(State())

    func completed() { state.withLock { $0.completed += 1 } }

    func error(_ kind: String, _ message: String) {
        state.withLock {
            $0.errors[kind, default: 0] += 1
            if $0.samples[kind] == nil { $0.samples[kind] = String(message.prefix(500)) }
        }
    }

    func report(
        driver: String, taskQueue: String, concurrency: Int, seconds: Double, cpuSeconds: Double,
        settings: [String: String]
    ) -> BenchReport {
        let s = state.withLock { $0 }
        return BenchReport(
            driver: driver, taskQueue: taskQueue, concurrency: concurrency, completed: s.completed,
            errors: s.errors.values.reduce(0, +), errorKinds: s.errors, errorSamples: s.samples, seconds: seconds,
            throughput: seconds > 0 ? Double(s.completed) / seconds : 0, cpuSeconds: cpuSeconds,
            cpuMsPerWorkflow: s.completed > 0 ? cpuSeconds * 1000 / Double(s.completed) : 0, settings: settings)
    }
}

/// The JSON line the driver prints; the same keys as bench/python_sdk_bench.py's.
struct BenchReport: Encodable {
    var driver, taskQueue: String
    var concurrency, completed, errors: Int
    var errorKinds: [String: Int]
    var errorSamples: [String: String]
    /// From the first start to the last result.
    var seconds, throughput: Double
    /// User + system CPU of this process over `seconds`.
    var cpuSeconds, cpuMsPerWorkflow: Double
    var settings: [String: String]

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// User + system CPU seconds of this process, all threads (getrusage).
func processCPUSeconds() -> Double {
    #if os(Linux)
    let who = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    let who = RUSAGE_SELF
    #endif
    var usage = rusage()
    _ = getrusage(who, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
