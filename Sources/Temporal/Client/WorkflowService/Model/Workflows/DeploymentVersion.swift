/// A version of a worker deployment: the deployment's name and a build ID within it.
public struct DeploymentVersion: Sendable {
    /// The deployment's name.
    public var deploymentName: String

    /// The build ID.
    public var buildId: String

    /// Creates a deployment version.
    public init(deploymentName: String, buildId: String) {
        self.deploymentName = deploymentName
        self.buildId = buildId
    }
}
