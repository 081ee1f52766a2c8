/// Hooks around what a worker runs. Workers accept interceptors in their configuration; this
/// worker does not call any hook yet (interceptor inputs and the tracing interceptor come later).
public protocol WorkerInterceptor: Sendable {}
