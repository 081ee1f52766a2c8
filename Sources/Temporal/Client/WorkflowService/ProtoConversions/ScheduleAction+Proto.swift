import Foundation
import SwiftProtobuf

extension ScheduleAction {
    /// The wire form of the action: input, memo and headers converted and encoded with
    /// `dataConverter`.
    func wireValue(dataConverter: DataConverter) async throws -> Api.Schedule.V1.ScheduleAction {
        switch self {
        case .startWorkflow(let start):
            let options = start.options
            var info = Api.Workflow.V1.NewWorkflowExecutionInfo()
            info.workflowID = options.id
            info.workflowType.name = start.workflowName
            info.taskQueue = .with {
                $0.name = options.taskQueue
                $0.kind = .normal
            }
            let input = try await dataConverter.convertValuesToPayloads(start.input)
            if !input.isEmpty { info.input = .with { $0.payloads = input } }
            if let timeout = options.executionTimeOut { info.workflowExecutionTimeout = Google_Protobuf_Duration(duration: timeout) }
            if let timeout = options.runTimeout { info.workflowRunTimeout = Google_Protobuf_Duration(duration: timeout) }
            if let timeout = options.taskTimeout { info.workflowTaskTimeout = Google_Protobuf_Duration(duration: timeout) }
            if let retryPolicy = options.retryPolicy { info.retryPolicy = Api.Common.V1.RetryPolicy(retryPolicy) }
            if let memo = options.memo, !memo.isEmpty { info.memo = try await dataConverter.convertMemo(memo) }
            if let attributes = options.searchAttributes { info.searchAttributes = attributes.wireValue }
            if !start.headers.isEmpty { info.header = try await dataConverter.encodeHeader(start.headers) }
            if let priority = options.priority { info.priority = Api.Common.V1.Priority(priority) }
            if let versioningOverride = options.versioningOverride {
                info.versioningOverride = Api.Workflow.V1.VersioningOverride(versioningOverride)
            }
            if options.staticSummary != nil || options.staticDetails != nil {
                var metadata = Api.Sdk.V1.UserMetadata()
                if let summary = options.staticSummary { metadata.summary = try await dataConverter.convertValue(summary) }
                if let details = options.staticDetails { metadata.details = try await dataConverter.convertValue(details) }
                info.userMetadata = metadata
            }
            return .with { $0.startWorkflow = info }
        }
    }

    /// An action read from the server, its input decoded as `Input`. Everything the wire form
    /// carries is kept, so that describing and then updating a schedule loses nothing.
    init(wire: Api.Schedule.V1.ScheduleAction, dataConverter: DataConverter) async throws {
        guard case .startWorkflow(let info) = wire.action else {
            throw ArgumentError(message: "The schedule's action is not one this SDK knows (only starting a workflow is)")
        }
        let input = try await dataConverter.convertPayloadsToValues(info.input.payloads, as: Input.self)
        var options = WorkflowOptions(id: info.workflowID, taskQueue: info.taskQueue.name)
        if info.hasWorkflowExecutionTimeout { options.executionTimeOut = Duration(protobufDuration: info.workflowExecutionTimeout) }
        if info.hasWorkflowRunTimeout { options.runTimeout = Duration(protobufDuration: info.workflowRunTimeout) }
        if info.hasWorkflowTaskTimeout { options.taskTimeout = Duration(protobufDuration: info.workflowTaskTimeout) }
        if info.hasRetryPolicy { options.retryPolicy = RetryPolicy(info.retryPolicy) }
        if info.hasMemo, !info.memo.fields.isEmpty {
            options.memo = try await dataConverter.decodeMemo(info.memo).mapValues { $0 as any Sendable }
        }
        if info.hasSearchAttributes, !info.searchAttributes.indexedFields.isEmpty {
            options.searchAttributes = SearchAttributeCollection(wireValue: info.searchAttributes)
        }
        if info.hasPriority { options.priority = Priority(proto: info.priority) }
        if info.hasUserMetadata {
            let metadata = info.userMetadata
            if metadata.hasSummary { options.staticSummary = try await dataConverter.convertPayload(metadata.summary, as: String.self) }
            if metadata.hasDetails { options.staticDetails = try await dataConverter.convertPayload(metadata.details, as: String.self) }
        }
        let headers = info.hasHeader ? try await dataConverter.decodeHeader(info.header) : [:]
        self = .startWorkflow(.init(workflowName: info.workflowType.name, options: options, headers: headers, input: input))
    }
}
