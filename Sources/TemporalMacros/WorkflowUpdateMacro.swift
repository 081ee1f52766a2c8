import SwiftSyntax
import SwiftSyntaxMacros

/// `@WorkflowUpdate`: for a handler `setPriority`, adds a nested
/// `SetPriority: WorkflowUpdateDefinition` that calls it (and the `validator:` method, if named)
/// and a `static var setPriority: SetPriority` that `@Workflow` lists in `updates`.
public struct WorkflowUpdateMacro: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax,
        providingPeersOf declaration: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        let workflow = try requireEnclosingWorkflow(for: .update, attribute: node, in: context)
        guard let function = declaration.as(FunctionDeclSyntax.self) else {
            throw MacroDiagnostic("update_not_method", "@WorkflowUpdate can only be applied to a method").error(at: node)
        }
        let workflowName = workflow.name.trimmed.text
        let handler = try WorkflowHandler(function, kind: .update, workflowName: workflowName)
        let type = handler.definitionName
        let member = handler.access.requirementPrefix

        var requirements = nameAndDescriptionMembers(of: node, defaultName: type, access: handler.access)
        if let policy = node.argument("unfinishedPolicy") {
            requirements += "\n\(member)static var unfinishedPolicy: HandlerUnfinishedPolicy { \(policy.trimmedDescription) }"
        }
        if let validator = try validatorName(of: node) {
            // Binding the method to a throwing function type accepts validators that throw and
            // ones that don't, without a "no calls to throwing functions" warning for the latter.
            requirements += """

                \(member)func validateInput(workflow: Workflow, _ input: Input) throws {
                let validator: (Input) throws -> Void = workflow.\(validator)(input:)
                try validator(input)
                }
                """
        }
        let copy = handler.isMutating ? "var workflow = workflow\n" : ""

        return [
            """
            \(raw: handler.access.spelled)struct \(raw: type): WorkflowUpdateDefinition {
            \(raw: member)typealias Input = \(raw: handler.inputType.description)
            \(raw: member)typealias Output = \(raw: handler.outputType?.description ?? "Void")
            \(raw: member)typealias Workflow = \(raw: workflowName)
            \(raw: requirements)
            \(raw: member)func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws -> Output {
            \(raw: copy)return \(raw: handler.call(contextArgument: "context"))
            }
            \(raw: payloadCheckMember(["Input", "Output"]))
            }
            """,
            """
            \(raw: handler.access.spelled)static var \(handler.name): \(raw: type) { \(raw: type)() }
            """,
        ]
    }

    /// The method named by `validator:`; it must be a plain string literal so the macro can call it.
    /// (`@Workflow` checks the method itself, since only it sees the struct's other members.)
    private static func validatorName(of node: AttributeSyntax) throws -> String? {
        guard let argument = node.argument("validator") else { return nil }
        guard let name = argument.plainStringLiteral, isIdentifier(name) else {
            throw MacroDiagnostic(
                "validator_name",
                "'validator:' must be a string literal naming a method of the workflow, e.g. validator: \"validatePriority\""
            ).error(at: argument)
        }
        return name
    }

    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
