public import Foundation
import SwiftProtobuf

/// The complete event history of one workflow run, as fetched from a server or exported by the
/// CLI or UI, to replay against workflow code.
public struct WorkflowHistory: Sendable {
    /// The workflow id, read from the start event.
    public let id: String

    /// The events, oldest first, starting with `WorkflowExecutionStarted`.
    public let events: [Api.History.V1.HistoryEvent]

    /// A history of `events`.
    ///
    /// - Throws: ``ArgumentError`` when the first event is not the workflow's start event.
    public init(events: [Api.History.V1.HistoryEvent]) throws {
        guard case .workflowExecutionStartedEventAttributes(let started) = events.first?.attributes else {
            throw ArgumentError(message: "A workflow history must begin with its WorkflowExecutionStarted event")
        }
        self.id = started.workflowID
        self.events = events
    }

    /// Reads a history from its JSON form (Temporal's protobuf JSON, as `temporal workflow show
    /// --output json` writes it); fields this SDK does not know are ignored.
    ///
    /// - Parameter workflowID: The workflow the export belongs to; the history's ``id`` is read
    ///   from its start event all the same.
    public static func fromJSON(workflowID: String, jsonData: Data) throws -> WorkflowHistory {
        var options = JSONDecodingOptions()
        options.ignoreUnknownFields = true
        let history: Api.History.V1.History
        do {
            history = try Api.History.V1.History(jsonUTF8Data: jsonData, options: options)
        } catch {
            throw ArgumentError(message: "The data is not a workflow history in protobuf JSON", cause: error)
        }
        return try WorkflowHistory(events: history.events)
    }

    /// The history as protobuf JSON, the form ``fromJSON(workflowID:jsonData:)`` reads.
    public func toJSON() throws -> Data {
        try Api.History.V1.History.with { $0.events = events }.jsonUTF8Data()
    }
}
