/// A report that an activity completed from outside its worker was cancelled, as it passes
/// through ``ClientOutboundInterceptor/reportCancellationAsyncActivity(input:next:)``.
public struct ReportCancellationAsyncActivityInput: Sendable {
    /// The activity.
    public var activity: AsyncActivityHandle.Reference

    /// Cancellation details and call options.
    public var options: AsyncActivityReportCancellationOptions?

    /// Converts the details.
    public var dataConverter: DataConverter

    public init(
        activity: AsyncActivityHandle.Reference,
        options: AsyncActivityReportCancellationOptions? = nil,
        dataConverter: DataConverter
    ) {
        self.activity = activity
        self.options = options
        self.dataConverter = dataConverter
    }
}
