/// A completion of an activity from outside its worker, as it passes through
/// ``ClientOutboundInterceptor/completeAsyncActivity(input:next:)``.
public struct CompleteAsyncActivityInput<Result: Sendable>: Sendable {
    /// The activity.
    public var activity: AsyncActivityHandle.Reference

    /// The activity's result; recorded as null when `nil`.
    public var result: Result?

    /// Call options.
    public var options: AsyncActivityCompleteOptions?

    /// Converts the result.
    public var dataConverter: DataConverter

    public init(
        activity: AsyncActivityHandle.Reference,
        result: Result? = nil,
        options: AsyncActivityCompleteOptions? = nil,
        dataConverter: DataConverter
    ) {
        self.activity = activity
        self.result = result
        self.options = options
        self.dataConverter = dataConverter
    }
}
