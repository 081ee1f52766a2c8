/// Thrown from an activity to say that it will be completed later through its task token (for
/// example by `AsyncActivityHandle`), so the worker must not report a result now.
public struct CompleteAsyncError: TemporalError {
    public var message: String = "Activity will be completed asynchronously"

    public var cause: (any Error)? = nil

    public var stackTrace: String = ""

    /// Creates the error.
    public init() {}
}
