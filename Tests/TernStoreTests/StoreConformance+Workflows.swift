import Foundation
import Testing
import TernAPI
import TernCore
@testable import TernStore

extension StoreConformance {
    static func key(_ id: String, namespaceID: String = "ns") -> WorkflowKey {
        WorkflowKey(namespaceID: namespaceID, workflowID: id, runID: "run-\(id)")
    }

    static func commitsAreConditionalAndReadBack(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            let started = start("w")
            let committed = try await store.commit(started)
            #expect(committed.version == 1)
            #expect(try await store.currentExecution(namespaceID: "ns", workflowID: "w")
                == CurrentExecution(runID: "run-w", status: .running, startRequestID: "request-w"))
            // The id is taken: a second first run fails, writing nothing.
            await #expect(throws: StoreError.conditionFailed) { _ = try await store.commit(start("w", run: "other")) }
            #expect(try await store.workflow(WorkflowKey(namespaceID: "ns", workflowID: "w", runID: "other")) == nil)

            var state = started.state
            state.execution.status = .completed
            let update = WorkflowChange(key: key("w"), condition: .version(1), state: state)
            #expect(try await store.commit(update).version == 2)
            await #expect(throws: StoreError.conditionFailed) { _ = try await store.commit(update) }  // version 1 is gone
            let stored = try await store.workflow(key("w"))
            #expect(stored?.version == 2)
            #expect(stored?.state == state)
            #expect(try await store.currentExecution(namespaceID: "ns", workflowID: "w")?.status == .completed)
            #expect(try await store.workflow(key("missing")) == nil)
            #expect(try await store.currentExecution(namespaceID: "ns", workflowID: "missing") == nil)
            // A version change on a run that does not exist fails its condition.
            await #expect(throws: StoreError.conditionFailed) {
                _ = try await store.commit(WorkflowChange(key: key("missing"), condition: .version(1), state: state))
            }
        }
    }

    static func closingARunAndStartingTheNextIsAtomic(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            let first = start("w", run: "r1")
            _ = try await store.commit(first)
            var closed = first.state
            closed.execution.status = .continuedAsNew
            let next = start("w", previous: "r1", run: "r2")
            let results = try await store.commit([
                WorkflowChange(key: first.key, condition: .version(1), state: closed), next,
            ])
            #expect(results.map(\.version) == [2, 1])
            #expect(try await store.currentExecution(namespaceID: "ns", workflowID: "w")?.runID == "r2")
            #expect(try await store.currentExecution(namespaceID: "ns", workflowID: "w")?.status == .running)
            // The pair fails whole when its second change fails: the first is not written either.
            var again = closed
            again.execution.status = .terminated
            await #expect(throws: StoreError.conditionFailed) {
                _ = try await store.commit([
                    WorkflowChange(key: next.key, condition: .version(1), state: again), start("w", previous: "r1", run: "r3"),
                ])
            }
            #expect(try await store.workflow(next.key)?.version == 1)
            #expect(try await store.currentExecution(namespaceID: "ns", workflowID: "w")?.runID == "r2")
        }
    }

    /// Many concurrent callers (batched together): exactly the ones whose condition fails fail,
    /// no landed change is lost, and task ids are distinct.
    static func concurrentCommitsAllLandAndAFailedConditionFailsOnlyItsOwn(_ backend: some StoreBackend) async throws {
        try await backend.withDatabase { database in
            try await database.withStore { store throws in
                _ = try await store.commit(start("taken"))
                let outcomes = await withTaskGroup(of: (String, Bool).self) { group in
                    for i in 0..<50 {
                        let id = i == 25 ? "taken" : "job-\(i)"  // the id is already started: its condition fails
                        group.addTask {
                            do {
                                _ = try await store.commit(start(id))
                                return (id, true)
                            } catch {
                                return (id, false)
                            }
                        }
                    }
                    var all: [String: Bool] = [:]
                    for await (id, ok) in group { all[id] = ok }
                    return all
                }
                #expect(outcomes["taken"] == false)
                #expect(outcomes.filter(\.value).count == 49)
                for i in 0..<50 where i != 25 {
                    #expect(try await store.workflow(key("job-\(i)"))?.version == 1)
                    #expect(try await store.historyEvents(key("job-\(i)"), from: 1, through: nil).count == 2)
                }
                let tasks = try await store.transferTasks()
                #expect(tasks.count == 50)
                #expect(Set(tasks.map(\.id)).count == 50)
            }
            // Durable when they returned.
            try await database.withStore { store throws in
                let tasks = try await store.transferTasks()
                #expect(tasks.count == 50)
            }
        }
    }

    /// Concurrent updates of the same runs from stale and fresh versions: per run, exactly one
    /// caller per version wins, and the final version counts the winners.
    static func concurrentUpdatesOfOneRunFailExactlyTheStaleOnes(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            let runs = (0..<5).map { "w\($0)" }
            var states: [String: WorkflowState] = [:]
            for id in runs {
                let change = start(id)
                states[id] = change.state
                _ = try await store.commit(change)
            }
            let frozen = states
            // Round after round, 8 callers per run all claim the same version: one wins each round.
            for round in Int64(1)...4 {
                let wins = await withTaskGroup(of: (String, Bool).self) { group in
                    for id in runs {
                        for attempt in 0..<8 {
                            group.addTask {
                                var state = frozen[id] ?? WorkflowState()
                                state.execution.memo.fields["attempt"] = .with { $0.data = Data("\(attempt)".utf8) }
                                do {
                                    _ = try await store.commit(WorkflowChange(key: key(id), condition: .version(round), state: state))
                                    return (id, true)
                                } catch StoreError.conditionFailed {
                                    return (id, false)
                                } catch {
                                    Issue.record("unexpected \(error)")
                                    return (id, false)
                                }
                            }
                        }
                    }
                    var wins: [String: Int] = [:]
                    for await (id, won) in group where won { wins[id, default: 0] += 1 }
                    return wins
                }
                #expect(wins == Dictionary(uniqueKeysWithValues: runs.map { ($0, 1) }), "round \(round)")
            }
            for id in runs { #expect(try await store.workflow(key(id))?.version == 5) }
        }
    }

    /// Task rows come back with their ids in the order the change listed them, ids increasing.
    static func taskIDsAreReturnedInOrder(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            var change = start("w")
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            change.transferTasks = (0..<5).map { i in TransferTask.with { $0.taskQueue = "q\(i)" } }
            change.timerTasks = (0..<4).map { i in TimerTask.with { $0.fireTime = now.addingTimeInterval(Double(10 - i)).timestamp } }
            // Another caller in the same batch, to interleave.
            async let other = store.commit(start("x"))
            let committed = try await store.commit(change)
            _ = try await other
            #expect(committed.transferTasks.map(\.task.taskQueue) == ["q0", "q1", "q2", "q3", "q4"])
            let ids = committed.transferTasks.map(\.id)
            #expect(ids == ids.sorted() && Set(ids).count == 5)
            let timerIDs = committed.timerTasks.map(\.id)
            #expect(timerIDs == timerIDs.sorted() && Set(timerIDs).count == 4)
            #expect(committed.timerTasks.map(\.task) == change.timerTasks)
            let stored = try await store.transferTasks().filter { $0.key == key("w") }
            #expect(stored.map(\.id) == ids)
            #expect(stored.map(\.task.taskQueue) == ["q0", "q1", "q2", "q3", "q4"])
            // Timers come due earliest first, then by id.
            let due = try await store.timerTasks(dueBy: now.addingTimeInterval(8.5), limit: 10)
            #expect(due.map(\.id) == [timerIDs[3], timerIDs[2]])
            #expect(try await store.timerTasks(dueBy: now.addingTimeInterval(100), limit: 3).count == 3)
            // Consuming tasks in a change, and deleting stale ones.
            var state = change.state
            state.execution.status = .completed
            _ = try await store.commit(WorkflowChange(
                key: key("w"), condition: .version(1), state: state,
                consumedTransferTaskIDs: [ids[0], ids[1]], consumedTimerTaskIDs: [timerIDs[3]]))
            try await store.deleteTasks(transfer: [ids[4]], timer: [timerIDs[0]])
            #expect(try await store.transferTasks().filter { $0.key == key("w") }.map(\.id) == [ids[2], ids[3]])
            #expect(try await store.timerTasks(dueBy: now.addingTimeInterval(100), limit: 10).map(\.id) == [timerIDs[2], timerIDs[1]])
        }
    }

    static func historyIsReadInRanges(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            let first = start("w")
            _ = try await store.commit(first)
            var events: [HistoryEvent] = []
            for id in Int64(3)...6 { events.append(.with { $0.eventID = id; $0.eventType = .workflowTaskScheduled }) }
            _ = try await store.commit(WorkflowChange(key: key("w"), condition: .version(1), state: first.state, newEvents: Array(events[0..<2])))
            _ = try await store.commit(WorkflowChange(key: key("w"), condition: .version(2), state: first.state, newEvents: Array(events[2...])))
            #expect(try await store.historyEvents(key("w"), from: 1, through: nil).map(\.eventID) == [1, 2, 3, 4, 5, 6])
            #expect(try await store.historyEvents(key("w"), from: 2, through: 4).map(\.eventID) == [2, 3, 4])
            #expect(try await store.historyEvents(key("w"), from: 6, through: nil).map(\.eventID) == [6])
            #expect(try await store.historyEvents(key("w"), from: 7, through: nil).isEmpty)
        }
    }

    static func deleteWorkflowRemovesEverythingOfTheRun(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            var change = start("gone")
            change.timerTasks = [TimerTask.with { $0.fireTime = Date(timeIntervalSince1970: 1).timestamp }]
            change.state.activities = [5: ActivityInfo.with { $0.scheduledEventID = 5; $0.activityID = "a" }]
            change.searchAttributeValues = [IndexedValue(name: "Customer", text: "acme")]
            _ = try await store.commit(change)
            _ = try await store.commit(start("kept"))
            try await store.deleteWorkflow(key("gone"))
            #expect(try await store.workflow(key("gone")) == nil)
            #expect(try await store.currentExecution(namespaceID: "ns", workflowID: "gone") == nil)
            #expect(try await store.historyEvents(key("gone"), from: 1, through: nil).isEmpty)
            #expect(try await store.transferTasks().map(\.key) == [key("kept")])
            #expect(try await store.timerTasks(dueBy: Date(), limit: 10).isEmpty)
            let listed = try await store.listWorkflows(namespaceID: "ns", query: VisibilityQuery(), pageSize: 10, pageToken: Data())
            #expect(listed.executions.map(\.execution.workflowID) == ["kept"])
            // Its id can start again.
            _ = try await store.commit(start("gone"))
        }
    }

    // MARK: Pending activities

    static func activity(_ id: Int64, attempt: Int32 = 1) -> ActivityInfo {
        .with {
            $0.scheduledEventID = id
            $0.activityID = "a\(id)"
            $0.activityType = "echo"
            $0.taskQueue = "q"
            $0.attempt = attempt
        }
    }

    static func pendingActivitiesAreRewrittenByChangeAndReadBack(_ backend: some StoreBackend) async throws {
        try await backend.withStore { store throws in
            let first = start("fan")
            var state = first.state
            for id in Int64(5)...7 { state.activities[id] = activity(id) }
            _ = try await store.commit(WorkflowChange(key: first.key, condition: .newRun(previousCurrentRunID: nil), state: state))
            #expect(try await store.workflow(first.key)?.state == state)
            // Retry 6, complete 7, schedule 8.
            let previous = state.activities
            state.activities[6]?.attempt = 2
            state.activities[7] = nil
            state.activities[8] = activity(8)
            _ = try await store.commit(WorkflowChange(key: first.key, condition: .version(1), state: state, previousActivities: previous))
            #expect(try await store.workflow(first.key)?.state == state)
            // A change that does not know the previous activities replaces them all.
            state.activities = [9: activity(9)]
            _ = try await store.commit(WorkflowChange(key: first.key, condition: .version(2), state: state))
            #expect(try await store.workflow(first.key)?.state == state)
            // Two changes of one run in one call (one batch): the second's rows win.
            var next = state
            next.activities[9]?.attempt = 3
            next.activities[10] = activity(10)
            var last = next
            last.activities[10] = nil
            last.activities[11] = activity(11)
            _ = try await store.commit([
                WorkflowChange(key: first.key, condition: .version(3), state: next, previousActivities: state.activities),
                WorkflowChange(key: first.key, condition: .version(4), state: last, previousActivities: next.activities),
            ])
            let stored = try await store.workflow(first.key)
            #expect(stored?.version == 5)
            #expect(stored?.state == last)
            try await store.deleteWorkflow(first.key)
            #expect(try await store.workflow(first.key) == nil)
        }
    }
}
