import Foundation
import SwiftProtobuf
import TernAPI

/// The size and length limits Temporal enforces, with its defaults (dynamic config
/// `limit.blobSize.*`, `limit.historyCount.*`, `limit.historySize.*`).
public struct Limits: Sendable, Equatable {
    /// Largest payload (input, result, details, memo) a request or command may carry.
    public var blobSizeError = 2 * 1024 * 1024
    /// A run whose history grows past either error limit is terminated.
    public var historyCountError: Int64 = 51_200
    public var historySizeError: Int64 = 50 * 1024 * 1024
    /// Past these the workflow is told to continue as new (`suggest_continue_as_new`).
    public var historyCountSuggestContinueAsNew: Int64 = 4 * 1024
    public var historySizeSuggestContinueAsNew: Int64 = 4 * 1024 * 1024

    public init() {}

    /// INVALID_ARGUMENT with Temporal's message when `message` is larger than the blob limit.
    public func checkBlob(_ message: (some SwiftProtobuf.Message)?) throws(TernError) {
        guard let message, let size = try? message.serializedBytes() as [UInt8], size.count > blobSizeError else { return }
        throw .invalidArgument("Blob data size exceeds limit.")
    }

    func exceedsBlobLimit(_ message: some SwiftProtobuf.Message) -> Bool {
        ((try? message.serializedBytes() as [UInt8])?.count ?? 0) > blobSizeError
    }
}

extension WorkflowMachine {
    var historyLength: Int64 { state.nextEventID - 1 }

    var shouldSuggestContinueAsNew: Bool {
        historyLength >= limits.historyCountSuggestContinueAsNew
            || state.execution.historySizeBytes >= limits.historySizeSuggestContinueAsNew
    }

    /// The payload of `command` that is over the blob limit, named as Temporal names it
    /// ("CompleteWorkflowExecutionCommandAttributes.Result"), or nil.
    func oversizedPayload(_ command: Command) -> String? {
        let field: (name: String, payload: any SwiftProtobuf.Message)? = switch command.attributes {
        case .completeWorkflowExecutionCommandAttributes(let a): ("CompleteWorkflowExecutionCommandAttributes.Result", a.result)
        case .failWorkflowExecutionCommandAttributes(let a): ("FailWorkflowExecutionCommandAttributes.Failure", a.failure)
        case .cancelWorkflowExecutionCommandAttributes(let a): ("CancelWorkflowExecutionCommandAttributes.Details", a.details)
        case .scheduleActivityTaskCommandAttributes(let a): ("ScheduleActivityTaskCommandAttributes.Input", a.input)
        case .continueAsNewWorkflowExecutionCommandAttributes(let a): ("ContinueAsNewWorkflowExecutionCommandAttributes.Input", a.input)
        case .startChildWorkflowExecutionCommandAttributes(let a): ("StartChildWorkflowExecutionCommandAttributes.Input", a.input)
        case .signalExternalWorkflowExecutionCommandAttributes(let a): ("SignalExternalWorkflowExecutionCommandAttributes.Input", a.input)
        case .recordMarkerCommandAttributes(let a): ("RecordMarkerCommandAttributes.Details", Temporal_Api_Common_V1_Payloads.with {
            $0.payloads = a.details.values.flatMap(\.payloads)
        })
        default: nil
        }
        guard let field, limits.exceedsBlobLimit(field.payload) else { return nil }
        return field.name
    }

    /// Terminates a run whose history outgrew the limits, as Temporal does.
    mutating func enforceHistoryLimits() {
        guard isRunning else { return }
        let reason: String
        if historyLength > limits.historyCountError {
            reason = "Workflow history count exceeds limit."
        } else if state.execution.historySizeBytes > limits.historySizeError {
            reason = "Workflow history size exceeds limit."
        } else {
            return
        }
        failWorkflowTaskInFlightForForcedClose()
        close(.terminated, .workflowExecutionTerminated) { event in
            event.workflowExecutionTerminatedEventAttributes = .with {
                $0.reason = reason
                $0.identity = "history-service"
            }
        }
    }
}
