import Foundation
import SwiftProtobuf
import Temporal
import TernAPI
import Testing

/// The generated payload visitor: a codec must reach every user payload of a message, never a
/// search attribute, and headers only when asked. Each test builds a message, encodes it, finds
/// every payload in the result with swift-protobuf's own traversal (independent of the visitor),
/// checks each one's mark, then decodes and expects the original back.
@Suite struct PayloadVisitorTests {
    typealias Payload = Api.Common.V1.Payload
    typealias Payloads = Api.Common.V1.Payloads
    typealias Failure = Api.Failure.V1.Failure
    typealias F = PayloadVisitorFixtures

    @Test func pollWorkflowTaskResponseRoundTrips() async throws {
        let original = try F.pollResponse()
        let encoded = try await F.roundTrip(original)

        let events = encoded.history.events
        let started = events[0].workflowExecutionStartedEventAttributes
        #expect(F.isMarked(started.input.payloads[0]))
        #expect(F.isMarked(started.memo.fields["owner"]))
        #expect(!F.isMarked(started.searchAttributes.indexedFields["CustomKeyword"]))
        #expect(!F.isMarked(started.header.fields["tracing"]))
        let failed = events[4].activityTaskFailedEventAttributes.failure
        #expect(F.isMarked(failed.encodedAttributes))
        #expect(F.isMarked(failed.applicationFailureInfo.details.payloads[0]))
        #expect(F.isMarked(failed.cause.timeoutFailureInfo.lastHeartbeatDetails.payloads[0]))
        #expect(F.isMarked(failed.cause.cause.canceledFailureInfo.details.payloads[0]))
        #expect(F.isMarked(events[5].markerRecordedEventAttributes.details["data"]?.payloads[0]))
        let accepted = events[7].workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.input
        #expect(F.isMarked(accepted.args.payloads[0]))
        #expect(!F.isMarked(accepted.header.fields["tracing"]))
        #expect(F.isMarked(encoded.queries["q1"]?.queryArgs.payloads[0]))
        let request = try Api.Update.V1.Request(unpackingAny: encoded.messages[0].body)
        #expect(F.isMarked(request.input.args.payloads[0]))

        try F.expectEveryPayloadMarked(in: encoded, headers: false, atLeast: 30)
    }

    @Test func workflowTaskCompletionRoundTrips() async throws {
        let original = try F.taskCompletion()
        let encoded = try await F.roundTrip(original)

        let commands = encoded.commands
        #expect(F.isMarked(commands[0].scheduleActivityTaskCommandAttributes.input.payloads[0]))
        #expect(F.isMarked(commands[0].userMetadata.summary))
        #expect(F.isMarked(commands[2].failWorkflowExecutionCommandAttributes.failure.applicationFailureInfo.details.payloads[0]))
        #expect(F.isMarked(commands[3].recordMarkerCommandAttributes.details["data"]?.payloads[0]))
        let continued = commands[4].continueAsNewWorkflowExecutionCommandAttributes
        #expect(F.isMarked(continued.memo.fields["owner"]))
        #expect(!F.isMarked(continued.searchAttributes.indexedFields["CustomKeyword"]))
        #expect(!F.isMarked(commands[7].upsertWorkflowSearchAttributesCommandAttributes.searchAttributes.indexedFields["CustomKeyword"]))
        #expect(F.isMarked(encoded.queryResults["q1"]?.answer.payloads[0]))
        let response = try Api.Update.V1.Response(unpackingAny: encoded.messages[0].body)
        #expect(F.isMarked(response.outcome.success.payloads[0]))
        let rejection = try Api.Update.V1.Rejection(unpackingAny: encoded.messages[1].body)
        #expect(F.isMarked(rejection.failure.encodedAttributes))

        try F.expectEveryPayloadMarked(in: encoded, headers: false, atLeast: 25)
    }

    @Test func startWorkflowRequestRoundTrips() async throws {
        let encoded = try await F.roundTrip(F.startRequest())
        #expect(F.isMarked(encoded.input.payloads[1]))
        #expect(F.isMarked(encoded.memo.fields["owner"]))
        #expect(F.isMarked(encoded.userMetadata.details))
        #expect(!F.isMarked(encoded.header.fields["tracing"]))
        #expect(!F.isMarked(encoded.searchAttributes.indexedFields["CustomKeyword"]))
        try F.expectEveryPayloadMarked(in: encoded, headers: false, atLeast: 8)
    }

