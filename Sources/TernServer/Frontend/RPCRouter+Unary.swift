import GRPCCore
import GRPCProtobuf
import SwiftProtobuf

extension RPCRouter {
    /// Registers a unary protobuf handler. Errors it throws reach the client as a
    /// `google.rpc.Status` (see `TernError.rpcStatus`).
    mutating func unary<Input: SwiftProtobuf.Message & Sendable, Output: SwiftProtobuf.Message & Sendable>(
        _ method: MethodDescriptor,
        _ handler: @Sendable @escaping (Input, ServerContext) async throws -> Output
    ) {
        registerHandler(
            forMethod: method,
            deserializer: ProtobufDeserializer<Input>(),
            serializer: ProtobufSerializer<Output>()
        ) { request, context in
            let single = try await ServerRequest(stream: request)
            do {
                let output = try await handler(single.message, context)
                return StreamingServerResponse(single: ServerResponse(message: output))
            } catch {
                return StreamingServerResponse(single: ServerResponse(error: RPCError(statusFor: error)))
            }
        }
    }
}
