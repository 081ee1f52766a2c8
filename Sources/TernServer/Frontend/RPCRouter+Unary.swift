import GRPCCore
import GRPCProtobuf
import SwiftProtobuf

extension RPCRouter {
    /// Registers a unary protobuf handler. Errors it throws reach the client as a
    /// `google.rpc.Status` (see `TernError.rpcStatus`).
    ///
    /// gRPC reports a cancelled RPC (the client hung up, the deadline passed, the server is
    /// shutting down) through `ServerContext.cancellation`, not by cancelling the handler's task.
    /// With `longPoll` the handler runs in a task that is cancelled then, so waiting long polls
    /// end at once and never hand a task to a caller that has gone.
    mutating func unary<Input: SwiftProtobuf.Message & Sendable, Output: SwiftProtobuf.Message & Sendable>(
        _ method: MethodDescriptor, longPoll: Bool = false,
        _ handler: @Sendable @escaping (Input, ServerContext) async throws -> Output
    ) {
        registerHandler(
            forMethod: method,
            deserializer: ProtobufDeserializer<Input>(),
            serializer: ProtobufSerializer<Output>()
        ) { request, context in
            let single = try await ServerRequest(stream: request)
            do {
                let output: Output
                if longPoll {
                    let task = Task { try await handler(single.message, context) }
                    output = try await withTaskCancellationHandler {
                        try await withRPCCancellationHandler {
                            try await task.value
                        } onCancelRPC: {
                            task.cancel()
                        }
                    } onCancel: {
                        task.cancel()
                    }
                } else {
                    output = try await handler(single.message, context)
                }
                return StreamingServerResponse(single: ServerResponse(message: output))
            } catch {
                return StreamingServerResponse(single: ServerResponse(error: RPCError(statusFor: error)))
            }
        }
    }
}
