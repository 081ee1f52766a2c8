import Foundation
import SwiftProtobuf
import Temporal
import Testing

@Suite struct PayloadConverterRoundTripTests {
    typealias F = DataLayerFixtures
    let converter = DefaultPayloadConverter()

    @Test func nilBecomesBinaryNull() throws {
        let payload = try converter.convertValue(String?.none)
        #expect(payload.data.isEmpty)
        #expect(payload.metadata == ["encoding": Data("binary/null".utf8)])
        #expect(try converter.convertPayload(payload, as: String?.self) == nil)
        #expect(try converter.convertPayload(payload, as: F.Person?.self) == nil)
        #expect(throws: (any Error).self) { try converter.convertPayload(payload, as: String.self) }
    }

    @Test func nestedNilIsStillNull() throws {
        let nested: String?? = .some(nil)
        let payload = try converter.convertValue(nested)
        #expect(payload.metadata["encoding"] == Data("binary/null".utf8))
    }

    @Test func presentOptionalUsesTheWrappedEncoding() throws {
        let payload = try converter.convertValue(String?.some("x"))
        #expect(payload.metadata["encoding"] == Data("json/plain".utf8))
        #expect(F.text(payload.data) == "\"x\"")
        #expect(try converter.convertPayload(payload, as: String?.self) == "x")
    }

    @Test func bytesAreBinaryPlain() throws {
        let array: [UInt8] = [0, 1, 2, 255]
        let payload = try converter.convertValue(array)
        #expect(payload.data == Data(array))
        #expect(payload.metadata == ["encoding": Data("binary/plain".utf8)])
        #expect(try converter.convertPayload(payload, as: [UInt8].self) == array)
        #expect(try converter.convertPayload(payload, as: Data.self) == Data(array))
        #expect(try converter.convertPayload(payload, as: [UInt8]?.self) == array)

        let data = Data([9, 8, 7])
        let dataPayload = try converter.convertValue(data)
        #expect(dataPayload.metadata["encoding"] == Data("binary/plain".utf8))
        #expect(try converter.convertPayload(dataPayload, as: Data.self) == data)
        #expect(try converter.convertPayload(dataPayload, as: Data?.self) == data)
    }

    @Test func bytesBehindAnExistentialAreStillBinary() throws {
        let boxed: any Sendable = [UInt8]([1, 2])
        let payload = try converter.convertValue(boxed)
        #expect(payload.metadata["encoding"] == Data("binary/plain".utf8))
        let optional: [UInt8]? = [3]
        #expect(try converter.convertValue(optional).metadata["encoding"] == Data("binary/plain".utf8))
    }

    @Test func emptyArraysOfOtherTypesAreJSON() throws {
        let payload = try converter.convertValue([String]())
        #expect(payload.metadata["encoding"] == Data("json/plain".utf8))
        #expect(F.text(payload.data) == "[]")
        let ints = try converter.convertValue([Int]())
        #expect(F.text(ints.data) == "[]")
    }

    @Test func codableRoundTrips() throws {
        let person = F.Person(name: "Ada", age: 36, tags: ["math", "engines"], nickname: nil)
        let payload = try converter.convertValue(person)
        #expect(payload.metadata == ["encoding": Data("json/plain".utf8)])
        #expect(try converter.convertPayload(payload, as: F.Person.self) == person)
        let decoded = try JSONSerialization.jsonObject(with: payload.data) as? [String: Any]
        #expect(decoded?["name"] as? String == "Ada")
        #expect(decoded?.keys.contains("nickname") == false)
    }

    @Test func primitivesRoundTrip() throws {
        #expect(try converter.convertPayload(converter.convertValue(42), as: Int.self) == 42)
        #expect(try converter.convertPayload(converter.convertValue(1.25), as: Double.self) == 1.25)
        #expect(try converter.convertPayload(converter.convertValue(true), as: Bool.self) == true)
        #expect(try converter.convertPayload(converter.convertValue("é"), as: String.self) == "é")
        let map = ["k": [1, 2]]
        #expect(try converter.convertPayload(converter.convertValue(map), as: [String: [Int]].self) == map)
    }

