import GRPCCore
import Logging

/// Logs every RPC at debug level, and failed ones with their status, so a client that silently
/// retries (as the SDKs do on UNIMPLEMENTED) still leaves a trace.
struct RequestLogger: ServerInterceptor {
    let logger: Logger

    func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        let method = context.descriptor.method
        logger.debug("rpc", metadata: ["method": "\(method)"])
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        if case .failure(let error) = response.accepted {
            logger.debug("rpc failed", metadata: [
                "method": "\(method)", "code": "\(error.code)", "message": "\(error.message)", "elapsed": "\(elapsed)",
            ])
        } else if elapsed > .seconds(1) {
            logger.debug("rpc slow", metadata: ["method": "\(method)", "elapsed": "\(elapsed)"])
        }
        return response
    }
}
