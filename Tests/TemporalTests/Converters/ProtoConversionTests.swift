import Foundation
import SwiftProtobuf
import Temporal
import Testing

@Suite struct ProtoConversionTests {
    typealias F = DataLayerFixtures

    @Test func durations() {
        let policy = RetryPolicy(initialInterval: .seconds(3) + .nanoseconds(5), maximumInterval: .milliseconds(1500))
        let proto = Api.Common.V1.RetryPolicy(policy)
        #expect(proto.initialInterval.seconds == 3)
        #expect(proto.initialInterval.nanos == 5)
        #expect(proto.maximumInterval.seconds == 1 && proto.maximumInterval.nanos == 500_000_000)
        #expect(RetryPolicy(proto).initialInterval == .seconds(3) + .nanoseconds(5))
        #expect(RetryPolicy(proto).maximumInterval == .milliseconds(1500))
    }

    @Test func retryPolicy() {
        let policy = RetryPolicy(
            initialInterval: .seconds(1),
            backoffCoefficient: 2,
            maximumInterval: .seconds(30),
            maximumAttempts: 5,
            nonRetryableErrorTypes: ["Fatal"]
        )
        let proto = Api.Common.V1.RetryPolicy(policy)
        #expect(proto.initialInterval.seconds == 1)
        #expect(proto.maximumInterval.seconds == 30)
        #expect(proto.backoffCoefficient == 2)
        #expect(proto.maximumAttempts == 5)
        #expect(proto.nonRetryableErrorTypes == ["Fatal"])
        #expect(RetryPolicy(proto) == policy)

        let empty = Api.Common.V1.RetryPolicy(RetryPolicy())
        #expect(!empty.hasInitialInterval && !empty.hasMaximumInterval)
        #expect(RetryPolicy(empty) == RetryPolicy())
    }

    @Test func priority() {
        let priority = Priority(priorityKey: 2, fairnessKey: "tenant", fairnessWeight: 1.5)
        let proto = Api.Common.V1.Priority(priority)
        #expect(proto.priorityKey == 2 && proto.fairnessKey == "tenant" && proto.fairnessWeight == 1.5)
        #expect(Priority(proto: proto) == priority)
        #expect(Priority(proto: Api.Common.V1.Priority(.default)) == .default)
    }

    @Test func versioningAndEnums() {
        let pinned = Api.Workflow.V1.VersioningOverride(
            .pinned(deploymentVersion: DeploymentVersion(deploymentName: "d", buildId: "b1"))
        )
        #expect(pinned.pinned.version.deploymentName == "d")
        #expect(pinned.pinned.version.buildID == "b1")
        #expect(pinned.pinned.behavior == .pinned)
        #expect(Api.Workflow.V1.VersioningOverride(.autoUpgrade).autoUpgrade)

        #expect(Api.Enums.V1.UpdateWorkflowExecutionLifecycleStage(.accepted) == .accepted)
        #expect(Api.Enums.V1.UpdateWorkflowExecutionLifecycleStage(.completed) == .completed)
        #expect(SuggestContinueAsNewReason(Api.Enums.V1.SuggestContinueAsNewReason.tooManyUpdates) == .tooManyUpdates)
        #expect(SuggestContinueAsNewReason(Api.Enums.V1.SuggestContinueAsNewReason.UNRECOGNIZED(42)) == .unspecified)
        #expect(Api.Enums.V1.SuggestContinueAsNewReason(SuggestContinueAsNewReason.historySizeTooLarge) == .historySizeTooLarge)
    }

    @Test func continueAsNewCommand() throws {
        let error = ContinueAsNewError(
            workflowType: "Greeter",
            taskQueue: "queue",
            inputs: [F.payload("\"next\"")],
            headers: ["h": F.payload("1")],
            runTimeout: .seconds(60),
            taskTimeout: .seconds(10),
            retryPolicy: RetryPolicy(maximumAttempts: 2),
            memo: ["m": TemporalRawValue(F.payload("2"))],
            searchAttributes: SearchAttributeCollection { $0[.keyword("k")] = "v" }
        )
        #expect(error.message == "Continue as new")
        let command = error.commandAttributes()
        #expect(command.workflowType.name == "Greeter")
        #expect(command.taskQueue.name == "queue")
        #expect(command.taskQueue.kind == .normal)
        #expect(command.input.payloads == [F.payload("\"next\"")])
        #expect(command.header.fields["h"] == F.payload("1"))
        #expect(command.workflowRunTimeout.seconds == 60)
        #expect(command.workflowTaskTimeout.seconds == 10)
        #expect(command.retryPolicy.maximumAttempts == 2)
        #expect(command.memo.fields["m"] == F.payload("2"))
        #expect(command.searchAttributes.indexedFields["k"]?.metadata["type"] == Data("Keyword".utf8))

        let minimal = ContinueAsNewError(workflowType: "W", taskQueue: "q", inputs: []).commandAttributes()
        #expect(!minimal.hasInput && !minimal.hasRetryPolicy && !minimal.hasMemo && !minimal.hasSearchAttributes)
        #expect(!minimal.hasWorkflowRunTimeout && !minimal.hasHeader)
    }

