import Foundation
import TernAPI

public typealias IndexedValueType = Temporal_Api_Enums_V1_IndexedValueType

/// The search attributes every namespace has, and the rules for adding and removing custom ones.
public enum SearchAttributeRules {
    /// Attributes the server maintains itself (the set Temporal 1.32 reports).
    public static let system: [String: IndexedValueType] = [
        "BatcherNamespace": .keyword,
        "BatcherUser": .keyword,
        "BinaryChecksums": .keywordList,
        "BuildIds": .keywordList,
        "CloseTime": .datetime,
        "ExecutionDuration": .int,
        "ExecutionStatus": .keyword,
        "ExecutionTime": .datetime,
        "HistoryLength": .int,
        "HistorySizeBytes": .int,
        "ParentRunId": .keyword,
        "ParentWorkflowId": .keyword,
        "RootRunId": .keyword,
        "RootWorkflowId": .keyword,
        "RunId": .keyword,
        "StartTime": .datetime,
        "StateTransitionCount": .int,
        "TaskQueue": .keyword,
        "TemporalChangeVersion": .keywordList,
        "TemporalExternalPayloadCount": .int,
        "TemporalExternalPayloadSizeBytes": .int,
        "TemporalNamespaceDivision": .keyword,
        "TemporalPauseInfo": .keywordList,
        "TemporalReportedProblems": .keywordList,
        "TemporalSchedulePaused": .bool,
        "TemporalScheduledById": .keyword,
        "TemporalScheduledStartTime": .datetime,
        "TemporalUsedWorkerDeploymentVersions": .keywordList,
        "TemporalWorkerDeployment": .keyword,
        "TemporalWorkerDeploymentVersion": .keyword,
        "TemporalWorkflowVersioningBehavior": .keyword,
        "WorkflowId": .keyword,
        "WorkflowType": .keyword,
    ]

    /// The system attributes a workflow may set itself (Temporal's "predefined" ones): the SDKs
    /// upsert TemporalChangeVersion for patches, for instance.
    public static let predefined: Set<String> = [
        "TemporalChangeVersion", "BinaryChecksums", "BuildIds", "BatcherNamespace", "BatcherUser",
        "TemporalScheduledStartTime", "TemporalScheduledById", "TemporalSchedulePaused", "TemporalNamespaceDivision",
        "TemporalPauseInfo", "TemporalReportedProblems", "TemporalWorkerDeploymentVersion",
        "TemporalWorkflowVersioningBehavior", "TemporalWorkerDeployment", "TemporalUsedWorkerDeploymentVersions",
        "TemporalExternalPayloadCount", "TemporalExternalPayloadSizeBytes",
    ]

    public static let maxNameLength = 255

    /// The attributes an `AddSearchAttributes` request really adds. As in Temporal, adding an
    /// attribute that already exists is not an error and leaves its type as it was.
    public static func additions(
        _ requested: [String: IndexedValueType], existing: [String: IndexedValueType]
    ) throws(TernError) -> [String: IndexedValueType] {
        if requested.isEmpty {
            throw .invalidArgument("SearchAttributes are not set on request.")
        }
        var added: [String: IndexedValueType] = [:]
        for (name, type) in requested.sorted(by: { $0.key < $1.key }) {
            if system[name] != nil {
                throw .invalidArgument("Search attribute \(name) is reserved by system.")
            }
            if name.isEmpty || name.utf8.count > maxNameLength {
                throw .invalidArgument("Search attribute name must be 1 to \(maxNameLength) bytes long.")
            }
            switch type {
            case .text, .keyword, .int, .double, .bool, .datetime, .keywordList:
                break
            default:
                throw .invalidArgument(
                    "Search attribute \(name) has type \(type), which is not a search attribute type; use Keyword, Text, Int, Double, Bool, Datetime or KeywordList.")
            }
            if existing[name] == nil { added[name] = type }
        }
        return added
    }

    /// Validates a `RemoveSearchAttributes` request. Removing an attribute that does not exist
    /// is not an error, as in Temporal.
    public static func validateRemoval(_ names: [String]) throws(TernError) {
        if names.isEmpty {
            throw .invalidArgument("SearchAttributes are not set on request.")
        }
        let reserved = names.filter { system[$0] != nil }
        if !reserved.isEmpty {
            throw .invalidArgument(
                "Unable to remove non-custom search attributes: \(reserved.joined(separator: ", ")).")
        }
    }

    /// Checks that every attribute a workflow sets is defined in its namespace (system attributes
    /// are the server's own and cannot be set).
    public static func validateUse(
        _ attributes: Temporal_Api_Common_V1_SearchAttributes, defined: [String: IndexedValueType]
    ) throws(TernError) {
        for name in attributes.indexedFields.keys.sorted() where defined[name] == nil && !predefined.contains(name) {
            if system[name] != nil {
                throw .invalidArgument("\(name) attribute can't be set in SearchAttributes")
            }
            throw .invalidArgument(
                "Search attribute \(name) is not defined in this namespace; add it first (temporal operator search-attribute create).")
        }
        try validateValues(attributes, types: defined)
    }

    /// `attributes` with the namespace's type written into each value that lacks one, as Temporal
    /// stores a schedule's action attributes (clients may send them untyped).
    public static func typed(
        _ attributes: Temporal_Api_Common_V1_SearchAttributes, types: [String: IndexedValueType]
    ) -> Temporal_Api_Common_V1_SearchAttributes {
        var result = attributes
        for (name, payload) in attributes.indexedFields where payload.metadata["type"] == nil {
            guard let type = types[name] ?? system[name] else { continue }
            result.indexedFields[name]?.metadata["type"] = Data(typeName(type).utf8)
        }
        return result
    }

    /// Parses the `Name=Type` form of `--search-attribute` (type names as Temporal's CLI spells them).
    public static func parse(_ spec: String) -> (name: String, type: IndexedValueType)? {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let type = typeNamed(parts[1]) else { return nil }
        return (parts[0], type)
    }

    public static func typeNamed(_ name: String) -> IndexedValueType? {
        switch name.lowercased() {
        case "text": .text
        case "keyword": .keyword
        case "int": .int
        case "double": .double
        case "bool": .bool
        case "datetime": .datetime
        case "keywordlist": .keywordList
        default: nil
        }
    }
}
