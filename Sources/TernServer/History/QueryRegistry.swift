import Foundation
import Synchronization
import TernAPI
import TernCore
import TernStore

public typealias WorkflowQuery = Temporal_Api_Query_V1_WorkflowQuery
public typealias QueryResult = Temporal_Api_Query_V1_WorkflowQueryResult

/// A query travelling to a worker as a task of its own (not through a workflow task).
struct QueryTask: Sendable {
    var id: String
    var key: WorkflowKey
    var query: WorkflowQuery
    /// On a sticky queue the worker holds the workflow in memory: the task carries no history.
    var sticky: Bool
}

/// Queries waiting for a worker's answer. A query is either *buffered* — it rides along with every
/// workflow task handed out until one answers it (RespondWorkflowTaskCompleted) — or goes out as a
/// query task (answered by RespondQueryTaskCompleted); either way the caller of QueryWorkflow waits here.
///
/// A query is buffered while a workflow task is scheduled or running, so that it sees every event
/// that came before it (a signal acknowledged just before the query, say): the worker answers it
/// after applying those events. When a task completes without scheduling another, the queries
/// still buffered are *unblocked*: nothing can be ahead of them any more, so they go out as query
/// tasks (`HistoryEngine.releaseBufferedQueries`).
final class QueryRegistry: Sendable {
    private struct Pending {
        var key: WorkflowKey
        var query: WorkflowQuery
        var continuation: CheckedContinuation<QueryResult, any Error>?
        var result: QueryResult?
        var buffered: Bool
    }

    private let pending = Mutex<[String: Pending]>([:])

    /// Registers a query and returns its id; the caller then dispatches it and calls `wait`.
    func register(_ key: WorkflowKey, _ query: WorkflowQuery, buffered: Bool) -> String {
        let id = UUID().uuidString.lowercased()
        pending.withLock {
            $0[id] = Pending(key: key, query: query, continuation: nil, result: nil, buffered: buffered)
        }
        return id
    }

    /// Queries to deliver with a workflow task of `key` handed out now.
    func attached(to key: WorkflowKey) -> [String: WorkflowQuery] {
        pending.withLock { map in
            var result: [String: WorkflowQuery] = [:]
            for (id, p) in map where p.key == key && p.buffered && p.result == nil { result[id] = p.query }
            return result
        }
    }

    func hasBuffered(_ key: WorkflowKey) -> Bool {
        pending.withLock { map in map.values.contains { $0.key == key && $0.buffered && $0.result == nil } }
    }

    /// Takes `key`'s unanswered buffered queries out of the buffer, to be sent as query tasks.
    func unblock(_ key: WorkflowKey) -> [(id: String, query: WorkflowQuery)] {
        pending.withLock { map in
            var released: [(id: String, query: WorkflowQuery)] = []
            for (id, p) in map where p.key == key && p.buffered && p.result == nil {
                map[id]?.buffered = false
                released.append((id, p.query))
            }
            return released
        }
    }

    func isPending(_ id: String) -> Bool {
        pending.withLock { $0[id] != nil }
    }

    /// Delivers a worker's answer; unknown ids (a caller that gave up) are ignored.
    func answer(_ id: String, _ result: QueryResult) {
        let continuation = pending.withLock { map -> CheckedContinuation<QueryResult, any Error>? in
            guard var p = map[id] else { return nil }
            if let c = p.continuation {
                map[id] = nil
                return c
            }
            p.result = result
            map[id] = p
            return nil
        }
        continuation?.resume(returning: result)
    }

    /// Waits for the answer until `deadline`, then gives up with DEADLINE_EXCEEDED.
    func wait(_ id: String, until deadline: ContinuousClock.Instant) async throws -> QueryResult {
        let timeout = Task {
            try? await Task.sleep(until: deadline, clock: .continuous)
            self.fail(id, TernError(.deadlineExceeded, "No worker answered the query in time; is a worker polling this workflow's task queue?"))
        }
        defer { timeout.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready = pending.withLock { map -> Result<QueryResult, any Error>? in
                    guard var p = map[id] else { return .failure(TernError(.canceled, "Query cancelled.")) }
                    if let result = p.result {
                        map[id] = nil
                        return .success(result)
                    }
                    p.continuation = continuation
                    map[id] = p
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            self.fail(id, TernError(.canceled, "Query cancelled by the caller."))
        }
    }

    func fail(_ id: String, _ error: TernError) {
        let continuation = pending.withLock { map -> CheckedContinuation<QueryResult, any Error>? in
            guard let p = map.removeValue(forKey: id) else { return nil }
            return p.continuation
        }
        continuation?.resume(throwing: error)
    }
}
