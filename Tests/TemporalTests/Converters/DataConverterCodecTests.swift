import Foundation
import SwiftProtobuf
import Temporal
import Testing

@Suite struct DataConverterCodecTests {
    typealias F = DataLayerFixtures
    let plain = DataConverter.default
    let coded = DataConverter(
        payloadConverter: DefaultPayloadConverter(),
        failureConverter: DefaultFailureConverter(),
        payloadCodec: DataLayerFixtures.ReversingCodec()
    )

    @Test func codecIsAppliedAfterConversion() async throws {
        let payload = try await coded.convertValue([1, 2])
        #expect(payload.data == Data("]2,1[".utf8))
        #expect(payload.metadata["codec"] == F.ReversingCodec.tag)
        #expect(payload.metadata["encoding"] == Data("json/plain".utf8))
        #expect(try await coded.convertPayload(payload, as: [Int].self) == [1, 2])
        await #expect(throws: (any Error).self) { try await plain.convertPayload(payload, as: [Int].self) }
    }

    @Test func voidIsAnEmptyPayloadThatSkipsTheCodec() async throws {
        let payload = try await coded.convertValue(())
        #expect(payload == Api.Common.V1.Payload())
        try await coded.convertPayload(F.payload("garbage", encoding: "nothing"), as: Void.self)
    }

    @Test func nilThroughTheDataConverter() async throws {
        let payload = try await plain.convertValue(String?.none)
        #expect(payload.metadata["encoding"] == Data("binary/null".utf8))
        #expect(try await plain.convertPayload(payload, as: String?.self) == nil)
    }

