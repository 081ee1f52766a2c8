import Foundation
import GRPCCore
import Logging
import Synchronization
import TernAPI

/// Polls activity tasks and runs them: each attempt in its own task with the activity's context
/// as a task-local, heartbeats sent (throttled) while it runs, and a cancellation the server
/// reports delivered as task cancellation.
final class ActivityWorker: Sendable {
    private let worker: TemporalWorker
    private let stopping = Mutex(false)
    private let slots: AsyncSlots
    /// The attempts running now, so shutdown can wait for them and then cancel them.
    private let running = Mutex<[UInt64: Task<Void, Never>]>([:])
    private let nextID = Mutex<UInt64>(0)

    init(worker: TemporalWorker) {
        self.worker = worker
        self.slots = AsyncSlots(worker.configuration.tuner.activitySlotSupplier.maximumSlots)
    }

    private var configuration: TemporalWorker.Configuration { worker.configuration }
    private var service: WorkflowServiceConnection.Service { worker.connection.service }

    func start(in group: inout TaskGroup<Void>) {
        for _ in 0..<configuration.activityTaskPollerBehavior.pollers {
            group.addTask { await self.pollLoop() }
        }
    }

    func stop() { stopping.withLock { $0 = true } }

    /// Reserves up to `count` slots for activities the server may hand back eagerly with a
    /// workflow task completion; returns how many it got.
    func reserveEagerSlots(_ count: Int) -> Int {
        guard !stopping.withLock({ $0 }) else { return 0 }
        var reserved = 0
        while reserved < count, slots.tryAcquire() { reserved += 1 }
        return reserved
    }

    func releaseEagerSlots(_ count: Int) {
        for _ in 0..<count { slots.release() }
    }

    /// Runs an activity task in the slot taken for it (polled, or reserved for an eager one),
    /// tracked so shutdown can wait for it and cancel it.
    func run(_ task: Api.Workflowservice.V1.PollActivityTaskQueueResponse) {
        let id = nextID.withLock { id -> UInt64 in
            id += 1
            return id
        }
        let work = Task {
            await self.execute(task)
            self.slots.release()
            _ = self.running.withLock { $0.removeValue(forKey: id) }
        }
        running.withLock { $0[id] = work }
    }

    /// After polling stopped: gives running attempts `period` to finish, then cancels the rest
    /// (their context reports `.workerShutdown`) and waits for them to answer.
    func drain(within period: Duration) async {
        let deadline = ContinuousClock.now + period
        while !running.withLock({ $0.isEmpty }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        let left = running.withLock { Array($0.values) }
        for task in left { task.cancel() }
        for task in left { await task.value }
    }

    private func pollLoop() async {
        var failures = 0
        while !Task.isCancelled, !stopping.withLock({ $0 }) {
            await slots.acquire()
            do {
                let task = try await service.pollActivityTaskQueue(
                    .with {
                        $0.namespace = configuration.namespace
                        $0.taskQueue = .with {
                            $0.name = configuration.taskQueue
                            $0.kind = .normal
                        }
                        $0.identity = configuration.identity
                    }, options: .longPoll)
                failures = 0
                guard !task.taskToken.isEmpty else {
                    slots.release()
                    continue
                }
                run(task)
            } catch let error as RPCError where error.code == .deadlineExceeded {
                slots.release()  // an empty long poll
            } catch {
                slots.release()
                if Task.isCancelled { return }
                failures += 1
                worker.logger.warning("Activity task poll failed", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(min(10_000, 100 * (1 << min(failures, 7)))))
            }
        }
    }

    private func execute(_ task: Api.Workflowservice.V1.PollActivityTaskQueueResponse) async {
        let name = task.activityType.name
        guard let activity = worker.activities[name] ?? worker.activities.values.first(where: { type(of: $0).isDynamic }) else {
            let known = worker.activities.keys.sorted().joined(separator: ", ")
            await respondFailed(
                task,
                ApplicationError(
                    message: "Activity type \(name) is not registered on this worker, available types: [\(known)]",
                    type: "NotFoundError", isNonRetryable: false))
            return
        }
        let run = RunningActivity(task: task, worker: worker)
        do {
            let payloads = try await configuration.dataConverter.decode(task.input.payloads)
            let result = try await run.execute(activity, arguments: payloads)
            let encoded = try await configuration.dataConverter.encode(result)
            _ = try await service.respondActivityTaskCompleted(
                .with {
                    $0.namespace = configuration.namespace
                    $0.taskToken = task.taskToken
                    $0.identity = configuration.identity
                    if !encoded.isEmpty { $0.result = .with { $0.payloads = encoded } }
                })
        } catch is CompleteAsyncError {
            // Completed later by a client through its task token.
        } catch {
            if run.cancelledByServer, error.isTemporalCancellation || error is CancellationError {
                _ = try? await service.respondActivityTaskCanceled(
                    .with {
                        $0.namespace = configuration.namespace
                        $0.taskToken = task.taskToken
                        $0.identity = configuration.identity
                    })
            } else {
                await respondFailed(task, error)
            }
        }
        run.finish()
    }

    private func respondFailed(_ task: Api.Workflowservice.V1.PollActivityTaskQueueResponse, _ error: any Error) async {
        let converter = configuration.dataConverter
        let failure = await converter.convertError(error)
        do {
            _ = try await service.respondActivityTaskFailed(
                .with {
                    $0.namespace = configuration.namespace
                    $0.taskToken = task.taskToken
                    $0.identity = configuration.identity
                    $0.failure = failure
                })
        } catch {
            worker.logger.warning("Could not report an activity failure", metadata: ["error": "\(error)"])
        }
    }
}

/// A counting semaphore for async code: bounds the tasks a worker runs at once.
final class AsyncSlots: Sendable {
    private struct State {
        var free: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    init(_ count: Int) { state = Mutex(State(free: count)) }

    func acquire() async {
        await withCheckedContinuation { continuation in
            let granted = state.withLock { state -> Bool in
                if state.free > 0 {
                    state.free -= 1
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    /// Takes a slot only if one is free now.
    func tryAcquire() -> Bool {
        state.withLock { state in
            guard state.free > 0 else { return false }
            state.free -= 1
            return true
        }
    }

    func release() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.free += 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.resume()
    }
}
