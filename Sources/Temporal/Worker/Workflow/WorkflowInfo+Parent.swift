extension WorkflowInfo {
    /// The workflow that started this one as a child.
    public struct Parent: Sendable {
        /// The parent's workflow ID.
        public var workflowID: String

        /// The parent's run ID.
        public var runID: String

        /// The parent's namespace.
        public var namespace: String

        /// Creates parent information.
        public init(workflowID: String, runID: String, namespace: String) {
            self.workflowID = workflowID
            self.runID = runID
            self.namespace = namespace
        }
    }
}
