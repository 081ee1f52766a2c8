import SwiftSyntax
import SwiftSyntaxMacros

/// `@WorkflowSignal`: for a handler `pause`, adds a nested `Pause: WorkflowSignalDefinition` that
/// calls it and a `static var pause: Pause` that `@Workflow` lists in `signals`.
public struct WorkflowSignalMacro: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax,
        providingPeersOf declaration: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        let workflow = try requireEnclosingWorkflow(for: .signal, attribute: node, in: context)
        guard let function = declaration.as(FunctionDeclSyntax.self) else {
            throw MacroDiagnostic("signal_not_method", "@WorkflowSignal can only be applied to a method").error(at: node)
        }
        let workflowName = workflow.name.trimmed.text
        let handler = try WorkflowHandler(function, kind: .signal, workflowName: workflowName)
        let type = handler.definitionName
        let member = handler.access.requirementPrefix

        var requirements = nameAndDescriptionMembers(of: node, defaultName: type, access: handler.access)
        if let policy = node.argument("unfinishedPolicy") {
            requirements += "\n\(member)static var unfinishedPolicy: HandlerUnfinishedPolicy { \(policy.trimmedDescription) }"
        }
        // A mutating handler needs a variable; the copy shares its state with the workflow.
        let copy = handler.isMutating ? "var workflow = workflow\n" : ""

        return [
            """
            \(raw: handler.access.spelled)struct \(raw: type): WorkflowSignalDefinition {
            \(raw: member)typealias Input = \(raw: handler.inputType.description)
            \(raw: member)typealias Workflow = \(raw: workflowName)
            \(raw: requirements)
            \(raw: member)func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws {
            \(raw: copy)\(raw: handler.call(contextArgument: "context"))
            }
            \(raw: payloadCheckMember(["Input"]))
            }
            """,
            """
            \(raw: handler.access.spelled)static var \(handler.name): \(raw: type) { \(raw: type)() }
            """,
        ]
    }
}
