/// A failure of an activity attempt from outside its worker, as it passes through
/// ``ClientOutboundInterceptor/failAsyncActivity(input:next:)``.
public struct FailAsyncActivityInput: Sendable {
    /// The activity.
    public var activity: AsyncActivityHandle.Reference

    /// Why the attempt failed, converted to a Temporal failure.
    public var error: any Error

    /// The last heartbeat's details and call options.
    public var options: AsyncActivityFailOptions?

    /// Converts the error and details.
    public var dataConverter: DataConverter

    public init(
        activity: AsyncActivityHandle.Reference,
        error: any Error,
        options: AsyncActivityFailOptions? = nil,
        dataConverter: DataConverter
    ) {
        self.activity = activity
        self.error = error
        self.options = options
        self.dataConverter = dataConverter
    }
}
