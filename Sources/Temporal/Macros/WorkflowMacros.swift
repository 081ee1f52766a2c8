/// Makes a struct a workflow: adds the ``WorkflowDefinition`` conformance, the lists of its
/// `@WorkflowSignal`, `@WorkflowQuery` and `@WorkflowUpdate` handlers, an `init(input:)` when the
/// struct has none, and shared storage for its stored properties (so handlers see `run`'s state).
///
/// - Parameter name: the workflow type name on the wire; the struct's name when `nil`.
@attached(extension, conformances: WorkflowDefinition, names: arbitrary)
@attached(member, names: named(signals), named(queries), named(updates), named(init))
@attached(memberAttribute)
public macro Workflow(name: String? = nil) = #externalMacro(module: "TemporalMacros", type: "WorkflowMacro")

/// Makes a workflow method a signal handler (`func x(input: T)`, optionally `context:` first;
/// may be `async`, `throws` and `mutating`).
@attached(peer, names: arbitrary)
public macro WorkflowSignal(
    name: String? = nil,
    description: String? = nil,
    unfinishedPolicy: HandlerUnfinishedPolicy = .warnAndAbandon
) = #externalMacro(module: "TemporalMacros", type: "WorkflowSignalMacro")

/// Makes a workflow method (synchronous, not mutating, returning a value) or stored property a
/// query handler.
@attached(peer, names: arbitrary)
public macro WorkflowQuery(name: String? = nil, description: String? = nil) =
    #externalMacro(module: "TemporalMacros", type: "WorkflowQueryMacro")

/// Makes a workflow method an update handler; `validator` names a synchronous method taking the
/// same `input:` that throws to reject the update before it is accepted.
@attached(peer, names: arbitrary)
public macro WorkflowUpdate(
    name: String? = nil,
    description: String? = nil,
    unfinishedPolicy: HandlerUnfinishedPolicy = .warnAndAbandon,
    validator: String? = nil
) = #externalMacro(module: "TemporalMacros", type: "WorkflowUpdateMacro")

/// Backs a workflow's stored property with shared storage (added by `@Workflow`, not by hand).
@attached(accessor, names: named(init), named(get), named(set))
@attached(peer, names: prefixed(_))
public macro _WorkflowState() = #externalMacro(module: "TemporalMacros", type: "WorkflowStateMacro")
