import Foundation
import SwiftProtobuf
import TernAPI

public typealias UpdateInfo = Tern_Internal_V1_UpdateInfo
public typealias ProtocolMessage = Temporal_Api_Protocol_V1_Message
public typealias UpdateRequest = Temporal_Api_Update_V1_Request

/// Workflow updates: a request is admitted (kept in mutable state, not history), carried to the
/// worker as a protocol message on the next workflow task, then accepted or rejected by the
/// worker, and finally completed. Only acceptance and completion are written to history.
///
/// When no workflow task is pending, an update gets a *speculative* one: its SCHEDULED and
/// STARTED events are held in mutable state and written only if the task's outcome needs them.
/// A task that only rejects updates leaves no trace in history.
extension WorkflowMachine {
    /// Admits an update unless one with the same id is already known (then this is a no-op).
    public mutating func admitUpdate(_ request: UpdateRequest) throws(TernError) {
        let id = request.meta.updateID
        if id.isEmpty { throw .invalidArgument("Update id is not set on request.") }
        if request.input.name.isEmpty { throw .invalidArgument("Update name is not set on request.") }
        if state.updates[id] != nil { return }
        guard isRunning else { throw Self.workflowCompleted }
        if isPaused { throw Self.workflowPaused }
        state.lastUpdateSequence += 1
        let sequence = state.lastUpdateSequence
        state.updates[id] = .with {
            $0.updateID = id
            $0.stage = .admitted
            $0.sequence = sequence
            $0.requestMessage = .with {
                $0.id = "\(id)/request"
                $0.protocolInstanceID = id
                $0.body = (try? Google_Protobuf_Any(message: request)) ?? Google_Protobuf_Any()
            }
        }
        if !state.hasWorkflowTask { scheduleWorkflowTaskIfNeeded(speculative: true) }
    }

    /// An admitted update still has to be sent to the worker as a message.
    static func awaitsDelivery(_ info: UpdateInfo) -> Bool { info.stage == .admitted && info.admittedEventID == 0 }

    var hasUpdatesToDeliver: Bool { state.updates.values.contains(where: Self.awaitsDelivery) }

    /// The request messages a workflow task starting now carries, sequenced after the events
    /// before its STARTED event.
    mutating func attachUpdates(startedEventID: Int64) -> [ProtocolMessage] {
        let waiting = state.updates.values.filter(Self.awaitsDelivery).sorted { $0.sequence < $1.sequence }
        state.workflowTask.updateIds = waiting.map(\.updateID)
        return waiting.map { info in
            var message = info.requestMessage
            message.eventID = startedEventID - 1
            return message
        }
    }

    // MARK: Messages from the worker

