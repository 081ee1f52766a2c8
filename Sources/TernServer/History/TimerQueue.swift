import Foundation
import TernCore
import TernStore

/// Durable timers waiting to fire, in memory, earliest first. The rows live in the store; this
/// holds what is armed and hands due timers to the engine.
actor TimerQueue {
    private var heap: [StoredTask<TimerTask>] = []
    private let clock: ServerClock
    /// Rung when an earlier timer arrives, or when a skipping clock jumps to the next one.
    private let alarm = Alarm()
    /// This queue as a source of deadlines for a skipping clock.
    private let source: Int

    init(clock: ServerClock) {
        self.clock = clock
        let alarm = self.alarm
        source = clock.register { alarm.ring() }
    }

    func add(_ timers: [StoredTask<TimerTask>]) {
        guard !timers.isEmpty else { return }
        let earliestBefore = heap.first?.task.fireTime.milliseconds
        for timer in timers { push(timer) }
        if let first = heap.first?.task.fireTime.milliseconds, earliestBefore.map({ first < $0 }) ?? true {
            clock.setDeadline(source, heap.first?.task.fireTime.date)
            alarm.ring()
        }
    }

    var count: Int { heap.count }

    /// Waits until at least one timer is due and returns all due timers. Each returned timer
    /// holds a skipping clock still until the caller releases it (`ServerClock.release`), once
    /// the timer is applied: time must not move on between a timer firing and its effect.
    func nextDue() async -> [StoredTask<TimerTask>] {
        while !Task.isCancelled {
            let now = clock.now()
            var due: [StoredTask<TimerTask>] = []
            // Compare exact times: a timer handed out before its deadline would find nothing to do.
            while let first = heap.first, first.task.fireTime.date <= now {
                due.append(pop())
            }
            clock.hold(due.count)
            clock.setDeadline(source, heap.first?.task.fireTime.date)
            if !due.isEmpty { return due }
            await clock.wait(until: heap.first?.task.fireTime.date, ringing: alarm)
        }
        return []
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
