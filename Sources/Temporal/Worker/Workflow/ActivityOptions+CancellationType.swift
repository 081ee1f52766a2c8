extension ActivityOptions {
    /// What a workflow waits for after asking to cancel an activity.
    ///
    /// The activity itself only learns of the request when it heartbeats.
    public enum CancellationType: Hashable, Sendable {
        /// Request cancellation and report the activity as cancelled to the workflow at once.
        case tryCancel

        /// Request cancellation and wait until the activity has acknowledged it and finished.
        case waitCancellationCompleted

        /// Do not request cancellation; report the activity as cancelled at once and let it run.
        case abandon

        /// Reserved so that switches include a `default` case; never use it.
        case DO_NOT_EXHAUSTIVELY_MATCH_OVER_THIS_ENUM

        /// A name for logs.
        package var description: String {
            switch self {
            case .tryCancel: "tryCancel"
            case .waitCancellationCompleted: "waitCancellationCompleted"
            case .abandon: "abandon"
            case .DO_NOT_EXHAUSTIVELY_MATCH_OVER_THIS_ENUM: "unknown"
            }
        }
    }
}