    @Test func datesUseISO8601AndAcceptOtherSDKsForms() throws {
        let event = F.ClockedEvent(at: Date(timeIntervalSince1970: 1_704_164_645))
        let payload = try converter.convertValue(event)
        #expect(F.text(payload.data) == #"{"at":"2024-01-02T03:04:05Z"}"#)
        #expect(try converter.convertPayload(payload, as: F.ClockedEvent.self) == event)

        let python = F.payload(#"{"at":"2024-01-02T03:04:05.123000+00:00"}"#)
        let fromPython = try converter.convertPayload(python, as: F.ClockedEvent.self)
        #expect(abs(fromPython.at.timeIntervalSince1970 - 1_704_164_645.123) < 0.000_5)

        let offset = F.payload(#"{"at":"2024-01-02T05:04:05+02:00"}"#)
        #expect(try converter.convertPayload(offset, as: F.ClockedEvent.self) == event)

        let invalid = F.payload(#"{"at":"yesterday"}"#)
        #expect(throws: (any Error).self) { try converter.convertPayload(invalid, as: F.ClockedEvent.self) }
    }

    @Test func protobufMessagesUseJSONWithMessageType() throws {
        var execution = Api.Common.V1.WorkflowExecution()
        execution.workflowID = "wf"
        execution.runID = "run"
        let payload = try converter.convertValue(execution)
        #expect(payload.metadata["encoding"] == Data("json/protobuf".utf8))
        #expect(payload.metadata["messageType"] == Data("temporal.api.common.v1.WorkflowExecution".utf8))
        #expect(F.text(payload.data) == #"{"runId":"run","workflowId":"wf"}"#)
        #expect(try converter.convertPayload(payload, as: Api.Common.V1.WorkflowExecution.self) == execution)
        #expect(try converter.convertPayload(payload, as: Api.Common.V1.WorkflowExecution?.self) == execution)
    }

    @Test func protobufJSONSortsNestedKeysAndMaps() throws {
        var header = Api.Common.V1.Header()
        header.fields["zeta"] = F.payload("1")
        header.fields["alpha"] = F.payload("2")
        let payload = try JSONProtobufPayloadConverter().convertValue(header)
        let expected =
            #"{"fields":{"alpha":{"data":"Mg==","metadata":{"encoding":"anNvbi9wbGFpbg=="}},"#
            + #""zeta":{"data":"MQ==","metadata":{"encoding":"anNvbi9wbGFpbg=="}}}}"#
        #expect(F.text(payload.data) == expected)
        #expect(try converter.convertPayload(payload, as: Api.Common.V1.Header.self) == header)
    }

    @Test func protobufJSONIgnoresUnknownFields() throws {
        let payload = F.payload(#"{"workflowId":"wf","fromTheFuture":1}"#, encoding: "json/protobuf")
        let decoded = try converter.convertPayload(payload, as: Api.Common.V1.WorkflowExecution.self)
        #expect(decoded.workflowID == "wf")
    }

    @Test func binaryProtobufRoundTripsAndDecodesThroughTheDefault() throws {
        var policy = Api.Common.V1.RetryPolicy()
        policy.maximumAttempts = 3
        policy.nonRetryableErrorTypes = ["Bad"]
        let binary = BinaryProtobufPayloadConverter()
        let payload = try binary.convertValue(policy)
        #expect(payload.metadata["encoding"] == Data("binary/protobuf".utf8))
        #expect(payload.metadata["messageType"] == Data("temporal.api.common.v1.RetryPolicy".utf8))
        #expect(payload.data == (try policy.serializedData()))
        #expect(try binary.convertPayload(payload, as: Api.Common.V1.RetryPolicy.self) == policy)
        #expect(try converter.convertPayload(payload, as: Api.Common.V1.RetryPolicy.self) == policy)
        #expect(throws: (any Error).self) { try binary.convertValue("not a message") }
    }

    @Test func individualConvertersRejectWhatTheyDoNotHandle() throws {
        #expect(throws: (any Error).self) { try BinaryNilPayloadConverter().convertValue("x") }
        #expect(throws: (any Error).self) { try BinaryPayloadConverter().convertValue("x") }
        #expect(throws: (any Error).self) { try JSONProtobufPayloadConverter().convertValue([UInt8]()) }
        #expect(throws: (any Error).self) { try JSONPayloadConverter().convertValue(F.NotCodable()) }
        #expect(throws: (any Error).self) { try converter.convertValue(F.NotCodable()) }
        #expect(throws: (any Error).self) {
            try BinaryPayloadConverter().convertPayload(F.payload("x", encoding: "binary/plain"), as: String.self)
        }
    }

    @Test func compositeRoutesByEncodingAndPassesRawValuesThrough() throws {
        let composite = CompositePayloadConverter(BinaryNilPayloadConverter(), JSONPayloadConverter())
        let raw = TemporalRawValue(F.payload("anything", encoding: "custom/enc"))
        #expect(try composite.convertValue(raw) == raw.payload)
        #expect(try composite.convertPayload(raw.payload, as: TemporalRawValue.self) == raw)
        #expect(throws: (any Error).self) { try composite.convertPayload(raw.payload, as: String.self) }
        #expect(F.text(try composite.convertValue([UInt8]([1])).data) == "[1]")
        #expect(throws: (any Error).self) { try composite.convertPayload(Api.Common.V1.Payload(), as: String.self) }
        #expect(try composite.convertPayload(F.payload("\"ok\""), as: String.self) == "ok")
    }

    @Test func voidAndPackHelpers() throws {
        #expect(try converter.convertValueHandlingVoid(()) == Api.Common.V1.Payload())
        let payloads = try converter.convertValues("a", 2, ())
        #expect(payloads.count == 3)
        #expect(payloads[2] == Api.Common.V1.Payload())
        let (a, b, _) = try converter.convertPayloads(payloads, as: String.self, Int.self, Void.self)
        #expect(a == "a")
        #expect(b == 2)
        #expect(throws: ArgumentError.self) { try converter.convertPayloads(payloads, as: String.self) }
    }

    @Test func payloadConvertibleChecksCompile() {
        _PayloadConvertible.check(F.Person.self)
        _PayloadConvertible.check(Api.Common.V1.Payload.self)
        _PayloadConvertible.check(Void.self)
        _PayloadConvertible.check(String.self)
    }
}
