import Foundation
import SwiftProtobuf
import Temporal
import Testing

@Suite struct FailureRoundTripTests {
    let converter = DefaultFailureConverter()
    let payloads = DefaultPayloadConverter()

    private struct PlainError: Error, CustomStringConvertible {
        var description: String { "plain description" }
    }

    private struct CustomFailure: TemporalFailureError {
        var message = "custom"
        var cause: (any Error)?
        var stackTrace = "custom trace"
    }

    private func roundTrip(_ error: any Error) -> (Api.Failure.V1.Failure, any Error) {
        let failure = converter.convertError(error, payloadConverter: payloads)
        return (failure, converter.convertFailure(failure, payloadConverter: payloads))
    }

    private func detail(_ text: String) throws -> Api.Common.V1.Payload {
        try payloads.convertValue(text)
    }

    @Test func application() throws {
        let original = ApplicationError(
            message: "bad input",
            stackTrace: "at main",
            details: [try detail("d1"), try detail("d2")],
            type: "Validation",
            isNonRetryable: true,
            nextRetryDelay: .milliseconds(1500),
            category: .benign
        )
        let (failure, decoded) = roundTrip(original)
        #expect(failure.message == "bad input")
        #expect(failure.source == "swift-temporal-sdk")
        #expect(failure.stackTrace == "at main")
        let info = failure.applicationFailureInfo
        #expect(info.type == "Validation")
        #expect(info.nonRetryable)
        #expect(info.nextRetryDelay.seconds == 1 && info.nextRetryDelay.nanos == 500_000_000)
        #expect(info.category == .benign)
        #expect(info.details.payloads.count == 2)

        let error = try #require(decoded as? ApplicationError)
        #expect(error.message == original.message)
        #expect(error.stackTrace == original.stackTrace)
        #expect(error.details == original.details)
        #expect(error.type == "Validation")
        #expect(error.isNonRetryable)
        #expect(error.nextRetryDelay == .milliseconds(1500))
        #expect(error.category == .benign)
        #expect(error.cause == nil)
    }

    @Test func applicationDefaults() throws {
        let (failure, decoded) = roundTrip(ApplicationError(message: "m"))
        #expect(failure.failureInfo == .applicationFailureInfo(.init()))
        let error = try #require(decoded as? ApplicationError)
        #expect(error.type == nil)
        #expect(error.nextRetryDelay == nil)
        #expect(error.details.isEmpty)
        #expect(!error.isNonRetryable)
        #expect(error.category == .unspecified)
    }

    @Test func canceled() throws {
        let (failure, decoded) = roundTrip(CanceledError(message: "stop", details: [try detail("why")]))
        #expect(failure.canceledFailureInfo.details.payloads.count == 1)
        let error = try #require(decoded as? CanceledError)
        #expect(error.message == "stop")
        #expect(error.details == [try detail("why")])

        let (bare, _) = roundTrip(CanceledError(message: "stop"))
        #expect(bare.failureInfo == .canceledFailureInfo(.init()))
    }

    @Test func terminated() throws {
        let (failure, decoded) = roundTrip(TerminatedError(message: "by operator", details: []))
        #expect(failure.failureInfo == .terminatedFailureInfo(.init()))
        let error = try #require(decoded as? TerminatedError)
        #expect(error.message == "by operator")
        #expect(error.details.isEmpty)
    }

    @Test func timeout() throws {
        let original = TimeoutError(
            message: "too slow",
            type: .scheduleToClose,
            lastHeartbeatDetails: [try detail("progress")]
        )
        let (failure, decoded) = roundTrip(original)
        #expect(failure.timeoutFailureInfo.timeoutType == .scheduleToClose)
        let error = try #require(decoded as? TimeoutError)
        #expect(error.type == .scheduleToClose)
        #expect(error.lastHeartbeatDetails == original.lastHeartbeatDetails)
    }

