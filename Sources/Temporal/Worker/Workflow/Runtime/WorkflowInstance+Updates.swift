import SwiftProtobuf

/// Updates: a request arrives as a protocol message, is validated (a rejection leaves no trace in
/// history), accepted, run as a handler task, and answered with a response message.
extension WorkflowInstance {
    @TaskLocal static var currentUpdate: WorkflowUpdateInfo?

    func receive(_ message: Api.`Protocol`.V1.Message) {
        guard message.body.isA(Api.Update.V1.Request.self),
            let request = try? Api.Update.V1.Request(unpackingAny: message.body)
        else {
            logger.warning("Ignoring a protocol message of unknown type", metadata: ["type": "\(message.body.typeURL)"])
            return
        }
        deliverUpdate(request, validate: true, requestMessage: message)
    }

    /// Starts an update; `validate` is false when replaying one the history says was accepted.
    func deliverUpdate(_ request: Api.Update.V1.Request, validate: Bool, requestMessage: Api.`Protocol`.V1.Message? = nil) {
        let id = request.meta.updateID
        let name = request.input.name
        guard let handler = body.update(name) else {
            reject(id, requestMessage, UnknownUpdateError(name: name, known: body.updateNames))
            return
        }
        if validate {
            do {
                try Self.$currentUpdate.withValue(WorkflowUpdateInfo(id: id, name: name)) {
                    try handler.validate(request, self)
                }
            } catch {
                reject(id, requestMessage, error)
                return
            }
        }
        let acceptance = Api.Update.V1.Acceptance.with {
            $0.acceptedRequestMessageID = requestMessage?.id ?? ""
            $0.acceptedRequestSequencingEventID = requestMessage?.eventID ?? 0
            $0.acceptedRequest = request
        }
        send(id: id, suffix: "accept", body: acceptance, expecting: .workflowExecutionUpdateAccepted)
        let info = WorkflowUpdateInfo(id: id, name: name)
        spawnHandler(RunningHandler(name: name, updateID: id), policy: handler.unfinishedPolicy) { [self] in
            var outcome = Api.Update.V1.Outcome()
            do {
                let result = try await Self.$currentUpdate.withValue(info) {
                    try await handler.run(request, self)
                }
                outcome.success = .with { if let result { $0.payloads = [result] } }
            } catch {
                outcome.failure = failureConverter.convertError(error, payloadConverter: payloadConverter)
            }
            let response = Api.Update.V1.Response.with {
                $0.meta = request.meta
                $0.outcome = outcome
            }
            send(id: id, suffix: "complete", body: response, expecting: .workflowExecutionUpdateCompleted)
        }
    }

    private func reject(_ id: String, _ requestMessage: Api.`Protocol`.V1.Message?, _ error: any Error) {
        guard let requestMessage else { return }  // replaying: rejections were never recorded
        let rejection = Api.Update.V1.Rejection.with {
            $0.rejectedRequestMessageID = requestMessage.id
            $0.rejectedRequestSequencingEventID = requestMessage.eventID
            if let request = try? Api.Update.V1.Request(unpackingAny: requestMessage.body) { $0.rejectedRequest = request }
            $0.failure = failureConverter.convertError(error, payloadConverter: payloadConverter)
        }
        outgoingMessages.append(
            .with {
                $0.id = "\(id)/reject"
                $0.protocolInstanceID = id
                $0.body = (try? Google_Protobuf_Any(message: rejection)) ?? Google_Protobuf_Any()
            })
    }

    /// Sends a message with a command that places it among the other commands.
    private func send(id: String, suffix: String, body: some SwiftProtobuf.Message, expecting eventType: Api.Enums.V1.EventType) {
        let messageID = "\(id)/\(suffix)"
        outgoingMessages.append(
            .with {
                $0.id = messageID
                $0.protocolInstanceID = id
                $0.body = (try? Google_Protobuf_Any(message: body)) ?? Google_Protobuf_Any()
            })
        var command = Api.Command.V1.Command()
        command.commandType = .protocolMessage
        command.protocolMessageCommandAttributes = .with { $0.messageID = messageID }
        machines.issue(
            CommandEntry(
                command: command, message: nil,
                mismatch: { event in
                    guard event.eventType == eventType else { return "expected \(eventType) for update \(id)" }
                    let recordedID =
                        eventType == .workflowExecutionUpdateAccepted
                        ? event.workflowExecutionUpdateAcceptedEventAttributes.protocolInstanceID
                        : event.workflowExecutionUpdateCompletedEventAttributes.meta.updateID
                    return recordedID == id ? nil : "the history's update is \(recordedID), the workflow's \(id)"
                },
                recorded: { _ in }, summary: "update \(id) \(suffix)"))
    }
}

/// An update name the workflow has no handler for: the rejection lists the ones it has.
struct UnknownUpdateError: Error, CustomStringConvertible {
    var name: String
    var known: [String]
    var description: String {
        "Update handler for '\(name)' expected but not found, known updates: [\(known.sorted().joined(separator: " "))]"
    }
}
