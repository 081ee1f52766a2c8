import TernAPI

extension Api.Workflow.V1.VersioningOverride {
    /// The wire form of `override`.
    package init(_ override: VersioningOverride) {
        self.init()
        switch override.kind {
        case .pinned(let version):
            var pinned = Api.Workflow.V1.VersioningOverride.PinnedOverride()
            pinned.behavior = .pinned
            pinned.version = .init(version)
            self.override = .pinned(pinned)
        case .autoUpgrade:
            self.override = .autoUpgrade(true)
        }
    }
}

extension Api.Deployment.V1.WorkerDeploymentVersion {
    /// The wire form of `version`.
    package init(_ version: DeploymentVersion) {
        self.init()
        deploymentName = version.deploymentName
        buildID = version.buildId
    }
}
