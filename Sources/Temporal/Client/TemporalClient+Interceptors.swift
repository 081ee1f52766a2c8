extension TemporalClient {
    /// Runs one client call through the configured interceptors: `hook` names the call's
    /// ``ClientOutboundInterceptor`` method, `rpc` is the call itself, reached as the innermost
    /// `next` with the input as the interceptors left it.
    func intercepted<Input, Output>(
        _ input: Input,
        _ hook: (any ClientOutboundInterceptor, Input, (Input) async throws -> Output) async throws -> Output,
        rpc: (Input) async throws -> Output
    ) async throws -> Output {
        try await InterceptorChain.run(outboundInterceptors, input: input, call: hook, operation: rpc)
    }
}