    @Test func createScheduleRequestRoundTrips() async throws {
        let encoded = try await F.roundTrip(F.scheduleRequest())
        let action = encoded.schedule.action.startWorkflow
        #expect(F.isMarked(action.input.payloads[0]))
        #expect(F.isMarked(action.memo.fields["owner"]))
        #expect(F.isMarked(encoded.memo.fields["owner"]))
        #expect(!F.isMarked(action.searchAttributes.indexedFields["CustomKeyword"]))
        #expect(!F.isMarked(encoded.searchAttributes.indexedFields["CustomKeyword"]))
        try F.expectEveryPayloadMarked(in: encoded, headers: false, atLeast: 6)
    }

    @Test func headersAreEncodedWhenAsked() async throws {
        let poll = try await F.roundTrip(try F.pollResponse(), includingHeaders: true)
        #expect(F.isMarked(poll.history.events[0].workflowExecutionStartedEventAttributes.header.fields["tracing"]))
        try F.expectEveryPayloadMarked(in: poll, headers: true, atLeast: 30)

        let completion = try await F.roundTrip(try F.taskCompletion(), includingHeaders: true)
        try F.expectEveryPayloadMarked(in: completion, headers: true, atLeast: 25)

        let start = try await F.roundTrip(F.startRequest(), includingHeaders: true)
        #expect(F.isMarked(start.header.fields["tracing"]))
        try F.expectEveryPayloadMarked(in: start, headers: true, atLeast: 8)
    }

    @Test func payloadsGoAsOneBatchAndMapValuesOneByOne() async throws {
        let log = BatchLog()
        let visitor = PayloadVisitor { payloads in
            await log.record(payloads.count)
            return payloads
        }
        var request = Api.Workflowservice.V1.StartWorkflowExecutionRequest()
        request.input = F.payloads("a", "b", "c")
        request.memo.fields = ["x": F.payload("1"), "y": F.payload("2")]
        try await visitor.visit(&request)
        #expect(await log.sizes.sorted() == [1, 1, 3])
    }

    @Test func aPackingCodecMayShrinkPayloadsButNotASingleField() async throws {
        let packing = PayloadVisitor { payloads in [payloads.last ?? Payload()] }
        var signal = Api.Workflowservice.V1.SignalWorkflowExecutionRequest()
        signal.input = F.payloads("a", "b")
        try await packing.visit(&signal)
        #expect(signal.input.payloads == [F.payload("b")])

        let doubling = PayloadVisitor { payloads in payloads + payloads }
        await #expect(throws: (any Error).self) {
            var failure = Failure()
            failure.encodedAttributes = F.payload("attributes")
            try await doubling.visit(&failure)
        }
    }

    @Test func absentFieldsStayAbsentAndCostNoCodecCall() async throws {
        let log = BatchLog()
        let visitor = PayloadVisitor { payloads in
            await log.record(payloads.count)
            return payloads
        }
        var request = Api.Workflowservice.V1.StartWorkflowExecutionRequest()
        request.workflowID = "w"
        request.input = Payloads()  // present but empty
        let original = request
        try await visitor.visit(&request)
        #expect(request == original)
        #expect(!request.hasMemo && !request.hasHeader && !request.hasContinuedFailure)
        #expect(await log.sizes.isEmpty)
    }

    @Test func anyBodiesOtherThanUpdatesAreLeftAlone() async throws {
        var message = F.ProtocolMessage()
        message.body = try Google_Protobuf_Any(message: F.payloads("not an update body"))
        let original = message
        try await F.codec.encode(&message)
        #expect(message == original)
    }

    @Test func dataConverterWithoutCodecLeavesMessagesAlone() async throws {
        var request = F.startRequest()
        try await DataConverter.default.encode(&request)
        #expect(request == F.startRequest())
        let coded = DataConverter(
            payloadConverter: DefaultPayloadConverter(),
            failureConverter: DefaultFailureConverter(),
            payloadCodec: F.codec
        )
        try await coded.encode(&request)
        #expect(F.isMarked(request.input.payloads[0]))
        try await coded.decode(&request)
        #expect(request == F.startRequest())
    }
}

private actor BatchLog {
    var sizes: [Int] = []
    func record(_ size: Int) { sizes.append(size) }
}

