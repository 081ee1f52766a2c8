/// What a parent workflow waits for after asking to cancel a child workflow.
@nonexhaustive
public enum ChildWorkflowCancellationType: Hashable, Sendable {
    /// Do not request cancellation; report the child as cancelled at once and let it run.
    case abandon

    /// Request cancellation and report the child as cancelled at once.
    case tryCancel

    /// Request cancellation and wait until the child has finished.
    case waitCancellationCompleted

    /// Request cancellation and wait until the server has accepted the request.
    case waitCancellationRequested

    /// A name for logs.
    var description: String {
        switch self {
        case .abandon: "abandon"
        case .tryCancel: "tryCancel"
        case .waitCancellationCompleted: "waitCancellationCompleted"
        case .waitCancellationRequested: "waitCancellationRequested"
        }
    }
}
