import Foundation
import Testing
import TernAPI
import TernCore
@testable import TernStore

@Suite("SQLiteStore: group commit")
struct GroupCommitTests {
    func start(_ id: String) -> WorkflowChange {
        let request = StartWorkflowRequest.with {
            $0.workflowID = id
            $0.workflowType.name = "Job"
            $0.taskQueue.name = "q"
        }
        let machine = WorkflowMachine.start(request, namespaceID: "ns", runID: "run-\(id)", now: Date())
        return WorkflowChange(
            key: WorkflowKey(namespaceID: "ns", workflowID: id, runID: "run-\(id)"),
            condition: .newRun(previousCurrentRunID: nil), state: machine.state, newEvents: machine.newEvents,
            transferTasks: machine.transferTasks)
    }

    @Test func concurrentCommitsAllLandAndAFailedConditionFailsOnlyItsOwn() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tern-\(UUID().uuidString).db").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        _ = try await store.commit(start("taken"))
        let outcomes = await withTaskGroup(of: (String, Bool).self) { group in
            for i in 0..<50 {
                let id = i == 25 ? "taken" : "job-\(i)"  // the id is already started: its condition fails
                group.addTask {
                    do {
                        _ = try await store.commit(self.start(id))
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
            let stored = try await store.workflow(WorkflowKey(namespaceID: "ns", workflowID: "job-\(i)", runID: "run-job-\(i)"))
            #expect(stored?.version == 1)
            #expect(try await store.historyEvents(.init(namespaceID: "ns", workflowID: "job-\(i)", runID: "run-job-\(i)"), from: 1, through: nil).count == 2)
        }
        // Task rows of every landed change are there, with distinct ids; none of the refused one's.
        let tasks = try await store.transferTasks()
        #expect(tasks.count == 50)
        #expect(Set(tasks.map(\.id)).count == 50)
        // Reopening the file finds everything: the commits were durable when they returned.
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.transferTasks().count == 50)
    }
}
