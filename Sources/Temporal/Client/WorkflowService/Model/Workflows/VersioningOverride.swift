/// Overrides the versioning behaviour a workflow's worker declared.
public struct VersioningOverride: Sendable {
    /// The kinds of override.
    package enum Kind: Sendable {
        /// Stay on one deployment version.
        case pinned(deploymentVersion: DeploymentVersion)
        /// Move to the current deployment version on each workflow task.
        case autoUpgrade
    }

    /// This override's kind.
    package let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// Keeps the workflow on `deploymentVersion`.
    public static func pinned(deploymentVersion: DeploymentVersion) -> VersioningOverride {
        VersioningOverride(.pinned(deploymentVersion: deploymentVersion))
    }

    /// Lets the workflow move to the current deployment version.
    public static let autoUpgrade = VersioningOverride(.autoUpgrade)
}
