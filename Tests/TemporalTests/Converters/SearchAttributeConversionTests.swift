import Foundation
import SwiftProtobuf
import Temporal
import Testing

@Suite struct SearchAttributeConversionTests {
    typealias F = DataLayerFixtures

    @Test func collectionRoundTripsThroughTheWire() throws {
        let date = Date(timeIntervalSince1970: 1_704_164_645.25)
        let collection = SearchAttributeCollection {
            $0[.keyword("kw")] = "v"
            $0[.text("tx")] = "some text"
            $0[.int("n")] = -3
            $0[.double("f")] = 0.5
            $0[.bool("b")] = false
            $0[.date("d")] = date
            $0[.keywordList("kl")] = ["a"]
        }
        let proto = Api.Common.V1.SearchAttributes(collection)
        #expect(F.text(proto.indexedFields["d"]?.data ?? Data()) == #""2024-01-02T03:04:05.25Z""#)
        let back = try SearchAttributeCollection(proto)
        #expect(back == collection)
        #expect(back[.date("d")] == date)
        #expect(back[.text("tx")] == "some text")
    }

    @Test func unsetValuesBecomeNullPayloadsAndAreSkippedOnRead() throws {
        var collection = SearchAttributeCollection()
        collection[.keyword("gone")] = nil
        #expect(collection.count == 1)
        let proto = Api.Common.V1.SearchAttributes(collection)
        let payload = try #require(proto.indexedFields["gone"])
        #expect(payload.data.isEmpty)
        #expect(payload.metadata["encoding"] == Data("binary/null".utf8))
        #expect(payload.metadata["type"] == Data("Keyword".utf8))
        #expect(try SearchAttributeCollection(proto).isEmpty)
    }

    @Test func missingTypeMetadataIsInferred() throws {
        var proto = Api.Common.V1.SearchAttributes()
        proto.indexedFields["s"] = F.payload(#""x""#)
        proto.indexedFields["i"] = F.payload("12")
        proto.indexedFields["d"] = F.payload("1.5")
        proto.indexedFields["b"] = F.payload("true")
        proto.indexedFields["l"] = F.payload(#"["p","q"]"#)
        let collection = try SearchAttributeCollection(proto)
        #expect(collection[.keyword("s")] == "x")
        #expect(collection[.int("i")] == 12)
        #expect(collection[.double("d")] == 1.5)
        #expect(collection[.bool("b")] == true)
        #expect(collection[.keywordList("l")] == ["p", "q"])
    }

    @Test func mismatchedValuesAreRejected() {
        var proto = Api.Common.V1.SearchAttributes()
        var payload = F.payload(#""not a number""#)
        payload.metadata["type"] = Data("Int".utf8)
        proto.indexedFields["n"] = payload
        #expect(throws: (any Error).self) { try SearchAttributeCollection(proto) }
    }

    @Test func upsertAndMergeSemantics() {
        var current = SearchAttributeCollection {
            $0[.keyword("a")] = "1"
            $0[.int("b")] = 2
        }
        let update = SearchAttributeCollection {
            $0[.keyword("a")] = nil
            $0[.int("b")] = 3
            $0[.bool("c")] = true
        }
        current.upsert(with: update)
        #expect(current[.keyword("a")] == nil)
        #expect(current.count == 2)
        #expect(current[.int("b")] == 3)
        #expect(current[.bool("c")] == true)

        let merged = current.merging(SearchAttributeCollection { $0[.int("b")] = 9 }) { $1 }
        #expect(merged[.int("b")] == 9)
        #expect(current.filter { $0.key.name == "c" }.count == 1)
    }

    @Test func keysAndCollectionAPI() {
        #expect(SearchAttributeKey<String>.workflowID.name == "WorkflowId")
        #expect(SearchAttributeKey<[String]>.temporalChangeVersion.type == .keywordList)
        #expect(AnySearchAttributeKey(SearchAttributeKey<Int>.historyLength).name == "HistoryLength")
        var collection = SearchAttributeCollection { $0[.int("n")] = 1 }
        for (key, value) in collection {
            #expect(key.name == "n")
            #expect(value as? Int == 1)
        }
        #expect(collection.removeValue(forKey: .int("n")) == 1)
        #expect(collection.isEmpty)
        #expect(SearchAttributeCollection { $0[.bool("x")] = true }.debugDescription.contains("x("))
    }
}