/// Messages full of payloads, a codec that marks what it encodes, and the checks the tests share.
enum PayloadVisitorFixtures {
    // `Api.`Protocol`.V1.Message` reads as a metatype outside the Temporal module.
    typealias ProtocolMessage = Temporal_Api_Protocol_V1_Message
    typealias Payload = Api.Common.V1.Payload
    typealias Payloads = Api.Common.V1.Payloads
    typealias Failure = Api.Failure.V1.Failure
    typealias HistoryEvent = Api.History.V1.HistoryEvent
    typealias Command = Api.Command.V1.Command

    /// Wraps each payload whole (metadata and data, bytes reversed) under `binary/test-marked`,
    /// and refuses to decode anything it did not mark.
    struct MarkingCodec: PayloadCodec {
        static let encoding = Data("binary/test-marked".utf8)
        struct NotMarked: Error {}

        func encode(payloads: some Collection<Payload>) async throws -> [Payload] {
            try payloads.map { payload in
                var marked = Payload()
                marked.metadata = ["encoding": Self.encoding]
                let bytes: Data = try payload.serializedBytes()
                marked.data = Data(bytes.reversed())
                return marked
            }
        }

        func decode(payloads: some Collection<Payload>) async throws -> [Payload] {
            try payloads.map { payload in
                guard payload.metadata["encoding"] == Self.encoding else { throw NotMarked() }
                return try Payload(serializedBytes: Data(payload.data.reversed()))
            }
        }
    }

    static let codec = MarkingCodec()

    static func isMarked(_ payload: Payload?) -> Bool {
        payload?.metadata["encoding"] == MarkingCodec.encoding
    }

