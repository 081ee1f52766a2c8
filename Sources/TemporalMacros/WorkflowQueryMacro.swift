import SwiftSyntax
import SwiftSyntaxMacros

/// `@WorkflowQuery`: for a method or property `status`, adds a nested
/// `Status: WorkflowQueryDefinition` that reads it and a `static var status: Status` that
/// `@Workflow` lists in `queries`. A property query takes `Void` input.
public struct WorkflowQueryMacro: PeerMacro {
    public static func expansion(
        of node: AttributeSyntax,
        providingPeersOf declaration: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        let workflow = try requireEnclosingWorkflow(for: .query, attribute: node, in: context)
        let workflowName = workflow.name.trimmed.text

        let query: QueryShape
        if let function = declaration.as(FunctionDeclSyntax.self) {
            let handler = try WorkflowHandler(function, kind: .query, workflowName: workflowName)
            // `outputType` is non-nil for queries: WorkflowHandler rejects queries returning nothing.
            query = QueryShape(
                memberName: handler.name,
                access: handler.access,
                inputType: handler.inputType.description,
                outputType: handler.outputType?.description ?? "Void",
                body: handler.call(contextArgument: "view")
            )
        } else if let variable = declaration.as(VariableDeclSyntax.self) {
            query = try propertyQuery(variable, workflowName: workflowName)
        } else {
            throw MacroDiagnostic("query_target", "@WorkflowQuery can only be applied to a method or a property").error(at: node)
        }

        let type = query.memberName.bareName.definitionTypeName
        let member = query.access.requirementPrefix
        let requirements = nameAndDescriptionMembers(of: node, defaultName: type, access: query.access)
        return [
            """
            \(raw: query.access.spelled)struct \(raw: type): WorkflowQueryDefinition {
            \(raw: member)typealias Input = \(raw: query.inputType)
            \(raw: member)typealias Output = \(raw: query.outputType)
            \(raw: member)typealias Workflow = \(raw: workflowName)
            \(raw: requirements)
            \(raw: member)func run(workflow: Workflow, view: WorkflowContextView, input: Input) throws -> Output {
            \(raw: query.body)
            }
            \(raw: payloadCheckMember(["Input", "Output"]))
            }
            """,
            """
            \(raw: query.access.spelled)static var \(query.memberName): \(raw: type) { \(raw: type)() }
            """,
        ]
    }

    private struct QueryShape {
        var memberName: TokenSyntax
        var access: AccessLevel
        var inputType: String
        var outputType: String
        var body: String
    }

    /// A query answering with a property's current value (stored, computed or `let`).
    private static func propertyQuery(_ variable: VariableDeclSyntax, workflowName: String) throws -> QueryShape {
        if let staticModifier = variable.modifiers.staticModifier {
            throw MacroDiagnostic(
                "static_handler",
                "@WorkflowQuery must be applied to an instance property; a query reads the workflow's state"
            ).error(at: staticModifier)
        }
        guard variable.bindings.count == 1, let binding = variable.bindings.first,
            let identifier = binding.pattern.as(IdentifierPatternSyntax.self)
        else {
            throw MacroDiagnostic("query_property_shape", "@WorkflowQuery needs a property declaring a single name")
                .error(at: variable.bindings)
        }
        guard let type = binding.typeAnnotation?.type else {
            throw MacroDiagnostic(
                "query_property_type",
                "@WorkflowQuery needs the property's type written out, e.g. 'var \(identifier.identifier.bareName): String'"
            ).error(at: binding)
        }
        return QueryShape(
            memberName: identifier.identifier.trimmed,
            access: AccessLevel(of: variable.modifiers),
            inputType: "Void",
            outputType: type.qualified(forNestingIn: workflowName).description,
            body: "workflow.\(identifier.identifier.trimmed.text)"
        )
    }
}