    @Test func packsConvertInOrder() async throws {
        let payloads = try await coded.convertValues("x", 7, [UInt8]([1, 2]))
        #expect(payloads.count == 3)
        #expect(payloads.allSatisfy { $0.metadata["codec"] == F.ReversingCodec.tag })
        let (x, seven, bytes) = try await coded.convertPayloads(payloads, as: String.self, Int.self, [UInt8].self)
        #expect(x == "x")
        #expect(seven == 7)
        #expect(bytes == [1, 2])
        await #expect(throws: ArgumentError.self) {
            try await coded.convertPayloads(payloads, as: String.self, Int.self)
        }
    }

    @Test func failingCodecSurfacesErrors() async throws {
        let broken = DataConverter(
            payloadConverter: DefaultPayloadConverter(),
            failureConverter: DefaultFailureConverter(),
            payloadCodec: F.BrokenCodec()
        )
        await #expect(throws: F.BrokenCodec.Broken.self) { try await broken.convertValue("x") }
        await #expect(throws: F.BrokenCodec.Broken.self) { try await broken.convertPayload(F.payload("1"), as: Int.self) }

        // A failure without payloads never reaches the codec.
        let untouched = await broken.convertError(ApplicationError(message: "boom"))
        #expect(untouched.message == "boom")

        let failure = await broken.convertError(ApplicationError(message: "boom", details: [F.payload("1")]))
        var expected = Api.Failure.V1.Failure()
        expected.message = "Failed to encode failure"
        expected.source = "swift-temporal-sdk"
        #expect(failure == expected)

        var withDetails = Api.Failure.V1.Failure()
        withDetails.failureInfo = .canceledFailureInfo(.with { $0.details.payloads = [F.payload("1")] })
        let error = await broken.convertFailure(withDetails)
        let basic = try #require(error as? BasicTemporalFailureError)
        #expect(basic.message == "Failed to decode failure")
    }

    @Test func codecReachesEveryPayloadInANestedFailure() async throws {
        let error = ActivityError(
            message: "activity failed",
            cause: TimeoutError(
                message: "timed out",
                type: .heartbeat,
                cause: ApplicationError(message: "inner", details: [F.payload("\"d\"")], type: "Inner"),
                lastHeartbeatDetails: [F.payload("\"hb\"")]
            ),
            stackTrace: "",
            scheduledEventID: 5,
            startedEventID: 6,
            activityID: "1",
            activityType: "Act",
            identity: "worker",
            retryState: .timeout
        )
        let failure = await coded.convertError(error)
        let timeout = failure.cause.timeoutFailureInfo
        #expect(timeout.lastHeartbeatDetails.payloads.first?.metadata["codec"] == F.ReversingCodec.tag)
        #expect(timeout.lastHeartbeatDetails.payloads.first?.data == Data("\"bh\"".utf8))
        let application = failure.cause.cause.applicationFailureInfo
        #expect(application.details.payloads.first?.metadata["codec"] == F.ReversingCodec.tag)

        let decoded = await coded.convertFailure(failure)
        let activity = try #require(decoded as? ActivityError)
        let timeoutError = try #require(activity.cause as? TimeoutError)
        #expect(timeoutError.lastHeartbeatDetails == [F.payload("\"hb\"")])
        let inner = try #require(timeoutError.cause as? ApplicationError)
        #expect(inner.details == [F.payload("\"d\"")])
        #expect(try await plain.convertPayload(inner.details[0], as: String.self) == "d")
    }

    @Test func codecEncodesEncodedAttributes() async throws {
        var failureConverter = DefaultFailureConverter()
        failureConverter.encodeCommonAttributes = true
        let converter = DataConverter(
            payloadConverter: DefaultPayloadConverter(),
            failureConverter: failureConverter,
            payloadCodec: F.ReversingCodec()
        )
        let failure = await converter.convertError(ApplicationError(message: "secret", stackTrace: "here"))
        #expect(failure.message == "Encoded failure")
        #expect(failure.encodedAttributes.metadata["codec"] == F.ReversingCodec.tag)
        let error = try #require(await converter.convertFailure(failure) as? ApplicationError)
        #expect(error.message == "secret")
        #expect(error.stackTrace == "here")
    }

    @Test func payloadCodecFailureHelpersLeaveAbsentPartsAbsent() async throws {
        var failure = Api.Failure.V1.Failure()
        failure.message = "top"
        failure.failureInfo = .applicationFailureInfo(.init())
        var cause = Api.Failure.V1.Failure()
        cause.failureInfo = .canceledFailureInfo(.init())
        var reset = Api.Failure.V1.ResetWorkflowFailureInfo()
        reset.lastHeartbeatDetails.payloads = [F.payload("1")]
        var root = Api.Failure.V1.Failure()
        root.failureInfo = .resetWorkflowFailureInfo(reset)
        cause.cause = root
        failure.cause = cause

        let codec = F.ReversingCodec()
        let encoded = try await codec.encode(failure: failure)
        #expect(!encoded.applicationFailureInfo.hasDetails)
        #expect(!encoded.cause.canceledFailureInfo.hasDetails)
        #expect(!encoded.hasEncodedAttributes)
        #expect(encoded.cause.cause.resetWorkflowFailureInfo.lastHeartbeatDetails.payloads[0].data == Data("1".utf8))
        #expect(encoded.cause.cause.resetWorkflowFailureInfo.lastHeartbeatDetails.payloads[0].metadata["codec"] != nil)
        #expect(try await codec.decode(failure: encoded) == failure)
    }

    @Test func payloadListHelpersTreatVoidAsNoPayload() async throws {
        #expect(try await coded.convertValueToPayloads(()).isEmpty)
        let one = try await coded.convertValueToPayloads("v")
        #expect(one.count == 1)
        #expect(try await coded.convertPayloadsToValue(one, as: String.self) == "v")
        try await coded.convertPayloadsToValue([], as: Void.self)
        #expect(try await coded.convertPayloadsToValue([], as: String?.self) == nil)
        await #expect(throws: ArgumentError.self) { try await coded.convertPayloadsToValue([], as: String.self) }

        let list = try await coded.convertValuesToPayloads("a", (), 3)
        #expect(list.count == 2)
        let (a, _, three, missing) = try await coded.convertPayloadsToValues(
            list,
            as: String.self, Void.self, Int.self, Int?.self
        )
        #expect(a == "a")
        #expect(three == 3)
        #expect(missing == nil)
    }

    @Test func memosGoThroughTheCodecAndHeadersDoNot() async throws {
        // Headers carry interceptor context (tracing) that every SDK must read as sent.
        let fields = ["trace": F.payload("\"t\"")]
        let header = try await coded.encodeHeader(fields)
        #expect(header.fields == fields)
        #expect(try await coded.decodeHeader(header) == fields)

        let memo = try await coded.convertMemo(["owner": "ops", "count": 2, "raw": TemporalRawValue(F.payload("1"))])
        #expect(memo.fields.count == 3)
        let decoded = try await coded.decodeMemo(memo)
        #expect(try plain.payloadConverter.convertPayload(decoded["owner"]?.payload ?? .init(), as: String.self) == "ops")
        #expect(decoded["raw"] == TemporalRawValue(F.payload("1")))
        await #expect(throws: ArgumentError.self) { try await coded.convertMemo(["bad": F.NotCodable()]) }
    }
}