    /// Encodes `original`, decodes it again, expects it back unchanged; returns the encoded form.
    static func roundTrip<Message: PayloadVisitable & SwiftProtobuf.Message & Equatable>(
        _ original: Message,
        includingHeaders: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Message {
        var message = original
        try await codec.encode(&message, includingHeaders: includingHeaders)
        let encoded = message
        #expect(encoded != original, sourceLocation: sourceLocation)
        try await codec.decode(&message, includingHeaders: includingHeaders)
        #expect(message == original, sourceLocation: sourceLocation)
        return encoded
    }

    /// Every payload of `message` (found by swift-protobuf's traversal, not by the visitor) is
    /// marked, except search attributes (never) and headers (only when `headers`).
    static func expectEveryPayloadMarked(
        in message: some SwiftProtobuf.Message,
        headers: Bool,
        atLeast minimum: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let found = try PayloadCensus.take(message)
        #expect(found.count >= minimum, "only \(found.count) payloads in the fixture", sourceLocation: sourceLocation)
        #expect(found.contains { $0.inSearchAttributes }, sourceLocation: sourceLocation)
        #expect(found.contains { $0.inHeader }, sourceLocation: sourceLocation)
        for entry in found {
            let expected = entry.inSearchAttributes ? false : entry.inHeader ? headers : true
            #expect(isMarked(entry.payload) == expected, "\(entry.path)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Building blocks

    static func payload(_ text: String) -> Payload {
        var payload = Payload()
        payload.metadata = ["encoding": Data("json/plain".utf8)]
        payload.data = Data(text.utf8)
        return payload
    }

    static func payloads(_ texts: String...) -> Payloads {
        var payloads = Payloads()
        payloads.payloads = texts.map(payload)
        return payloads
    }

    static func memo() -> Api.Common.V1.Memo {
        var memo = Api.Common.V1.Memo()
        memo.fields = ["owner": payload("\"ops\""), "priority": payload("3")]
        return memo
    }

    static func header() -> Api.Common.V1.Header {
        var header = Api.Common.V1.Header()
        header.fields = ["tracing": payload("\"span-1\"")]
        return header
    }

    static func searchAttributes() -> Api.Common.V1.SearchAttributes {
        var attributes = Api.Common.V1.SearchAttributes()
        attributes.indexedFields = ["CustomKeyword": payload("\"kw\"")]
        return attributes
    }

    static func userMetadata() -> Api.Sdk.V1.UserMetadata {
        var metadata = Api.Sdk.V1.UserMetadata()
        metadata.summary = payload("\"summary\"")
        metadata.details = payload("\"details\"")
        return metadata
    }

    /// An application failure caused by a timeout caused by a cancellation, each with details.
    static func failure(_ message: String) -> Failure {
        var canceled = Failure()
        canceled.message = "canceled"
        canceled.canceledFailureInfo.details = payloads("\"cancel details\"")
        var timeout = Failure()
        timeout.message = "timed out"
        timeout.timeoutFailureInfo.lastHeartbeatDetails = payloads("\"heartbeat\"")
        timeout.cause = canceled
        var failure = Failure()
        failure.message = message
        failure.encodedAttributes = payload("{\"message\":\"\(message)\"}")
        failure.applicationFailureInfo.type = "Oops"
        failure.applicationFailureInfo.details = payloads("\"details\"", "42")
        failure.cause = timeout
        return failure
    }

    static func updateRequest() -> Api.Update.V1.Request {
        var request = Api.Update.V1.Request()
        request.meta.updateID = "u1"
        request.input.name = "rename"
        request.input.args = payloads("\"new name\"")
        request.input.header = header()
        return request
    }

    static func protocolMessage(_ body: some SwiftProtobuf.Message) throws -> ProtocolMessage {
        var message = ProtocolMessage()
        message.id = "m1"
        message.body = try Google_Protobuf_Any(message: body)
        return message
    }

    static func query() -> Api.Query.V1.WorkflowQuery {
        var query = Api.Query.V1.WorkflowQuery()
        query.queryType = "status"
        query.queryArgs = payloads("\"verbose\"")
        query.header = header()
        return query
    }

    // MARK: Messages

    static func pollResponse() throws -> Api.Workflowservice.V1.PollWorkflowTaskQueueResponse {
        var events: [HistoryEvent] = []
        func add(_ fill: (inout HistoryEvent) -> Void) {
            var event = HistoryEvent()
            event.eventID = Int64(events.count + 1)
            fill(&event)
            events.append(event)
        }
        add {
            $0.workflowExecutionStartedEventAttributes.input = payloads("\"order-1\"")
            $0.workflowExecutionStartedEventAttributes.memo = memo()
            $0.workflowExecutionStartedEventAttributes.header = header()
            $0.workflowExecutionStartedEventAttributes.searchAttributes = searchAttributes()
            $0.workflowExecutionStartedEventAttributes.lastCompletionResult = payloads("\"last\"")
            $0.workflowExecutionStartedEventAttributes.continuedFailure = failure("previous run")
        }
        add {
            $0.workflowExecutionSignaledEventAttributes.signalName = "poke"
            $0.workflowExecutionSignaledEventAttributes.input = payloads("1", "2")
            $0.workflowExecutionSignaledEventAttributes.header = header()
        }
        add {
            $0.activityTaskScheduledEventAttributes.input = payloads("\"charge\"")
            $0.activityTaskScheduledEventAttributes.header = header()
            $0.userMetadata = userMetadata()
        }
        add { $0.activityTaskCompletedEventAttributes.result = payloads("\"charged\"") }
        add { $0.activityTaskFailedEventAttributes.failure = failure("card declined") }
        add {
            $0.markerRecordedEventAttributes.markerName = "SideEffect"
            $0.markerRecordedEventAttributes.details = ["data": payloads("7"), "id": payloads("1")]
            $0.markerRecordedEventAttributes.header = header()
            $0.markerRecordedEventAttributes.failure = failure("marker")
        }
        add { $0.childWorkflowExecutionCompletedEventAttributes.result = payloads("\"child done\"") }
        add { $0.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest = updateRequest() }
        add { $0.workflowExecutionUpdateCompletedEventAttributes.outcome.success = payloads("\"renamed\"") }
        add { $0.workflowExecutionUpdateCompletedEventAttributes.outcome.failure = failure("update failed") }
        add {
            $0.workflowExecutionUpdateRejectedEventAttributes.rejectedRequest = updateRequest()
            $0.workflowExecutionUpdateRejectedEventAttributes.failure = failure("rejected")
        }
        add { $0.activityTaskStartedEventAttributes.lastFailure = failure("last attempt") }
        add {
            $0.workflowExecutionContinuedAsNewEventAttributes.input = payloads("\"next\"")
            $0.workflowExecutionContinuedAsNewEventAttributes.memo = memo()
            $0.workflowExecutionContinuedAsNewEventAttributes.header = header()
            $0.workflowExecutionContinuedAsNewEventAttributes.searchAttributes = searchAttributes()
            $0.workflowExecutionContinuedAsNewEventAttributes.lastCompletionResult = payloads("\"so far\"")
        }

        var response = Api.Workflowservice.V1.PollWorkflowTaskQueueResponse()
        response.taskToken = Data([1, 2, 3])
        response.history.events = events
        response.query = query()
        response.queries = ["q1": query(), "q2": query()]
        response.messages = [try protocolMessage(updateRequest())]
        return response
    }

    static func taskCompletion() throws -> Api.Workflowservice.V1.RespondWorkflowTaskCompletedRequest {
        var commands: [Command] = []
        func add(_ fill: (inout Command) -> Void) {
            var command = Command()
            fill(&command)
            commands.append(command)
        }
        add {
            $0.scheduleActivityTaskCommandAttributes.activityID = "a1"
            $0.scheduleActivityTaskCommandAttributes.input = payloads("\"charge\"")
            $0.scheduleActivityTaskCommandAttributes.header = header()
            $0.userMetadata = userMetadata()
        }
        add { $0.completeWorkflowExecutionCommandAttributes.result = payloads("\"done\"") }
        add { $0.failWorkflowExecutionCommandAttributes.failure = failure("workflow failed") }
        add {
            $0.recordMarkerCommandAttributes.markerName = "SideEffect"
            $0.recordMarkerCommandAttributes.details = ["data": payloads("7")]
            $0.recordMarkerCommandAttributes.header = header()
            $0.recordMarkerCommandAttributes.failure = failure("marker")
        }
        add {
            $0.continueAsNewWorkflowExecutionCommandAttributes.input = payloads("\"next\"")
            $0.continueAsNewWorkflowExecutionCommandAttributes.memo = memo()
            $0.continueAsNewWorkflowExecutionCommandAttributes.header = header()
            $0.continueAsNewWorkflowExecutionCommandAttributes.searchAttributes = searchAttributes()
            $0.continueAsNewWorkflowExecutionCommandAttributes.lastCompletionResult = payloads("\"so far\"")
        }
        add {
            $0.startChildWorkflowExecutionCommandAttributes.workflowID = "child"
            $0.startChildWorkflowExecutionCommandAttributes.input = payloads("\"child input\"")
            $0.startChildWorkflowExecutionCommandAttributes.memo = memo()
            $0.startChildWorkflowExecutionCommandAttributes.header = header()
            $0.startChildWorkflowExecutionCommandAttributes.searchAttributes = searchAttributes()
        }
        add {
            $0.signalExternalWorkflowExecutionCommandAttributes.signalName = "poke"
            $0.signalExternalWorkflowExecutionCommandAttributes.input = payloads("1")
            $0.signalExternalWorkflowExecutionCommandAttributes.header = header()
        }
        add { $0.upsertWorkflowSearchAttributesCommandAttributes.searchAttributes = searchAttributes() }
        add { $0.modifyWorkflowPropertiesCommandAttributes.upsertedMemo = memo() }
        add { $0.cancelWorkflowExecutionCommandAttributes.details = payloads("\"bye\"") }

        var answer = Api.Query.V1.WorkflowQueryResult()
        answer.answer = payloads("\"fine\"")
        var refused = Api.Query.V1.WorkflowQueryResult()
        refused.failure = failure("query failed")

        var response = Api.Update.V1.Response()
        response.meta.updateID = "u1"
        response.outcome.success = payloads("\"renamed\"")
        var rejection = Api.Update.V1.Rejection()
        rejection.rejectedRequest = updateRequest()
        rejection.failure = failure("invalid")
        var acceptance = Api.Update.V1.Acceptance()
        acceptance.acceptedRequest = updateRequest()

        var request = Api.Workflowservice.V1.RespondWorkflowTaskCompletedRequest()
        request.taskToken = Data([1, 2, 3])
        request.commands = commands
        request.queryResults = ["q1": answer, "q2": refused]
        request.messages = [try protocolMessage(response), try protocolMessage(rejection), try protocolMessage(acceptance)]
        return request
    }

    static func startRequest() -> Api.Workflowservice.V1.StartWorkflowExecutionRequest {
        var request = Api.Workflowservice.V1.StartWorkflowExecutionRequest()
        request.workflowID = "order-1"
        request.input = payloads("\"order-1\"", "99")
        request.memo = memo()
        request.header = header()
        request.searchAttributes = searchAttributes()
        request.userMetadata = userMetadata()
        request.lastCompletionResult = payloads("\"last\"")
        request.continuedFailure = failure("previous run")
        return request
    }

    static func scheduleRequest() -> Api.Workflowservice.V1.CreateScheduleRequest {
        var request = Api.Workflowservice.V1.CreateScheduleRequest()
        request.scheduleID = "nightly"
        request.schedule.action.startWorkflow.workflowID = "nightly-run"
        request.schedule.action.startWorkflow.input = payloads("\"report\"")
        request.schedule.action.startWorkflow.memo = memo()
        request.schedule.action.startWorkflow.header = header()
        request.schedule.action.startWorkflow.searchAttributes = searchAttributes()
        request.schedule.action.startWorkflow.userMetadata = userMetadata()
        request.memo = memo()
        request.searchAttributes = searchAttributes()
        return request
    }
}

/// Finds every payload in a message with swift-protobuf's own traversal, remembering whether it
/// sits under search attributes or a header. Update bodies inside `Any` are unpacked and walked too.
struct PayloadCensus: SwiftProtobuf.Visitor {
    struct Entry {
        var path: String
        var payload: Api.Common.V1.Payload
        var inSearchAttributes: Bool
        var inHeader: Bool
    }

    static let anyBodies: [any SwiftProtobuf.Message.Type] = [
        Api.Update.V1.Request.self, Api.Update.V1.Acceptance.self,
        Api.Update.V1.Rejection.self, Api.Update.V1.Response.self,
    ]

    private var entries: [Entry] = []
    private var path: [String] = []
    private var types: [String] = []

    static func take(_ message: some SwiftProtobuf.Message) throws -> [Entry] {
        var census = PayloadCensus()
        try census.enter(message, field: "")
        return census.entries
    }

    private mutating func enter(_ message: some SwiftProtobuf.Message, field: String) throws {
        let name = type(of: message).protoMessageName
        let step = field.isEmpty ? name : "\(field)(\(name.split(separator: ".").last ?? ""))"
        if let payload = message as? Api.Common.V1.Payload {
            entries.append(
                Entry(
                    path: (path + [step]).joined(separator: " "),
                    payload: payload,
                    inSearchAttributes: types.contains(Api.Common.V1.SearchAttributes.protoMessageName),
                    inHeader: types.contains(Api.Common.V1.Header.protoMessageName)
                )
            )
            return
        }
        path.append(step)
        types.append(name)
        defer {
            path.removeLast()
            types.removeLast()
        }
        if let any = message as? Google_Protobuf_Any {
            for body in Self.anyBodies {
                try enter(any, as: body)
            }
            return
        }
        try message.traverse(visitor: &self)
    }

    private mutating func enter<Body: SwiftProtobuf.Message>(_ any: Google_Protobuf_Any, as body: Body.Type) throws {
        guard any.isA(body) else { return }
        try enter(try Body(unpackingAny: any), field: "<\(Body.protoMessageName)>")
    }

    mutating func visitSingularMessageField<M: SwiftProtobuf.Message>(value: M, fieldNumber: Int) throws {
        try enter(value, field: "#\(fieldNumber)")
    }

    mutating func visitMapField<KeyType, ValueType>(
        fieldType: _ProtobufMessageMap<KeyType, ValueType>.Type,
        value: _ProtobufMessageMap<KeyType, ValueType>.BaseType,
        fieldNumber: Int
    ) throws {
        for (key, element) in value {
            try enter(element, field: "#\(fieldNumber)[\(key)]")
        }
    }

    // Scalars, enums and maps of them hold no payloads.
    mutating func visitSingularDoubleField(value: Double, fieldNumber: Int) throws {}
    mutating func visitSingularInt64Field(value: Int64, fieldNumber: Int) throws {}
    mutating func visitSingularUInt64Field(value: UInt64, fieldNumber: Int) throws {}
    mutating func visitSingularBoolField(value: Bool, fieldNumber: Int) throws {}
    mutating func visitSingularStringField(value: String, fieldNumber: Int) throws {}
    mutating func visitSingularBytesField(value: Data, fieldNumber: Int) throws {}
    mutating func visitSingularEnumField<E: SwiftProtobuf.Enum>(value: E, fieldNumber: Int) throws {}
    mutating func visitUnknown(bytes: Data) throws {}

    mutating func visitMapField<KeyType, ValueType: MapValueType>(
        fieldType: _ProtobufMap<KeyType, ValueType>.Type,
        value: _ProtobufMap<KeyType, ValueType>.BaseType,
        fieldNumber: Int
    ) throws {}

    mutating func visitMapField<KeyType, ValueType>(
        fieldType: _ProtobufEnumMap<KeyType, ValueType>.Type,
        value: _ProtobufEnumMap<KeyType, ValueType>.BaseType,
        fieldNumber: Int
    ) throws where ValueType.RawValue == Int {}
}
