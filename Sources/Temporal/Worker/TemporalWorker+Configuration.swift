import Foundation

extension TemporalWorker {
    /// How a worker connects, what it polls, and how much it runs at once.
    public struct Configuration: Sendable {
        /// How the worker takes part in worker versioning.
        public struct VersioningStrategy: Hashable, Sendable {
            public struct DeploymentVersion: Hashable, Sendable {
                public var deploymentName: String
                public var buildId: String

                public init(deploymentName: String, buildId: String) {
                    self.deploymentName = deploymentName
                    self.buildId = buildId
                }
            }

            public struct DefaultVersioningBehavior: Hashable, Sendable {
                package enum Kind: Hashable, Sendable { case unspecified, pinned, autoUpgrade }
                package let kind: Kind
                private init(_ kind: Kind) { self.kind = kind }
                public static let unspecified = Self(.unspecified)
                public static let pinned = Self(.pinned)
                public static let autoUpgrade = Self(.autoUpgrade)
            }

            public struct NoneParameters: Hashable, Sendable {
                public var buildId: String?
                public init(buildId: String? = nil) { self.buildId = buildId }
            }

            public struct DeploymentBasedParameters: Hashable, Sendable {
                public var deploymentVersion: DeploymentVersion
                public var useWorkerVersioning: Bool
                public var defaultVersioningBehavior: DefaultVersioningBehavior

                public init(
                    deploymentVersion: DeploymentVersion, useWorkerVersioning: Bool,
                    defaultVersioningBehavior: DefaultVersioningBehavior
                ) {
                    self.deploymentVersion = deploymentVersion
                    self.useWorkerVersioning = useWorkerVersioning
                    self.defaultVersioningBehavior = defaultVersioningBehavior
                }
            }

            public struct LegacyBuildIdBasedParameters: Hashable, Sendable {
                public var buildId: String
                public init(buildId: String) { self.buildId = buildId }
            }

            package enum Kind: Hashable, Sendable {
                case none(NoneParameters)
                case deploymentBased(DeploymentBasedParameters)
                case legacyBuildIdBased(LegacyBuildIdBasedParameters)
            }

            package let kind: Kind
            private init(_ kind: Kind) { self.kind = kind }

            public static func none(_ noneParameters: NoneParameters) -> Self { .init(.none(noneParameters)) }
            public static func deploymentBased(_ parameters: DeploymentBasedParameters) -> Self { .init(.deploymentBased(parameters)) }
            public static func legacyBuildIdBased(_ parameters: LegacyBuildIdBasedParameters) -> Self {
                .init(.legacyBuildIdBased(parameters))
            }
        }

        /// How many long polls a worker keeps open.
        public struct PollerBehavior: Hashable, Sendable {
            package enum Kind: Hashable, Sendable {
                case simpleMaximum(maximum: Int)
                case autoscaling(minimum: Int, maximum: Int, initial: Int)
            }

            package let kind: Kind
            private init(_ kind: Kind) { self.kind = kind }

            public static func simpleMaximum(maximum: Int) -> Self { .init(.simpleMaximum(maximum: maximum)) }
            public static func autoscaling(minimum: Int, maximum: Int, initial: Int) -> Self {
                .init(.autoscaling(minimum: minimum, maximum: maximum, initial: initial))
            }

            /// The number of polls this worker keeps open.
            var pollers: Int {
                switch kind {
                case .simpleMaximum(let maximum): max(1, maximum)
                case .autoscaling(_, let maximum, let initial): max(1, min(maximum, initial))
                }
            }
        }

        static let clientName = "temporal-swift"
        static let clientVersion = "0.1.0"

        public var namespace: String
        public var taskQueue: String
        public var instrumentation: Instrumentation
        public var versioningStrategy: VersioningStrategy
        public var clientIdentity: String
        public var identityOverride: String?
        public var dataConverter: DataConverter
        public var interceptors: [any WorkerInterceptor]
        public var apiKey: String?
        public var tuner = WorkerTuner()
        public var workflowTaskPollerBehavior: PollerBehavior = .simpleMaximum(maximum: 5)
        public var maxCachedWorkflows = 1_000
        public var nonstickyToStickyPollRatio = 0.2
        public var stickyQueueScheduleToStartTimeout: Duration = .seconds(10)
        public var activityTaskPollerBehavior: PollerBehavior = .simpleMaximum(maximum: 5)
        public var maxActivitiesPerSecond: Double = 100_000
        public var maxTaskQueueActivitiesPerSecond: Double = 100_000
        public var maxConcurrentActivityTaskPolls = 5
        public var defaultHeartbeatThrottleInterval: Duration = .seconds(30)
        public var maxHeartbeatThrottleInterval: Duration = .seconds(60)
        public var workerHeartbeatInterval: Duration = .zero
        public var gracefulShutdownPeriod: Duration = .seconds(0)
        public var nexusTaskPollerBehavior: PollerBehavior = .simpleMaximum(maximum: 5)
        public var skipGetSystemInfo = false

        public init(
            namespace: String,
            taskQueue: String,
            instrumentation: Instrumentation,
            versioningStrategy: VersioningStrategy = .none(.init()),
            clientIdentity: String? = nil,
            dataConverter: DataConverter = DataConverter.default,
            interceptors: [any WorkerInterceptor] = [TemporalWorkerTracingInterceptor()],
            apiKey: String? = nil
        ) {
            self.namespace = namespace
            self.taskQueue = taskQueue
            self.instrumentation = instrumentation
            self.versioningStrategy = versioningStrategy
            let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").suffix(5)
            self.clientIdentity = clientIdentity ?? "\(ProcessInfo.processInfo.processIdentifier)@\(ProcessInfo.processInfo.hostName)-\(suffix)"
            self.dataConverter = dataConverter
            self.interceptors = interceptors
            self.apiKey = apiKey
        }

        /// The identity sent with every call.
        var identity: String { identityOverride ?? clientIdentity }
    }
}

extension TemporalWorker.Configuration {
    /// Facts about the connection used to label telemetry.
    public struct Instrumentation: Hashable, Sendable {
        public var serverHostname: String

        public init(serverHostname: String) { self.serverHostname = serverHostname }
    }
}
