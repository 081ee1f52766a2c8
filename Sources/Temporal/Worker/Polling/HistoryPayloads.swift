/// Applies a payload codec to the payloads of history events (decode) and of commands and
/// messages (encode), so workflow code only ever sees decoded payloads.
enum HistoryPayloads {
    static func decode(_ event: inout Api.History.V1.HistoryEvent, with codec: any PayloadCodec) async throws {
        switch event.attributes {
        case .workflowExecutionStartedEventAttributes(var a):
            a.input.payloads = try await codec.decode(payloads: a.input.payloads)
            event.attributes = .workflowExecutionStartedEventAttributes(a)
        case .workflowExecutionSignaledEventAttributes(var a):
            a.input.payloads = try await codec.decode(payloads: a.input.payloads)
            event.attributes = .workflowExecutionSignaledEventAttributes(a)
        case .activityTaskCompletedEventAttributes(var a):
            a.result.payloads = try await codec.decode(payloads: a.result.payloads)
            event.attributes = .activityTaskCompletedEventAttributes(a)
        case .activityTaskFailedEventAttributes(var a):
            a.failure = try await codec.decode(failure: a.failure)
            event.attributes = .activityTaskFailedEventAttributes(a)
        case .childWorkflowExecutionCompletedEventAttributes(var a):
            a.result.payloads = try await codec.decode(payloads: a.result.payloads)
            event.attributes = .childWorkflowExecutionCompletedEventAttributes(a)
        case .childWorkflowExecutionFailedEventAttributes(var a):
            a.failure = try await codec.decode(failure: a.failure)
            event.attributes = .childWorkflowExecutionFailedEventAttributes(a)
        case .workflowExecutionUpdateAcceptedEventAttributes(var a):
            a.acceptedRequest.input.args.payloads = try await codec.decode(payloads: a.acceptedRequest.input.args.payloads)
            event.attributes = .workflowExecutionUpdateAcceptedEventAttributes(a)
        default:
            break
        }
    }

    static func encode(_ command: inout Api.Command.V1.Command, with codec: any PayloadCodec) async throws {
        switch command.attributes {
        case .scheduleActivityTaskCommandAttributes(var a):
            a.input.payloads = try await codec.encode(payloads: a.input.payloads)
            command.attributes = .scheduleActivityTaskCommandAttributes(a)
        case .completeWorkflowExecutionCommandAttributes(var a):
            a.result.payloads = try await codec.encode(payloads: a.result.payloads)
            command.attributes = .completeWorkflowExecutionCommandAttributes(a)
        case .failWorkflowExecutionCommandAttributes(var a):
            a.failure = try await codec.encode(failure: a.failure)
            command.attributes = .failWorkflowExecutionCommandAttributes(a)
        case .startChildWorkflowExecutionCommandAttributes(var a):
            a.input.payloads = try await codec.encode(payloads: a.input.payloads)
            command.attributes = .startChildWorkflowExecutionCommandAttributes(a)
        case .signalExternalWorkflowExecutionCommandAttributes(var a):
            a.input.payloads = try await codec.encode(payloads: a.input.payloads)
            command.attributes = .signalExternalWorkflowExecutionCommandAttributes(a)
        case .continueAsNewWorkflowExecutionCommandAttributes(var a):
            a.input.payloads = try await codec.encode(payloads: a.input.payloads)
            command.attributes = .continueAsNewWorkflowExecutionCommandAttributes(a)
        default:
            break
        }
    }

    static func encode(_ message: inout Api.`Protocol`.V1.Message, with codec: any PayloadCodec) async throws {
        // Update responses carry the update's result.
        guard message.body.isA(Api.Update.V1.Response.self),
            var response = try? Api.Update.V1.Response(unpackingAny: message.body)
        else { return }
        switch response.outcome.value {
        case .success(var payloads):
            payloads.payloads = try await codec.encode(payloads: payloads.payloads)
            response.outcome.success = payloads
        case .failure(let failure):
            response.outcome.failure = try await codec.encode(failure: failure)
        case nil:
            break
        }
        message.body = try .init(message: response)
    }
}