    @Test func server() throws {
        let (failure, decoded) = roundTrip(ServerError(message: "server said no", isNonRetryable: true))
        #expect(failure.serverFailureInfo.nonRetryable)
        let error = try #require(decoded as? ServerError)
        #expect(error.message == "server said no")
        #expect(error.isNonRetryable)
    }

    @Test func activity() throws {
        let original = ActivityError(
            message: "activity task failed",
            cause: ApplicationError(message: "inner", type: "Inner"),
            stackTrace: "",
            scheduledEventID: 5,
            startedEventID: 6,
            activityID: "act-1",
            activityType: "Charge",
            identity: "worker@host",
            retryState: .maximumAttemptsReached
        )
        let (failure, decoded) = roundTrip(original)
        let info = failure.activityFailureInfo
        #expect(info.scheduledEventID == 5 && info.startedEventID == 6)
        #expect(info.activityID == "act-1" && info.activityType.name == "Charge")
        #expect(info.identity == "worker@host" && info.retryState == .maximumAttemptsReached)
        #expect(failure.cause.applicationFailureInfo.type == "Inner")

        let error = try #require(decoded as? ActivityError)
        #expect(error.scheduledEventID == 5)
        #expect(error.startedEventID == 6)
        #expect(error.activityID == "act-1")
        #expect(error.activityType == "Charge")
        #expect(error.identity == "worker@host")
        #expect(error.retryState == .maximumAttemptsReached)
        #expect((error.cause as? ApplicationError)?.message == "inner")
    }

    @Test func childWorkflow() throws {
        let original = ChildWorkflowError(
            message: "child failed",
            cause: TerminatedError(message: "terminated", details: []),
            stackTrace: "",
            namespace: "ns",
            workflowID: "child",
            runID: "child-run",
            workflowName: "Child",
            retryState: .nonRetryableFailure
        )
        let (failure, decoded) = roundTrip(original)
        let info = failure.childWorkflowExecutionFailureInfo
        #expect(info.namespace == "ns")
        #expect(info.workflowExecution.workflowID == "child" && info.workflowExecution.runID == "child-run")
        #expect(info.workflowType.name == "Child")
        #expect(info.retryState == .nonRetryableFailure)

        let error = try #require(decoded as? ChildWorkflowError)
        #expect(error.namespace == "ns")
        #expect(error.workflowID == "child")
        #expect(error.runID == "child-run")
        #expect(error.workflowName == "Child")
        #expect(error.retryState == .nonRetryableFailure)
        #expect(error.cause is TerminatedError)
    }

    @Test func basicFailureHasNoInfo() throws {
        let (failure, decoded) = roundTrip(BasicTemporalFailureError(message: "odd", stackTrace: "t"))
        #expect(failure.failureInfo == nil)
        let error = try #require(decoded as? BasicTemporalFailureError)
        #expect(error.message == "odd")
        #expect(error.stackTrace == "t")
    }

    @Test func unmodelledFailureKindsBecomeBasic() throws {
        for info: Api.Failure.V1.Failure.OneOf_FailureInfo in [
            .resetWorkflowFailureInfo(.init()),
            .nexusOperationExecutionFailureInfo(.init()),
            .nexusHandlerFailureInfo(.init()),
        ] {
            var failure = Api.Failure.V1.Failure()
            failure.message = "other"
            failure.failureInfo = info
            let error = converter.convertFailure(failure, payloadConverter: payloads)
            #expect((error as? BasicTemporalFailureError)?.message == "other")
        }
    }

    @Test func plainSwiftErrorsBecomeApplicationFailures() throws {
        let (failure, decoded) = roundTrip(PlainError())
        #expect(failure.message == "plain description")
        #expect(failure.failureInfo == .applicationFailureInfo(.with { $0.type = "PlainError" }))
        #expect(!failure.hasCause)
        let error = try #require(decoded as? ApplicationError)
        #expect(error.type == "PlainError")
        #expect(!error.isNonRetryable)
    }

