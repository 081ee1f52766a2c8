public import Foundation
import SwiftProtobuf

/// The complete event history of one workflow run, as fetched from a server or exported by the
/// CLI or UI, to replay against workflow code.
///
/// Three ways to get one:
///
/// - from a server: `try await client.untypedWorkflowHandle(id: "order-42").fetchHistory()`;
/// - from a JSON file written by `temporal workflow show --workflow-id order-42 --output json`
///   or downloaded from Temporal's web UI: ``fromJSON(workflowID:jsonData:)``;
/// - from events you already hold: ``init(events:)``.
public struct WorkflowHistory: Sendable {
    /// The workflow id, read from the start event.
    public let id: String

    /// The events, oldest first, starting with `WorkflowExecutionStarted`.
    public let events: [Api.History.V1.HistoryEvent]

    /// A history of `events`.
    ///
    /// - Throws: ``ArgumentError`` when the first event is not the workflow's start event.
    public init(events: [Api.History.V1.HistoryEvent]) throws {
        try self.init(events: events, fallbackID: "")
    }

    private init(events: [Api.History.V1.HistoryEvent], fallbackID: String) throws {
        guard case .workflowExecutionStartedEventAttributes(let started) = events.first?.attributes else {
            let found = events.first.map { "\($0.eventType)" } ?? "no events at all"
            throw ArgumentError(
                message: "A workflow history must begin with its WorkflowExecutionStarted event; found \(found)")
        }
        self.id = started.workflowID.isEmpty ? fallbackID : started.workflowID
        self.events = events
    }

    /// Reads a history from its JSON form.
    ///
    /// Both forms in use are read:
    ///
    /// - protobuf JSON, as `temporal workflow show --output json` and ``toJSON()`` write it
    ///   (`"eventType": "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED"`);
    /// - the form Temporal's web UI downloads, whose enum values are written without their type
    ///   prefix (`"eventType": "WorkflowExecutionStarted"`, `"kind": "Normal"`).
    ///
    /// The document is either an object with an `events` array or the array itself. Fields this
    /// SDK does not know are ignored.
    ///
    /// - Parameters:
    ///   - workflowID: The workflow the export belongs to. The history's ``id`` is the one its
    ///     start event records; this one is used when the start event has none (older servers).
    ///   - jsonData: The JSON document, UTF-8.
    /// - Throws: ``ArgumentError`` naming what is wrong when the data is not JSON, holds no
    ///   events, or does not decode as history events.
    public static func fromJSON(workflowID: String, jsonData: Data) throws -> WorkflowHistory {
        let protobufJSON = try HistoryJSON.protobufJSON(from: jsonData)
        var options = JSONDecodingOptions()
        options.ignoreUnknownFields = true
        let history: Api.History.V1.History
        do {
            history = try Api.History.V1.History(jsonUTF8Data: protobufJSON, options: options)
        } catch {
            throw ArgumentError(
                message: "The JSON of workflow \(workflowID) is not a workflow history: \(error)", cause: error)
        }
        return try WorkflowHistory(events: history.events, fallbackID: workflowID)
    }

    /// Reads a history from its JSON text; see ``fromJSON(workflowID:jsonData:)``.
    public static func fromJSON(workflowID: String, json: String) throws -> WorkflowHistory {
        try fromJSON(workflowID: workflowID, jsonData: Data(json.utf8))
    }

    /// The history as protobuf JSON (`{"events": [...]}`), the form
    /// ``fromJSON(workflowID:jsonData:)`` reads and `temporal workflow show --output json` writes.
    public func toJSON() throws -> Data {
        try Api.History.V1.History.with { $0.events = events }.jsonUTF8Data()
    }
}
