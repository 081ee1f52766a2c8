import Foundation
import Temporal
import Testing

/// Histories exported as JSON — by the `temporal` CLI from Tern and from Temporal's own dev server,
/// and in the web UI's download form — read back and replayed against the code that wrote them and
/// against changed code.
@Suite("JSONHistoryReplay")
struct JSONHistoryReplayTests {
    static let directory = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Histories")

    /// Every committed export of `GreetingFixture.Greeting`.
    static let fixtures = [
        "greeting-tern.json",  // temporal workflow show --output json, from `tern server start-dev`
        "greeting-temporal.json",  // the same, from `temporal server start-dev`
        "greeting-tern-ui.json",  // greeting-tern.json in the web UI's download form
        "greeting-temporal-ui.json",  // greeting-temporal.json in the web UI's download form
    ]

    static func history(_ file: String) throws -> WorkflowHistory {
        let data = try Data(contentsOf: directory.appending(path: file))
        return try WorkflowHistory.fromJSON(workflowID: GreetingFixture.workflowID, jsonData: data)
    }

    @Test(arguments: fixtures)
    func aFixtureReplaysAgainstTheWorkflowThatWroteIt(file: String) async throws {
        let history = try Self.history(file)
        #expect(history.id == GreetingFixture.workflowID)
        #expect(history.events.first?.eventType == .workflowExecutionStarted)
        #expect(history.events.last?.eventType == .workflowExecutionCompleted)
        let replayer = WorkflowReplayer(configuration: .init(workflows: [GreetingFixture.Greeting.self]))
        let result = try await replayer.replayWorkflow(history: history)
        #expect(result.replayFailure == nil)
        #expect(result.history.events.count == history.events.count)
    }