    @Test func continueAsNewFromOptions() throws {
        let options = ContinueAsNewOptions(
            taskTimeout: .seconds(5),
            retryPolicy: RetryPolicy(maximumAttempts: 1),
            memo: ["note": "hi"],
            searchAttributes: SearchAttributeCollection { $0[.int("n")] = 1 }
        )
        let error = try ContinueAsNewError(
            workflowName: "Next",
            options: options,
            input: [F.payload("1")],
            payloadConverter: DefaultPayloadConverter()
        )
        let inherited = error.commandAttributes(defaultTaskQueue: "current")
        #expect(inherited.workflowType.name == "Next")
        #expect(inherited.taskQueue.name == "current")
        #expect(inherited.workflowTaskTimeout.seconds == 5)
        #expect(!inherited.hasWorkflowRunTimeout)
        #expect(inherited.retryPolicy.maximumAttempts == 1)
        #expect(inherited.memo.fields["note"] == (try DefaultPayloadConverter().convertValue("hi")))
        #expect(inherited.searchAttributes.indexedFields["n"]?.metadata["type"] == Data("Int".utf8))
        #expect(!error.commandAttributes().hasTaskQueue)

        let moved = try ContinueAsNewError(
            workflowName: "Next",
            options: ContinueAsNewOptions(taskQueue: "elsewhere"),
            input: [],
            payloadConverter: DefaultPayloadConverter()
        )
        #expect(moved.commandAttributes(defaultTaskQueue: "current").taskQueue.name == "elsewhere")
        #expect(!moved.commandAttributes().hasMemo)

        #expect(throws: ArgumentError.self) {
            try ContinueAsNewError(
                workflowName: "Next",
                options: ContinueAsNewOptions(memo: ["bad": F.NotCodable()]),
                input: [],
                payloadConverter: DefaultPayloadConverter()
            )
        }
    }

    @Test func workflowInfoFromStartedAttributesSynchronously() {
        var attributes = Api.History.V1.WorkflowExecutionStartedEventAttributes()
        attributes.workflowType.name = "Greeter"
        attributes.workflowID = "wf"
        attributes.originalExecutionRunID = "run"
        attributes.taskQueue.name = "queue"
        attributes.workflowTaskTimeout.seconds = 10
        attributes.header.fields["h"] = F.payload("1")
        attributes.lastCompletionResult.payloads = [F.payload("2")]
        attributes.continuedFailure.message = "earlier"
        attributes.continuedFailure.failureInfo = .timeoutFailureInfo(.with { $0.timeoutType = .startToClose })
        let start = Date(timeIntervalSince1970: 1_000)
        let info = WorkflowInfo(started: attributes, startTime: start, namespace: "ns", taskQueue: "queue")
        #expect(info.workflowID == "wf")
        #expect(info.runID == "run")
        #expect(info.firstExecutionRunId == "run")
        #expect(info.attempt == 1)
        #expect(info.startTime == start)
        #expect(info.taskTimeout == .seconds(10))
        #expect(info.headers["h"] == F.payload("1"))
        #expect(info.lastResult == [TemporalRawValue(F.payload("2"))])
        #expect((info.lastFailure as? TimeoutError)?.type == .startToClose)
    }

    @Test func searchAttributeWireValueHelpers() {
        let collection = SearchAttributeCollection { $0[.keyword("k")] = "v" }
        var wire = collection.wireValue
        #expect(wire == Api.Common.V1.SearchAttributes(collection))
        var bad = F.payload("{")
        bad.metadata["type"] = Data("Keyword".utf8)
        wire.indexedFields["broken"] = bad
        let read = SearchAttributeCollection(wireValue: wire)
        #expect(read == collection)
    }

    @Test func workflowInfoFromStartedEvent() async throws {
        var attributes = Api.History.V1.WorkflowExecutionStartedEventAttributes()
        attributes.workflowType.name = "Greeter"
        attributes.taskQueue.name = "queue"
        attributes.attempt = 2
        attributes.continuedExecutionRunID = "previous"
        attributes.firstExecutionRunID = "first"
        attributes.workflowRunTimeout.seconds = 30
        attributes.workflowExecutionTimeout.seconds = 90
        attributes.cronSchedule = "* * * * *"
        attributes.parentWorkflowNamespace = "ns"
        attributes.parentWorkflowExecution.workflowID = "parent"
        attributes.parentWorkflowExecution.runID = "parent-run"
        attributes.rootWorkflowExecution.workflowID = "root"
        attributes.rootWorkflowExecution.runID = "root-run"
        attributes.retryPolicy.maximumAttempts = 4
        attributes.priority.priorityKey = 3
        attributes.header.fields["h"] = F.payload("1")
        attributes.lastCompletionResult.payloads = [F.payload("\"last\"")]
        attributes.continuedFailure.message = "previous failed"
        attributes.continuedFailure.failureInfo = .applicationFailureInfo(.init())

        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var event = Api.History.V1.HistoryEvent()
        event.eventID = 1
        event.eventTime = Google_Protobuf_Timestamp(date: start)
        event.workflowExecutionStartedEventAttributes = attributes
        let info = try await WorkflowInfo(
            startedEvent: event,
            workflowID: "wf",
            runID: "run",
            namespace: "default",
            dataConverter: .default
        )
        #expect(info.attempt == 2)
        #expect(info.workflowName == "Greeter" && info.workflowType == "Greeter")
        #expect(info.workflowID == "wf" && info.runID == "run" && info.namespace == "default")
        #expect(info.taskQueue == "queue")
        #expect(info.startTime == start)
        #expect(info.continuedRunID == "previous")
        #expect(info.firstExecutionRunId == "first")
        #expect(info.runTimeout == .seconds(30))
        #expect(info.executionTimeout == .seconds(90))
        #expect(info.taskTimeout == nil)
        #expect(info.cronSchedule == "* * * * *")
        #expect(info.parent?.workflowID == "parent" && info.parent?.namespace == "ns")
        #expect(info.root?.runID == "root-run")
        #expect(info.retryPolicy?.maximumAttempts == 4)
        #expect(info.priority?.priorityKey == 3)
        #expect(info.headers["h"] == F.payload("1"))
        #expect(info.lastResult == [TemporalRawValue(F.payload("\"last\""))])
        #expect((info.lastFailure as? ApplicationError)?.message == "previous failed")

        var bare = Api.History.V1.HistoryEvent()
        bare.workflowExecutionStartedEventAttributes.workflowType.name = "W"
        let minimal = try await WorkflowInfo(
            startedEvent: bare, workflowID: "w", runID: "r", namespace: "n", dataConverter: .default
        )
        #expect(minimal.attempt == 1)
        #expect(minimal.firstExecutionRunId == "r")
        #expect(minimal.parent == nil && minimal.retryPolicy == nil && minimal.lastResult == nil)
    }

    @Test func executionDescriptionAndCount() async throws {
        var response = Api.Workflowservice.V1.DescribeWorkflowExecutionResponse()
        response.workflowExecutionInfo.type.name = "Greeter"
        response.workflowExecutionInfo.execution.workflowID = "wf"
        response.workflowExecutionInfo.execution.runID = "run"
        response.workflowExecutionInfo.taskQueue = "queue"
        response.workflowExecutionInfo.historyLength = 12
        response.workflowExecutionInfo.status = .completed
        response.workflowExecutionInfo.startTime = .init(seconds: 1_700_000_000)
        response.workflowExecutionInfo.memo.fields["m"] = F.payload("1")
        response.executionConfig.userMetadata.summary = try DefaultPayloadConverter().convertValue("sum")
        let description = try await WorkflowExecutionDescription(response, dataConverter: .default)
        #expect(description.execution.workflowID == "wf")
        #expect(description.execution.historyLength == 12)
        #expect(description.execution.status == .completed)
        #expect(description.execution.closeTime == nil)
        #expect(description.execution.parentWorkflowID == nil)
        #expect(description.execution.memo["m"] == TemporalRawValue(F.payload("1")))
        #expect(description.staticSummary == "sum")
        #expect(description.staticDetails == nil)

        var countResponse = Api.Workflowservice.V1.CountWorkflowExecutionsResponse()
        countResponse.count = 5
        var group = Api.Workflowservice.V1.CountWorkflowExecutionsResponse.AggregationGroup()
        group.count = 5
        var status = F.payload(#""Running""#)
        status.metadata["type"] = Data("Keyword".utf8)
        group.groupValues = [status]
        countResponse.groups = [group]
        let count = WorkflowExecutionCount(countResponse)
        #expect(count.count == 5)
        #expect(count.groups.first?.values.first as? String == "Running")
    }
}
