/// What a schedule does each time it fires.
public enum ScheduleAction<Input: Sendable>: Sendable {
    /// Starting a workflow: its type, input and options.
    public struct ActionStartWorkflow: Sendable {
        /// The workflow type name.
        public var workflowName: String

        /// The workflow's input.
        public var input: Input

        /// The options of each run; the server appends the fire time to `id` for each run.
        public var options: WorkflowOptions

        /// Headers passed to the workflow, already converted.
        public var headers: [String: Api.Common.V1.Payload]

        /// Starts the workflow type `workflowName` with `input`.
        public init(
            workflowName: String,
            options: WorkflowOptions,
            headers: [String: Api.Common.V1.Payload] = [:],
            input: Input
        ) {
            self.workflowName = workflowName
            self.input = input
            self.options = options
            self.headers = headers
        }

        /// Starts the workflow type `workflowName`, which takes no input.
        public init(
            workflowName: String,
            options: WorkflowOptions,
            headers: [String: Api.Common.V1.Payload] = [:]
        ) where Input == Void {
            self.init(workflowName: workflowName, options: options, headers: headers, input: ())
        }

        /// Starts a workflow known by its definition with `input`.
        public init<Workflow: WorkflowDefinition>(
            workflowType: Workflow.Type = Workflow.self,
            options: WorkflowOptions,
            headers: [String: Api.Common.V1.Payload] = [:],
            input: Workflow.Input
        ) where Workflow.Input == Input {
            self.init(workflowName: Workflow.name, options: options, headers: headers, input: input)
        }

        /// Starts a workflow known by its definition that takes no input.
        public init<Workflow: WorkflowDefinition>(
            workflowType: Workflow.Type = Workflow.self,
            options: WorkflowOptions,
            headers: [String: Api.Common.V1.Payload] = [:]
        ) where Workflow.Input == Void, Workflow.Input == Input {
            self.init(workflowName: Workflow.name, options: options, headers: headers, input: ())
        }
    }

    /// Start a workflow.
    case startWorkflow(ActionStartWorkflow)
}