    @Test(arguments: fixtures)
    func anotherActivityTypeIsReportedNondeterministic(file: String) async throws {
        let history = try Self.history(file)
        let scheduled = try #require(history.events.first { $0.eventType == .activityTaskScheduled })
        let replayer = WorkflowReplayer(configuration: .init(workflows: [GreetingFixture.OtherActivity.self]))
        let error = await #expect(throws: WorkflowNondeterminismError.self) {
            try await replayer.replayWorkflow(history: history)
        }
        let message = try #require(error?.message)
        #expect(message.hasPrefix("[TMPRL1100]"), "\(message)")
        #expect(message.contains("ScheduleActivityTask"), "\(message)")
        #expect(message.contains("Shout"), "names the command's activity type: \(message)")
        #expect(message.contains("history event \(scheduled.eventID)"), "names the event: \(message)")
        #expect(message.contains("Compose"), "names what the history holds: \(message)")
    }

    @Test(arguments: fixtures)
    func aTimerInsteadOfTheActivityIsReportedNondeterministic(file: String) async throws {
        let history = try Self.history(file)
        let scheduled = try #require(history.events.first { $0.eventType == .activityTaskScheduled })
        let replayer = WorkflowReplayer(configuration: .init(workflows: [GreetingFixture.TimerInsteadOfActivity.self]))
        // Collected instead of thrown when asked.
        let result = try await replayer.replayWorkflow(history: history, throwOnReplayFailure: false)
        let error = try #require(result.replayFailure as? WorkflowNondeterminismError)
        #expect(error.message.hasPrefix("[TMPRL1100]"), "\(error.message)")
        #expect(error.message.contains("StartTimer"), "names the command: \(error.message)")
        #expect(error.message.contains("history event \(scheduled.eventID)"), "names the event: \(error.message)")
        #expect(error.message.contains("activityTaskScheduled"), "names the event's type: \(error.message)")
    }

    @Test func historiesOfSeveralRunsReplayTogether() async throws {
        let histories = try Self.fixtures.map(Self.history)
        let replayer = WorkflowReplayer(configuration: .init(workflows: [GreetingFixture.OtherActivity.self]))
        let results = try await replayer.replayWorkflows(histories: histories, throwOnReplayFailure: false)
        #expect(results.count == histories.count)
        #expect(results.allSatisfy { $0.replayFailure is WorkflowNondeterminismError })
    }

    /// Conformance: Tern's history of the workflow has the events Temporal's has, in the same order.
    @Test func ternAndTemporalExportsHoldTheSameEventTypes() throws {
        let tern = try Self.history("greeting-tern.json").events.map(\.eventType)
        let temporal = try Self.history("greeting-temporal.json").events.map(\.eventType)
        #expect(tern == temporal)
        #expect(tern.contains(.timerFired) && tern.contains(.activityTaskCompleted) && tern.contains(.workflowExecutionSignaled))
    }

    /// The UI's form decodes to exactly what the CLI's form of the same history decodes to.
    @Test(arguments: [("greeting-tern.json", "greeting-tern-ui.json"), ("greeting-temporal.json", "greeting-temporal-ui.json")])
    func theUIFormDecodesLikeTheCLIForm(cli: String, ui: String) throws {
        let fromCLI = try Self.history(cli)
        let fromUI = try Self.history(ui)
        #expect(fromUI.events == fromCLI.events)
        // The UI file really is in the older form.
        let text = try String(contentsOf: Self.directory.appending(path: ui), encoding: .utf8)
        #expect(text.contains("\"WorkflowExecutionStarted\"") && !text.contains("EVENT_TYPE_"))
    }

    @Test func toJSONReadsBack() throws {
        let history = try Self.history("greeting-temporal.json")
        let again = try WorkflowHistory.fromJSON(workflowID: history.id, jsonData: try history.toJSON())
        #expect(again.events == history.events)
        let fromText = try WorkflowHistory.fromJSON(
            workflowID: history.id, json: String(decoding: try history.toJSON(), as: UTF8.self))
        #expect(fromText.events == history.events)
    }

    @Test func shortEnumSpellingsBecomeProtobufConstants() throws {
        let json = """
            [{"eventId": "1", "eventType": "WorkflowExecutionStarted",
              "workflowExecutionStartedEventAttributes": {
                "workflowType": {"name": "WorkflowExecutionStarted"},
                "taskQueue": {"name": "Normal", "kind": "Sticky"},
                "initiator": "CronSchedule",
                "parentClosePolicy": "RequestCancel"}},
             {"eventId": "2", "eventType": "WorkflowTaskFailed",
              "workflowTaskFailedEventAttributes": {"cause": "UnhandledCommand",
                "failure": {"message": "m", "timeoutFailureInfo": {"timeoutType": "StartToClose"},
                  "cause": {"message": "inner", "applicationFailureInfo": {"category": "Benign"}}}}},
             {"eventId": "3", "eventType": "EVENT_TYPE_ACTIVITY_TASK_FAILED",
              "activityTaskFailedEventAttributes": {"retryState": "MaximumAttemptsReached"}}]
            """
        let history = try WorkflowHistory.fromJSON(workflowID: "from-argument", json: json)
        #expect(history.id == "from-argument", "the start event names no workflow id")
        let started = history.events[0].workflowExecutionStartedEventAttributes
        #expect(started.workflowType.name == "WorkflowExecutionStarted", "names are not enums")
        #expect(started.taskQueue.name == "Normal" && started.taskQueue.kind == .sticky)
        #expect(started.initiator == .cronSchedule)
        let failed = history.events[1].workflowTaskFailedEventAttributes
        #expect(history.events[1].eventType == .workflowTaskFailed)
        #expect(failed.cause == .unhandledCommand)
        #expect(failed.failure.timeoutFailureInfo.timeoutType == .startToClose)
        #expect(failed.failure.cause.applicationFailureInfo.category == .benign)
        #expect(history.events[2].activityTaskFailedEventAttributes.retryState == .maximumAttemptsReached)
    }

    @Test(arguments: [
        ("not json at all", "not valid JSON"),
        ("{\"history\": []}", "no \"events\" array"),
        ("{\"events\": {}}", "not an array"),
        ("{\"events\": []}", "holds no events"),
        ("42", "neither an object"),
        ("{\"events\": [1]}", "Event 1"),
        ("{\"events\": [{\"eventId\": \"one\"}]}", "is not a workflow history"),
        ("{\"events\": [{\"eventId\": \"1\", \"eventType\": \"TimerFired\"}]}", "must begin with its WorkflowExecutionStarted"),
    ])
    func malformedJSONIsAClearError(json: String, expected: String) throws {
        let error = #expect(throws: ArgumentError.self) {
            try WorkflowHistory.fromJSON(workflowID: "broken", json: json)
        }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "no error")")
    }

    @Test func aFileThatIsNotAHistoryNamesTheProblem() throws {
        let data = Data("{\"events\": [{\"eventId\": \"1\", \"eventType\": \"EVENT_TYPE_NOT_A_THING\"}]}".utf8)
        // An unknown enum constant is dropped like an unknown field (ignoreUnknownFields): the event
        // has no type and no attributes, so it is not the start event.
        let error = #expect(throws: ArgumentError.self) {
            try WorkflowHistory.fromJSON(workflowID: "broken", jsonData: data)
        }
        #expect(error?.message.contains("WorkflowExecutionStarted") == true, "\(error?.message ?? "")")
    }
}

/// A history fetched from a server replays with the same replayer (no JSON involved).
@Suite("FetchedHistoryReplay")
struct FetchedHistoryReplayTests {
    @Test(.timeLimit(.minutes(1)))
    func aHistoryFetchedByWorkflowIDReplays() async throws {
        let history = try await withWorkerAndClient(
            workflows: [GreetingFixture.Greeting.self], containers: [GreetingFixture.Activities()]
        ) { client, taskQueue in
            let id = "greeting-fetched-\(UUID())"
            let handle = try await client.startWorkflow(
                type: GreetingFixture.Greeting.self, options: .init(id: id, taskQueue: taskQueue), input: "Ada")
            try await handle.signal(signalType: GreetingFixture.Greeting.Approve.self, input: "Grace")
            _ = try await handle.result()
            // Only the id is needed: a handle by id fetches the latest run's history.
            return try await client.untypedWorkflowHandle(id: id).fetchHistory()
        }
        let replayer = WorkflowReplayer(configuration: .init(workflows: [GreetingFixture.Greeting.self]))
        #expect(try await replayer.replayWorkflow(history: history).replayFailure == nil)
        // And it survives a trip through JSON.
        let again = try WorkflowHistory.fromJSON(workflowID: history.id, jsonData: try history.toJSON())
        #expect(try await replayer.replayWorkflow(history: again).replayFailure == nil)
    }
}
