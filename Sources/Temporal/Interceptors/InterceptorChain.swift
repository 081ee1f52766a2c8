/// Runs a call through a list of interceptors: the first one is outermost, each gets the input and
/// a `next` that calls the rest, and the last `next` is the operation itself. Every interceptor
/// protocol of the SDK (client outbound, workflow inbound and outbound, activity inbound and
/// outbound) is applied with one of these.
package enum InterceptorChain {
    package static func run<Interceptor, Input, Output>(
        _ interceptors: [Interceptor],
        input: Input,
        call: (Interceptor, Input, (Input) async throws -> Output) async throws -> Output,
        operation: (Input) async throws -> Output
    ) async throws -> Output {
        // Each `next` holds the rest of the chain, so the closures must be allowed to be captured.
        try await withoutActuallyEscaping(call) { call in
            try await withoutActuallyEscaping(operation) { operation in
                func step(_ index: Int, _ input: Input) async throws -> Output {
                    guard index < interceptors.count else { return try await operation(input) }
                    return try await call(interceptors[index], input) { try await step(index + 1, $0) }
                }
                return try await step(0, input)
            }
        }
    }

    package static func run<Interceptor, Input, Output>(
        _ interceptors: [Interceptor],
        input: Input,
        call: (Interceptor, Input, (Input) throws -> Output) throws -> Output,
        operation: (Input) throws -> Output
    ) throws -> Output {
        try withoutActuallyEscaping(call) { call in
            try withoutActuallyEscaping(operation) { operation in
                func step(_ index: Int, _ input: Input) throws -> Output {
                    guard index < interceptors.count else { return try operation(input) }
                    return try call(interceptors[index], input) { try step(index + 1, $0) }
                }
                return try step(0, input)
            }
        }
    }

    package static func run<Interceptor, Input>(
        _ interceptors: [Interceptor],
        input: Input,
        call: (Interceptor, Input, (Input) -> Void) -> Void,
        operation: (Input) -> Void
    ) {
        withoutActuallyEscaping(call) { call in
            withoutActuallyEscaping(operation) { operation in
                func step(_ index: Int, _ input: Input) {
                    guard index < interceptors.count else { return operation(input) }
                    call(interceptors[index], input) { step(index + 1, $0) }
                }
                step(0, input)
            }
        }
    }
}
