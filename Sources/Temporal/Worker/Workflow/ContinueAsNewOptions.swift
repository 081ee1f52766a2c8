/// What changes for the next run when a workflow continues as new; every `nil` option keeps the
/// current run's value.
public struct ContinueAsNewOptions: Sendable {
    /// The next run's task queue.
    public var taskQueue: String?

    /// The next run's workflow task timeout.
    public var taskTimeout: Duration?

    /// The next run's run timeout.
    public var runTimeout: Duration?

    /// The next run's retry policy.
    public var retryPolicy: RetryPolicy?

    /// The next run's memo, replacing the current one.
    public var memo: [String: any Sendable]?

    /// Search attributes for the next run, merged over the current run's.
    public var searchAttributes: SearchAttributeCollection?

    /// Creates continue-as-new options; every parameter defaults to keeping the current value.
    ///
    /// - Parameters:
    ///   - taskQueue: The next run's task queue.
    ///   - taskTimeout: The next run's workflow task timeout.
    ///   - runTimeout: The next run's run timeout.
    ///   - retryPolicy: The next run's retry policy.
    ///   - memo: The next run's memo.
    ///   - searchAttributes: Search attributes merged over the current ones.
    public init(
        taskQueue: String? = nil,
        taskTimeout: Duration? = nil,
        runTimeout: Duration? = nil,
        retryPolicy: RetryPolicy? = nil,
        memo: [String: any Sendable]? = nil,
        searchAttributes: SearchAttributeCollection? = nil
    ) {
        self.taskQueue = taskQueue
        self.taskTimeout = taskTimeout
        self.runTimeout = runTimeout
        self.retryPolicy = retryPolicy
        self.memo = memo
        self.searchAttributes = searchAttributes
    }
}
