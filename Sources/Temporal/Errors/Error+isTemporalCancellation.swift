extension Error {
    /// Whether this error means that something was cancelled: Swift's `CancellationError`, a
    /// ``CanceledError``, or an ``ActivityError`` or ``ChildWorkflowError`` whose direct cause is a
    /// ``CanceledError``.
    public var isTemporalCancellation: Bool {
        switch self {
        case is CancellationError, is CanceledError:
            return true
        case let error as ActivityError:
            return error.cause is CanceledError
        case let error as ChildWorkflowError:
            return error.cause is CanceledError
        default:
            return false
        }
    }
}
