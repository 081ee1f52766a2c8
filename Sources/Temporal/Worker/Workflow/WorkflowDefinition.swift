/// A workflow type: durable code that the worker runs deterministically from its event history.
///
/// Declare one with `@Workflow` on a struct; the macro supplies the conformance and the handler
/// lists. Everything the workflow keeps between steps lives in its stored properties.
public protocol WorkflowDefinition: Sendable {
    /// What a start request carries into ``init(input:)`` and ``run(context:input:)``.
    associatedtype Input: Sendable
    /// What the workflow returns when it completes.
    associatedtype Output: Sendable

    /// The workflow type name on the wire (defaults to the Swift type name).
    static var name: String { get }
    /// The signals this workflow accepts.
    static var signals: [any WorkflowSignalDefinition<Self>] { get }
    /// The queries this workflow answers.
    static var queries: [any WorkflowQueryDefinition<Self>] { get }
    /// The updates this workflow accepts.
    static var updates: [any WorkflowUpdateDefinition<Self>] { get }

    /// Creates the workflow's state before the first signal or update is delivered.
    init(input: Input)

    /// The workflow's main body.
    mutating func run(context: WorkflowContext<Self>, input: Input) async throws -> Output
}

extension WorkflowDefinition {
    public static var name: String { String(describing: self) }
    public static var signals: [any WorkflowSignalDefinition<Self>] { [] }
    public static var queries: [any WorkflowQueryDefinition<Self>] { [] }
    public static var updates: [any WorkflowUpdateDefinition<Self>] { [] }
}
