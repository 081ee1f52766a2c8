import Foundation
import TernAPI
import Testing
@testable import TernCore

@Suite("VersionSetRules: the deprecated version-set API")
struct VersionSetRulesTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func apply(_ data: inout TaskQueueVersionSets, _ operation: BuildIDCompatibilityUpdate.OneOf_Operation) throws {
        let request = BuildIDCompatibilityUpdate.with { $0.namespace = "default"; $0.taskQueue = "q"; $0.operation = operation }
        try VersionSetRules.validate(request)
        data = try VersionSetRules.apply(request, to: data, now: now)
    }

    func ids(_ data: TaskQueueVersionSets) -> [[String]] { data.sets.map { $0.buildIds.map(\.id) } }

    func compatible(_ id: String, with existing: String, makeDefault: Bool = false) -> BuildIDCompatibilityUpdate.OneOf_Operation {
        .addNewCompatibleBuildID(.with {
            $0.newBuildID = id
            $0.existingCompatibleBuildID = existing
            $0.makeSetDefault = makeDefault
        })
    }

    @Test func operationsReorderSetsAndDefaults() throws {
        var data = TaskQueueVersionSets()
        try apply(&data, .addNewBuildIDInNewDefaultSet("1.0"))
        try apply(&data, compatible("1.1", with: "1.0"))
        try apply(&data, .promoteBuildIDWithinSet("1.0"))
        #expect(ids(data) == [["1.1", "1.0"]])
        try apply(&data, .addNewBuildIDInNewDefaultSet("2.0"))
        try apply(&data, .promoteSetByBuildID("1.0"))
        #expect(ids(data) == [["2.0"], ["1.1", "1.0"]])
        try apply(&data, .mergeSets(.with { $0.primarySetBuildID = "2.0"; $0.secondarySetBuildID = "1.0" }))
        #expect(ids(data) == [["1.1", "1.0", "2.0"]])
        #expect(VersionSetRules.compatibility(data, maxSets: 0).majorVersionSets.map(\.buildIds) == [["1.1", "1.0", "2.0"]])
    }

    @Test func mergeKeepsTheLaterSetsPlace() throws {
        var data = TaskQueueVersionSets()
        try apply(&data, .addNewBuildIDInNewDefaultSet("a"))
        try apply(&data, .addNewBuildIDInNewDefaultSet("b"))
        try apply(&data, .addNewBuildIDInNewDefaultSet("c"))
        // a (oldest) absorbs c (the default): the merged set stays the default, a's id last.
        try apply(&data, .mergeSets(.with { $0.primarySetBuildID = "a"; $0.secondarySetBuildID = "c" }))
        #expect(ids(data) == [["b"], ["c", "a"]])
    }

    @Test func repeatsChangeNothingAndConflictsAreRefused() throws {
        var data = TaskQueueVersionSets()
        try apply(&data, .addNewBuildIDInNewDefaultSet("1"))
        let once = data
        try apply(&data, .addNewBuildIDInNewDefaultSet("1"))
        #expect(data == once)
        try apply(&data, compatible("1.1", with: "1"))
        try apply(&data, .addNewBuildIDInNewDefaultSet("2"))
        #expect(throws: TernError.invalidArgument("version 1.1 already exists")) {
            try apply(&data, .addNewBuildIDInNewDefaultSet("1.1"))
        }
        #expect(throws: TernError.invalidArgument("version 1.1 already exists and is not default for queue")) {
            try apply(&data, compatible("1.1", with: "1", makeDefault: true))
        }
        #expect(throws: TernError(.notFound, "targeted version 9 not found")) {
            try apply(&data, .promoteSetByBuildID("9"))
        }
    }

    @Test func limitsAndValidation() throws {
        var data = TaskQueueVersionSets()
        for i in 0..<VersionSetRules.maxSets { try apply(&data, .addNewBuildIDInNewDefaultSet("\(i)")) }
        #expect(throws: TernError(.failedPrecondition,
            "update would exceed number of compatible version sets permitted in namespace dynamic config (11/10)")) {
            try apply(&data, .addNewBuildIDInNewDefaultSet("one-too-many"))
        }
        #expect(throws: TernError.invalidArgument(
            "request to update worker build ID compatability requires: , `task_queue` to be set, an operation to be specified")) {
            try VersionSetRules.validate(.with { $0.namespace = "default" })
        }
    }

    @Test func reachabilityPlans() throws {
        var data = TaskQueueVersionSets()
        data.taskQueue = "q"
        try apply(&data, .addNewBuildIDInNewDefaultSet("1"))
        try apply(&data, compatible("1.1", with: "1"))
        try apply(&data, .addNewBuildIDInNewDefaultSet("2"))
        let latest = VersionSetReachability.plan(buildID: "2", taskQueue: "q", sets: data, type: .unspecified, now: now)
        #expect(latest.newWorkflows)
        #expect(latest.existingQuery == "TaskQueue = 'q' AND (BuildIds IS NULL OR BuildIds IN ('versioned:2'))")
        let demoted = VersionSetReachability.plan(
            buildID: "1.1", taskQueue: "q", sets: data, type: .closedWorkflows, now: now.addingTimeInterval(600))
        #expect(!demoted.newWorkflows)
        #expect(demoted.existingQuery
            == "TaskQueue = 'q' AND BuildIds IN ('versioned:1','versioned:1.1') AND ExecutionStatus != 'Running'")
        #expect(demoted.existingType == .closedWorkflows)
        let superseded = VersionSetReachability.plan(buildID: "1", taskQueue: "q", sets: data, type: .unspecified, now: now)
        #expect(superseded == VersionSetReachability.Plan())
        let unversioned = VersionSetReachability.plan(buildID: "", taskQueue: "x", sets: nil, type: .newWorkflows, now: now)
        #expect(unversioned.newWorkflows && unversioned.existingQuery == nil)
        #expect(VersionSetReachability.taskQueues(naming: "1.1", in: [data]) == ["q"])
    }
}
