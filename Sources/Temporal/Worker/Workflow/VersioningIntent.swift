/// Whether a command a workflow issues (activity, child workflow, continue-as-new) should run on
/// a worker whose build is compatible with the current one (worker versioning).
@nonexhaustive
public enum VersioningIntent: Hashable, Sendable {
    /// Let the server decide from the kind of command.
    case unspecified

    /// Run on a worker compatible with the current worker's build.
    case compatible

    /// Run on the target task queue's current default build.
    case currentDefault

    /// A name for logs.
    package var description: String {
        switch self {
        case .unspecified: "unspecified"
        case .compatible: "compatible"
        case .currentDefault: "currentDefault"
        }
    }
}
