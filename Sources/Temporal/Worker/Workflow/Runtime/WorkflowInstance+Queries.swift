import SwiftProtobuf

/// Queries: answered from the state the last activation left, never recorded in history.
extension WorkflowInstance {
    static let stackTraceQuery = "__stack_trace"
    static let metadataQuery = "__temporal_workflow_metadata"

    /// Answers `query`; `id` is the query's id in its workflow task (empty for a legacy query).
    func answer(_ query: Api.Query.V1.WorkflowQuery, id: String = "") -> Result<Api.Common.V1.Payloads, any Error> {
        Result {
            let payload: Api.Common.V1.Payload
            switch query.queryType {
            case Self.stackTraceQuery:
                payload = try payloadConverter.convertValue(stackTrace)
            case Self.metadataQuery:
                payload = try payloadConverter.convertValue(body.metadata)
            default:
                payload = try body.query(query, id: id, instance: self)
            }
            return .with { $0.payloads = [payload] }
        }
    }

    func queryResult(_ result: Result<Api.Common.V1.Payloads, any Error>) -> Api.Query.V1.WorkflowQueryResult {
        switch result {
        case .success(let payloads):
            return .with {
                $0.resultType = .answered
                $0.answer = payloads
            }
        case .failure(let error):
            let failure = failureConverter.convertError(error, payloadConverter: payloadConverter)
            return .with {
                $0.resultType = .failed
                $0.errorMessage = failure.message
                $0.failure = failure
            }
        }
    }

    /// What `__stack_trace` shows: Swift cannot walk suspended tasks' stacks, so the run lists
    /// what its code is waiting for instead.
    var stackTrace: String {
        var lines = ["Workflow \(body.workflowName) is waiting on:"]
        lines.append(contentsOf: machines.waitingDescriptions.map { "  \($0)" })
        if runningHandlers > 0 { lines.append("  \(runningHandlers) running signal/update handler(s)") }
        return lines.joined(separator: "\n")
    }
}

/// An unknown query name: the error lists the names the workflow answers.
struct UnknownQueryError: Error, CustomStringConvertible {
    var name: String
    var known: [String]
    var description: String {
        "Query handler for '\(name)' expected but not found, known queries: [\(known.sorted().joined(separator: " "))]"
    }
}
