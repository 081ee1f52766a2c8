public import TernAPI
public import Foundation

/// A typed search attribute name: the Swift type of its values fixes its indexed type.
///
/// Create custom keys with the factory for the type (``bool(_:)``, ``keyword(_:)``,
/// ``text(_:)``, ``date(_:)``, ``double(_:)``, ``int(_:)``, ``keywordList(_:)``); the server's
/// built-in attributes are available as static properties.
public struct SearchAttributeKey<Value: Sendable>: Hashable, Sendable {
    let storage: SearchAttributeKeyStorage

    init(name: String, type: Api.Enums.V1.IndexedValueType) {
        self.storage = SearchAttributeKeyStorage(name: name, type: type)
    }

    /// The attribute's name.
    public var name: String { storage.name }

    /// The attribute's indexed type.
    public var type: Api.Enums.V1.IndexedValueType { storage.type }
}

extension SearchAttributeKey: CustomStringConvertible {
    public var description: String { name }
}

extension SearchAttributeKey where Value == Bool {
    /// A custom `Bool` attribute.
    public static func bool(_ name: String) -> Self { .init(name: name, type: .bool) }

    /// Whether a schedule is paused (set on workflows a schedule starts).
    public static let temporalSchedulePaused = Self.bool("TemporalSchedulePaused")
}

extension SearchAttributeKey where Value == String {
    /// A custom keyword attribute: matched exactly.
    public static func keyword(_ name: String) -> Self { .init(name: name, type: .keyword) }

    /// A custom text attribute: matched by full-text search.
    public static func text(_ name: String) -> Self { .init(name: name, type: .text) }

    /// The user who started a batch operation.
    public static let batcherUser = Self.keyword("BatcherUser")
    /// The execution's status.
    public static let executionStatus = Self.keyword("ExecutionStatus")
    /// The run ID.
    public static let runID = Self.keyword("RunId")
    /// The task queue.
    public static let taskQueue = Self.keyword("TaskQueue")
    /// The ID of the schedule that started the workflow.
    public static let temporalScheduledByID = Self.keyword("TemporalScheduledById")
    /// The workflow ID.
    public static let workflowID = Self.keyword("WorkflowId")
    /// The workflow type name.
    public static let workflowType = Self.keyword("WorkflowType")
}

extension SearchAttributeKey where Value == Date {
    /// A custom date-time attribute.
    public static func date(_ name: String) -> Self { .init(name: name, type: .datetime) }

    /// When the execution closed.
    public static let closeTime = Self.date("CloseTime")
    /// When the first workflow task was scheduled.
    public static let executionTime = Self.date("ExecutionTime")
    /// When the execution started.
    public static let startTime = Self.date("StartTime")
    /// When the schedule meant to start the workflow.
    public static let temporalScheduledStartTime = Self.date("TemporalScheduledStartTime")
}

extension SearchAttributeKey where Value == Double {
    /// A custom floating-point attribute.
    public static func double(_ name: String) -> Self { .init(name: name, type: .double) }
}

extension SearchAttributeKey where Value == Int {
    /// A custom integer attribute.
    public static func int(_ name: String) -> Self { .init(name: name, type: .int) }

    /// How long the execution ran, in nanoseconds.
    public static let executionDuration = Self.int("ExecutionDuration")
    /// The number of events in the history.
    public static let historyLength = Self.int("HistoryLength")
    /// The size of the history in bytes.
    public static let historySizeBytes = Self.int("HistorySizeBytes")
    /// The number of state transitions.
    public static let stateTransitionCount = Self.int("StateTransitionCount")
}

extension SearchAttributeKey where Value == [String] {
    /// A custom keyword-list attribute.
    public static func keywordList(_ name: String) -> Self { .init(name: name, type: .keywordList) }

    /// Binary checksums of the workers that processed the workflow.
    public static let binaryChecksums = Self.keywordList("BinaryChecksums")
    /// Build IDs of the workers that processed the workflow.
    public static let buildIDs = Self.keywordList("BuildIds")
    /// The patch IDs the workflow has seen.
    public static let temporalChangeVersion = Self.keywordList("TemporalChangeVersion")
}
