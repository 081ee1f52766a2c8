import Foundation
import SwiftProtobuf
import Temporal
import Testing

/// Expected bytes below were produced by the Python SDK (temporalio 1.35.0) for the same values.
@Suite struct PythonInteropTests {
    typealias F = DataLayerFixtures
    let converter = DefaultPayloadConverter()

    private func expect(
        _ value: some Any,
        encoding: String,
        data: String,
        messageType: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let payload = try converter.convertValue(value)
        var metadata = ["encoding": Data(encoding.utf8)]
        if let messageType {
            metadata["messageType"] = Data(messageType.utf8)
        }
        #expect(payload.metadata == metadata, sourceLocation: sourceLocation)
        #expect(F.text(payload.data) == data, sourceLocation: sourceLocation)
    }

    @Test func plainJSONMatchesPython() throws {
        try expect(F.SingleKey(a: 1), encoding: "json/plain", data: #"{"a":1}"#)
        try expect(["a": 1], encoding: "json/plain", data: #"{"a":1}"#)
        try expect("Hello", encoding: "json/plain", data: #""Hello""#)
        try expect(["x", "y"], encoding: "json/plain", data: #"["x","y"]"#)
        try expect(42, encoding: "json/plain", data: "42")
        try expect(1.5, encoding: "json/plain", data: "1.5")
        try expect(true, encoding: "json/plain", data: "true")
    }

    @Test func objectKeysAreSortedLikePython() throws {
        // Python: json.dumps(..., separators=(",", ":"), sort_keys=True)
        try expect(
            F.Person(name: "Ada", age: 36, tags: ["a/b"], nickname: "Countess"),
            encoding: "json/plain",
            data: #"{"age":36,"name":"Ada","nickname":"Countess","tags":["a/b"]}"#
        )
        try expect(
            ["inner": ["b": 1, "a": 2], "A": ["x": 0]] as [String: [String: Int]],
            encoding: "json/plain",
            data: #"{"A":{"x":0},"inner":{"a":2,"b":1}}"#
        )
    }

    @Test func nullAndBytesMatchPython() throws {
        try expect(String?.none, encoding: "binary/null", data: "")
        let payload = try converter.convertValue(Data([1, 2, 3]))
        #expect(payload.data == Data([1, 2, 3]))
        #expect(payload.metadata == ["encoding": Data("binary/plain".utf8)])
    }

    @Test func protobufJSONMatchesPython() throws {
        var execution = Api.Common.V1.WorkflowExecution()
        execution.workflowID = "wf"
        execution.runID = "run"
        try expect(
            execution,
            encoding: "json/protobuf",
            data: #"{"runId":"run","workflowId":"wf"}"#,
            messageType: "temporal.api.common.v1.WorkflowExecution"
        )

        var payloads = Api.Common.V1.Payloads()
        payloads.payloads = [try converter.convertValue("x")]
        try expect(
            payloads,
            encoding: "json/protobuf",
            data: #"{"payloads":[{"data":"Ingi","metadata":{"encoding":"anNvbi9wbGFpbg=="}}]}"#,
            messageType: "temporal.api.common.v1.Payloads"
        )
    }

    @Test func decodesPythonProtobufJSON() throws {
        var payload = F.payload(
            #"{"backoffCoefficient":2.0,"initialInterval":"1s","maximumAttempts":3,"nonRetryableErrorTypes":["Bad"]}"#,
            encoding: "json/protobuf"
        )
        payload.metadata["messageType"] = Data("temporal.api.common.v1.RetryPolicy".utf8)
        let policy = try converter.convertPayload(payload, as: Api.Common.V1.RetryPolicy.self)
        #expect(policy.backoffCoefficient == 2)
        #expect(policy.initialInterval.seconds == 1)
        #expect(policy.maximumAttempts == 3)
        #expect(policy.nonRetryableErrorTypes == ["Bad"])
    }

    @Test func encodedCommonAttributesMatchPython() throws {
        var failureConverter = DefaultFailureConverter()
        failureConverter.encodeCommonAttributes = true
        let failure = failureConverter.convertError(
            ApplicationError(message: "boom", type: "MyType", isNonRetryable: true),
            payloadConverter: converter
        )
        #expect(failure.message == "Encoded failure")
        #expect(failure.stackTrace == "")
        #expect(F.text(failure.encodedAttributes.data) == #"{"message":"boom","stack_trace":""}"#)
        #expect(failure.encodedAttributes.metadata == ["encoding": Data("json/plain".utf8)])
        #expect(failure.applicationFailureInfo.type == "MyType")
        #expect(failure.applicationFailureInfo.nonRetryable)
    }

    @Test func decodesAPythonApplicationFailure() throws {
        var info = Api.Failure.V1.ApplicationFailureInfo()
        info.type = "MyType"
        info.nonRetryable = true
        info.details.payloads = [F.payload("\"d1\"")]
        info.nextRetryDelay.seconds = 2
        var failure = Api.Failure.V1.Failure()
        failure.message = "boom"
        failure.failureInfo = .applicationFailureInfo(info)

        let error = try #require(
            DefaultFailureConverter().convertFailure(failure, payloadConverter: converter) as? ApplicationError
        )
        #expect(error.message == "boom")
        #expect(error.type == "MyType")
        #expect(error.isNonRetryable)
        #expect(error.nextRetryDelay == .seconds(2))
        #expect(try converter.convertPayload(error.details[0], as: String.self) == "d1")
    }

    @Test func searchAttributesMatchPython() throws {
        let collection = SearchAttributeCollection {
            $0[.keyword("kw")] = "v"
            $0[.int("n")] = 7
            $0[.keywordList("kl")] = ["a", "b"]
            $0[.double("f")] = 2.5
            $0[.bool("b")] = true
        }
        let proto = Api.Common.V1.SearchAttributes(collection)
        let expected: [String: (type: String, data: String)] = [
            "kw": ("Keyword", #""v""#),
            "n": ("Int", "7"),
            "kl": ("KeywordList", #"["a","b"]"#),
            "f": ("Double", "2.5"),
            "b": ("Bool", "true"),
        ]
        #expect(proto.indexedFields.count == expected.count)
        for (name, entry) in expected {
            let payload = try #require(proto.indexedFields[name])
            #expect(payload.metadata == ["encoding": Data("json/plain".utf8), "type": Data(entry.type.utf8)])
            #expect(F.text(payload.data) == entry.data, "\(name)")
        }
    }

    @Test func decodesPythonSearchAttributes() throws {
        var proto = Api.Common.V1.SearchAttributes()
        var date = F.payload(#""2024-01-02T03:04:05.123000+00:00""#)
        date.metadata["type"] = Data("Datetime".utf8)
        proto.indexedFields["d"] = date
        var list = F.payload(#"["a","b"]"#)
        list.metadata["type"] = Data("KeywordList".utf8)
        proto.indexedFields["kl"] = list

        let collection = try SearchAttributeCollection(proto)
        let decodedDate = try #require(collection[.date("d")])
        #expect(abs(decodedDate.timeIntervalSince1970 - 1_704_164_645.123) < 0.000_5)
        #expect(collection[.keywordList("kl")] == ["a", "b"])
    }
}
