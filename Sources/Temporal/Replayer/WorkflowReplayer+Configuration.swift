public import Logging

extension WorkflowReplayer {
    /// What a replayer replays with.
    public struct Configuration: Sendable {
        /// The workflow types a history may name; a history of any other type fails to replay.
        public var workflows: [any WorkflowDefinition.Type]
        /// The namespace the replayed workflow code sees in its info.
        public var namespace: String
        /// A task queue name for the replay (the replayed code sees its history's task queue).
        public var taskQueue: String
        /// Decodes the histories' payloads and converts values for the workflow code.
        public var dataConverter: DataConverter
        /// Worker interceptors the replayed workflow code runs through, as on a worker.
        public var interceptors: [any WorkerInterceptor]
        /// Receives the replayed code's log messages.
        public var logger: Logger

        public init(
            workflows: [any WorkflowDefinition.Type] = [],
            namespace: String = "ReplayNamespace",
            taskQueue: String = "ReplayTaskQueue",
            dataConverter: DataConverter = .default,
            interceptors: [any WorkerInterceptor] = [],
            logger: Logger = Logger(label: "WorkflowReplayer")
        ) {
            self.workflows = workflows
            self.namespace = namespace
            self.taskQueue = taskQueue
            self.dataConverter = dataConverter
            self.interceptors = interceptors
            self.logger = logger
        }
    }
}
