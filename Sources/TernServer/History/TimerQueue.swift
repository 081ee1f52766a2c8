import Foundation
import TernCore
import TernStore

/// Durable timers waiting to fire, in memory, earliest first. The rows live in the store; this
/// holds what is armed and hands due timers to the engine.
actor TimerQueue {
    private var heap: [StoredTask<TimerTask>] = []
    private var wakeup: (id: UInt64, continuation: CheckedContinuation<Void, Never>)?
    private var nextWakeID: UInt64 = 0

    func add(_ timers: [StoredTask<TimerTask>]) {
        guard !timers.isEmpty else { return }
        let earliestBefore = heap.first?.task.fireTime.milliseconds
        for timer in timers { push(timer) }
        if let first = heap.first?.task.fireTime.milliseconds, earliestBefore.map({ first < $0 }) ?? true {
            wake()
        }
    }

    var count: Int { heap.count }

    /// Waits until at least one timer is due and returns all due timers.
    func nextDue() async -> [StoredTask<TimerTask>] {
        while !Task.isCancelled {
            let now = Date()
            let nowMillis = Int64(now.timeIntervalSince1970 * 1000)
            var due: [StoredTask<TimerTask>] = []
            // Compare exact times: a timer handed out before its deadline would find nothing to do.
            while let first = heap.first, first.task.fireTime.date <= now {
                due.append(pop())
            }
            if !due.isEmpty { return due }
            let waitMillis = heap.first.map { max(1, $0.task.fireTime.milliseconds - nowMillis + 1) } ?? 60_000
            nextWakeID += 1
            let id = nextWakeID
            let sleeper = Task { [weak self] in
                try? await Task.sleep(for: .milliseconds(min(waitMillis, 60_000)))
                await self?.wake(id)
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    wakeup = (id, continuation)
                }
            } onCancel: {
                Task { await self.wake() }
            }
            sleeper.cancel()
        }
        return []
    }

    private func wake(_ id: UInt64? = nil) {
        guard let current = wakeup, id == nil || current.id == id else { return }
        wakeup = nil
        current.continuation.resume()
    }

    // MARK: Binary heap by fire time

    private func push(_ timer: StoredTask<TimerTask>) {
        heap.append(timer)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func pop() -> StoredTask<TimerTask> {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, less(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, less(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }

    private func less(_ a: StoredTask<TimerTask>, _ b: StoredTask<TimerTask>) -> Bool {
        let (x, y) = (a.task.fireTime.milliseconds, b.task.fireTime.milliseconds)
        return x != y ? x < y : a.id < b.id
    }
}
