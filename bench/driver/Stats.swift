import Foundation
import GRPCCore
import Synchronization

/// Start instants of the workflows in flight, and the client tasks waiting for them to close.
/// The worker calls `finish` once the server has acknowledged the CompleteWorkflowExecution it sent.
final class Tracker: Sendable {
    private struct Entry {
        var started: ContinuousClock.Instant
        var waiter: CheckedContinuation<Duration?, Never>?
        var latency: Duration?
    }
    private let entries = Mutex<[String: Entry]>([:])

    func begin(_ id: String) {
        entries.withLock { $0[id] = Entry(started: .now) }
    }

    func abandon(_ id: String) {
        _ = entries.withLock { $0.removeValue(forKey: id) }
    }

    /// Ignores ids never begun (child workflows) or already expired.
    func finish(_ id: String) {
        let now = ContinuousClock.now
        let ready: (CheckedContinuation<Duration?, Never>, Duration)? = entries.withLock { all in
            guard var entry = all[id] else { return nil }
            let latency = now - entry.started
            if let waiter = entry.waiter {
                all[id] = nil
                return (waiter, latency)
            }
            entry.latency = latency
            all[id] = entry
            return nil
        }
        if let (waiter, latency) = ready { waiter.resume(returning: latency) }
    }

    /// Start-to-close latency, or nil if the workflow was expired by `expireAll`.
    func wait(_ id: String) async -> Duration? {
        await withCheckedContinuation { waiter in
            enum Now { case done(Duration?), later }
            let now: Now = entries.withLock { all in
                guard var entry = all[id] else { return .done(nil) }
                if let latency = entry.latency {
                    all[id] = nil
                    return .done(latency)
                }
                entry.waiter = waiter
                all[id] = entry
                return .later
            }
            if case .done(let latency) = now { waiter.resume(returning: latency) }
        }
    }

    func expireAll() {
        let waiters = entries.withLock { all in
            let waiters = all.values.compactMap(\.waiter)
            all.removeAll()
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }
}

/// Latencies, error counts and the instant of the last completion.
final class Stats: Sendable {
    private struct State {
        var latencies: [Duration] = []
        var errors: [String: Int] = [:]
        var samples: [String: String] = [:]
        var lastCompletion: ContinuousClock.Instant?
    }
    private let state = Mutex(State())

    func completed(_ latency: Duration) {
        let now = ContinuousClock.now
        state.withLock {
            $0.latencies.append(latency)
            $0.lastCompletion = now
        }
    }

    /// Counts a failed call. A poll that failed UNAVAILABLE (its connection went away) is
    /// counted as a retry, not an error: the SDKs' workers poll again after such a failure too.
    func error(_ operation: String, _ error: any Error, pollRetried: Bool = false) {
        let rpc = error as? RPCError
        let kind = rpc.map { "\($0.code)" } ?? String(describing: type(of: error))
        let label = pollRetried && rpc?.code == .unavailable
            ? "\(operation) \(Self.retried) unavailable" : "\(operation): \(kind)"
        let sample = (error as? RPCError)?.message ?? String(describing: error)
        state.withLock {
            $0.errors[label, default: 0] += 1
            if $0.samples[label] == nil { $0.samples[label] = sample }
        }
    }

    /// Marks the labels of retried calls; the report counts them apart from errors.
    static let retried = "retried:"

    func count(_ label: String) {
        state.withLock { $0.errors[label, default: 0] += 1 }
    }

    func report(config: Driver.Config, began: ContinuousClock.Instant, ended: ContinuousClock.Instant,
                cpuSeconds: Double) -> Report {
        let s = state.withLock { $0 }
        let ms = s.latencies.map { Double($0.components.seconds) * 1e3 + Double($0.components.attoseconds) / 1e15 }.sorted()
        func percentile(_ p: Double) -> Double {
            ms.isEmpty ? 0 : ms[max(0, min(ms.count - 1, Int((p * Double(ms.count)).rounded(.up)) - 1))]
        }
        let span = seconds((s.lastCompletion ?? ended) - began)
        return Report(
            server: "\(config.host):\(config.port)", scenario: config.scenario.rawValue, taskQueue: config.taskQueue,
            requested: config.count, completed: ms.count, concurrency: config.rate > 0 ? nil : config.concurrency,
            offeredRate: config.rate > 0 ? config.rate : nil, seconds: seconds(ended - began),
            throughput: span > 0 ? Double(ms.count) / span : 0,
            latencyMs: .init(p50: percentile(0.50), p95: percentile(0.95), p99: percentile(0.99),
                             max: ms.last ?? 0, mean: ms.isEmpty ? 0 : ms.reduce(0, +) / Double(ms.count)),
            errors: s.errors.filter { !$0.key.contains(Self.retried) }.values.reduce(0, +),
            retries: s.errors.filter { $0.key.contains(Self.retried) }.values.reduce(0, +),
            errorKinds: s.errors, errorSamples: s.samples, cpuSeconds: cpuSeconds
        )
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

struct Report: Encodable {
    struct Latency: Encodable { var p50, p95, p99, max, mean: Double }
    var server, scenario, taskQueue: String
    var requested, completed: Int
    var concurrency: Int?
    var offeredRate: Double?
    /// Wall time of the whole run; throughput divides completions by the time to the last one.
    var seconds, throughput: Double
    var latencyMs: Latency
    var errors: Int
    /// Calls that failed in a way a client retries (UNAVAILABLE), and were retried.
    var retries: Int
    var errorKinds: [String: Int]
    /// The first message seen for each kind.
    var errorSamples: [String: String]
    /// User + system CPU of this process from the first start to the last workflow's close.
    var cpuSeconds: Double

    var text: String {
        let load = offeredRate.map { "offered \(f($0))/s" } ?? "concurrency \(concurrency ?? 0)"
        var lines = [
            "\(scenario) on \(server) (\(load), queue \(taskQueue))",
            "  completed \(completed)/\(requested) in \(f(seconds)) s: \(f(throughput)) workflows/s",
            "  latency ms: p50 \(f(latencyMs.p50))  p95 \(f(latencyMs.p95))  p99 \(f(latencyMs.p99))  "
                + "max \(f(latencyMs.max))  mean \(f(latencyMs.mean))",
            "  errors \(errors), retries \(retries)",
        ]
        lines += errorKinds.sorted { $0.key < $1.key }.map {
            "    \($0.key): \($0.value)" + (errorSamples[$0.key].map { " (first: \($0))" } ?? "")
        }
        return lines.joined(separator: "\n")
    }

    private func f(_ x: Double) -> String { String(format: "%.1f", x) }
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