    /// Applies one protocol message of a workflow task completion.
    mutating func applyMessage(_ message: ProtocolMessage, identity: String) throws(CommandRejection) {
        func reject(_ text: String) -> CommandRejection {
            CommandRejection(.badUpdateWorkflowExecutionMessage, text)
        }
        let id = message.protocolInstanceID
        guard var info = state.updates[id] else {
            throw reject("Update \(id) is not known to this workflow; the message cannot be applied.")
        }
        if message.body.isA(Temporal_Api_Update_V1_Acceptance.self) {
            guard info.stage == .admitted, let acceptance = try? Temporal_Api_Update_V1_Acceptance(unpackingAny: message.body)
            else { throw reject("Update \(id) cannot be accepted: it is not waiting for acceptance.") }
            let request = (try? UpdateRequest(unpackingAny: info.requestMessage.body)) ?? UpdateRequest()
            let eventID = append(.workflowExecutionUpdateAccepted) { event in
                event.workflowExecutionUpdateAcceptedEventAttributes = .with {
                    $0.protocolInstanceID = id
                    $0.acceptedRequestMessageID = acceptance.acceptedRequestMessageID
                    $0.acceptedRequestSequencingEventID = acceptance.acceptedRequestSequencingEventID
                    $0.acceptedRequest = acceptance.hasAcceptedRequest ? acceptance.acceptedRequest : request
                }
            }
            info.stage = .accepted
            info.acceptedEventID = eventID
            state.updates[id] = info
        } else if message.body.isA(Temporal_Api_Update_V1_Response.self) {
            guard info.stage == .accepted, let response = try? Temporal_Api_Update_V1_Response(unpackingAny: message.body)
            else { throw reject("Update \(id) cannot be completed: it was not accepted.") }
            let acceptedID = info.acceptedEventID
            let eventID = append(.workflowExecutionUpdateCompleted) { event in
                event.workflowExecutionUpdateCompletedEventAttributes = .with {
                    $0.meta = response.meta
                    $0.acceptedEventID = acceptedID
                    $0.outcome = response.outcome
                }
            }
            info.stage = .completed
            info.completedEventID = eventID
            info.clearRequestMessage()  // no longer needed; keep the state small
            state.updates[id] = info
        } else if message.body.isA(Temporal_Api_Update_V1_Rejection.self) {
            guard info.stage == .admitted, let rejection = try? Temporal_Api_Update_V1_Rejection(unpackingAny: message.body)
            else { throw reject("Update \(id) cannot be rejected: it was already accepted.") }
            state.updates.removeValue(forKey: id)
            rejectedUpdates.append(RejectedUpdate(updateID: id, failure: rejection.failure))
        } else {
            throw reject("Protocol message \(message.id) has a body of unknown type \(message.body.typeURL).")
        }
    }

    /// A completed update's outcome lives in its UPDATE_COMPLETED event; this names it.
    public func update(_ id: String) -> UpdateInfo? { state.updates[id] }

    /// Unfinished updates when the run closes, as Temporal ends them: an accepted one completes with
    /// a failure (its caller was promised an outcome); one not yet accepted goes on in the next run
    /// of a continue-as-new, or is aborted.
    mutating func endUpdatesOnClose() {
        let continuing = state.execution.status == .continuedAsNew && newRun != nil
        for (id, info) in state.updates.sorted(by: { $0.value.sequence < $1.value.sequence }) where info.stage != .completed {
            state.updates.removeValue(forKey: id)
            if info.stage == .accepted {
                updatesEndedByClose.append(EndedUpdate(updateID: id, end: .failed(Self.acceptedUpdateCompletedWorkflow)))
            } else if continuing, var next = newRun {
                next.state.lastUpdateSequence += 1
                var moved = info
                moved.sequence = next.state.lastUpdateSequence
                moved.admittedEventID = 0
                next.state.updates[id] = moved
                newRun = next
                updatesEndedByClose.append(EndedUpdate(updateID: id, end: .movedTo(runID: next.runID)))
            } else {
                updatesEndedByClose.append(EndedUpdate(updateID: id, end: .abortedByClose))
            }
        }
    }

    static let acceptedUpdateCompletedWorkflow = Failure.with {
        $0.message = "Workflow Update failed because the Workflow completed before the Update completed."
        $0.source = "Server"
        $0.applicationFailureInfo = .with { $0.type = "AcceptedUpdateCompletedWorkflow"; $0.nonRetryable = true }
    }
}

/// What became of an update its run closed on (kept in the engine's memory for waiting callers).
public struct EndedUpdate: Sendable, Equatable {
    public enum End: Sendable, Equatable {
        /// Its outcome is this failure.
        case failed(Failure)
        /// Never accepted; the run closed.
        case abortedByClose
        /// Never accepted; it waits in the run that continued this one.
        case movedTo(runID: String)
    }

    public var updateID: String
    public var end: End

    public init(updateID: String, end: End) {
        self.updateID = updateID
        self.end = end
    }
}

/// An update the worker rejected: nothing about it is stored, so the waiting caller learns the
/// outcome from the engine's memory.
public struct RejectedUpdate: Sendable, Equatable {
    public var updateID: String
    public var failure: Failure
}
