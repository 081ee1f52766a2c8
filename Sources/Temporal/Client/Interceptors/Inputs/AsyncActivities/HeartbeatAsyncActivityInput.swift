/// A heartbeat for an activity completed from outside its worker, as it passes through
/// ``ClientOutboundInterceptor/heartbeatAsyncActivity(input:next:)``.
public struct HeartbeatAsyncActivityInput: Sendable {
    /// The activity.
    public var activity: AsyncActivityHandle.Reference

    /// Progress details and call options.
    public var options: AsyncActivityHeartbeatOptions?

    /// Converts the details.
    public var dataConverter: DataConverter

    public init(
        activity: AsyncActivityHandle.Reference,
        options: AsyncActivityHeartbeatOptions? = nil,
        dataConverter: DataConverter
    ) {
        self.activity = activity
        self.options = options
        self.dataConverter = dataConverter
    }
}