    @Test func customFailureErrorsKeepMessageTraceAndCause() throws {
        let (failure, decoded) = roundTrip(CustomFailure(cause: CanceledError(message: "c")))
        #expect(failure.message == "custom")
        #expect(failure.stackTrace == "custom trace")
        #expect(failure.applicationFailureInfo.type == "CustomFailure")
        let error = try #require(decoded as? ApplicationError)
        #expect(error.cause is CanceledError)
    }

    @Test func nonFailureTemporalErrorsKeepTheirCause() throws {
        let (failure, _) = roundTrip(ArgumentError(message: "bad", cause: PlainError()))
        #expect(failure.message == "bad")
        #expect(failure.applicationFailureInfo.type == "ArgumentError")
        #expect(failure.cause.message == "plain description")
    }

    @Test func longCauseChains() throws {
        let chain = ChildWorkflowError(
            message: "level 0",
            cause: ActivityError(
                message: "level 1",
                cause: TimeoutError(
                    message: "level 2",
                    type: .startToClose,
                    cause: ApplicationError(message: "level 3", cause: CanceledError(message: "level 4"))
                ),
                stackTrace: "",
                scheduledEventID: 1,
                startedEventID: 2,
                activityID: "a",
                activityType: "A",
                identity: "i",
                retryState: .timeout
            ),
            stackTrace: "",
            namespace: "n",
            workflowID: "w",
            runID: "r",
            workflowName: "W",
            retryState: .timeout
        )
        let (failure, decoded) = roundTrip(chain)
        #expect(failure.cause.cause.cause.cause.message == "level 4")
        #expect(!failure.cause.cause.cause.cause.hasCause)

        var messages: [String] = []
        var current: (any Error)? = decoded
        while let error = current as? any TemporalError {
            messages.append(error.message)
            current = error.cause
        }
        #expect(messages == ["level 0", "level 1", "level 2", "level 3", "level 4"])
        #expect(decoded is ChildWorkflowError)
    }

    @Test func encodeCommonAttributesAtEveryLevel() throws {
        var encoding = DefaultFailureConverter()
        encoding.encodeCommonAttributes = true
        let error = ApplicationError(
            message: "outer",
            cause: CanceledError(message: "inner", stackTrace: "inner trace"),
            stackTrace: "outer trace",
            type: "T"
        )
        let failure = encoding.convertError(error, payloadConverter: payloads)
        #expect(failure.message == "Encoded failure")
        #expect(failure.stackTrace == "")
        #expect(failure.cause.message == "Encoded failure")
        #expect(
            String(decoding: failure.cause.encodedAttributes.data, as: UTF8.self)
                == #"{"message":"inner","stack_trace":"inner trace"}"#
        )

        // Any converter decodes encoded attributes, whatever its own setting.
        let decoded = try #require(converter.convertFailure(failure, payloadConverter: payloads) as? ApplicationError)
        #expect(decoded.message == "outer")
        #expect(decoded.stackTrace == "outer trace")
        #expect(decoded.type == "T")
        let cause = try #require(decoded.cause as? CanceledError)
        #expect(cause.message == "inner")
        #expect(cause.stackTrace == "inner trace")
    }

    @Test func undecodableEncodedAttributesAreIgnored() throws {
        var failure = Api.Failure.V1.Failure()
        failure.message = "visible"
        failure.encodedAttributes = try payloads.convertValue([1, 2, 3])
        let error = try #require(converter.convertFailure(failure, payloadConverter: payloads) as? BasicTemporalFailureError)
        #expect(error.message == "visible")

        var partial = Api.Failure.V1.Failure()
        partial.message = "Encoded failure"
        partial.encodedAttributes = try payloads.convertValue(["message": "only message", "extra": "x"])
        let partialError = try #require(converter.convertFailure(partial, payloadConverter: payloads) as? any TemporalError)
        #expect(partialError.message == "only message")
    }
}
