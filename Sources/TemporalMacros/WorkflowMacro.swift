import SwiftSyntax
import SwiftSyntaxMacros

/// `@Workflow` on a struct:
/// - extension: the `WorkflowDefinition` conformance, `static var name` when `name:` is given, and a
///   compile-time check that `Input` and `Output` can be sent as payloads;
/// - member: `signals`, `queries` and `updates` listing the handlers' definitions, and an
///   `init(input:)` that keeps every property's initial value when the struct declares none;
/// - member attribute: `@_WorkflowState` on each stored `var`, so copies share state.
public struct WorkflowMacro: ExtensionMacro, MemberMacro, MemberAttributeMacro {
    public static func expansion(
        of node: AttributeSyntax,
        attachedTo declaration: some DeclGroupSyntax,
        providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        // The member expansion reports a misplaced @Workflow; once is enough.
        guard declaration.is(StructDeclSyntax.self) else { return [] }
        let access = AccessLevel(of: declaration.modifiers).requirementPrefix

        var members: [String] = []
        if let name = node.argument("name") {
            members.append("\(access)static var name: String { \(name.trimmedDescription) }")
        }
        members.append(payloadCheckMember(["Input", "Output"]))
        // `protocols` is empty when the struct already states the conformance itself.
        let conformance = protocols.isEmpty ? "" : ": WorkflowDefinition"
        let body = members.joined(separator: "\n")
        return [try ExtensionDeclSyntax("extension \(type.trimmed)\(raw: conformance) {\n\(raw: body)\n}")]
    }

    public static func expansion(
        of node: AttributeSyntax,
        providingMembersOf declaration: some DeclGroupSyntax,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard let structDecl = declaration.as(StructDeclSyntax.self) else {
            throw MacroDiagnostic(
                "workflow_not_struct",
                "@Workflow can only be applied to a struct; "
                    + "a workflow is a value type whose stored properties @Workflow shares with its handlers"
            ).error(at: node)
        }
        let members = WorkflowMembers(declaration.memberBlock.members, workflowName: structDecl.name.bareName)
        for diagnostic in members.diagnostics {
            context.diagnose(diagnostic)
        }

        let access = AccessLevel(of: declaration.modifiers).requirementPrefix
        var decls: [DeclSyntax] = []
        let lists: [(property: String, protocol: String, handlers: [TokenSyntax])] = [
            ("signals", "WorkflowSignalDefinition", members.signals),
            ("queries", "WorkflowQueryDefinition", members.queries),
            ("updates", "WorkflowUpdateDefinition", members.updates),
        ]
        for list in lists where !list.handlers.isEmpty && !members.declaredNames.contains(list.property) {
            let elements = list.handlers.map { "Self.\($0.text)" }.joined(separator: ", ")
            decls.append("\(raw: access)static var \(raw: list.property): [any \(raw: list.protocol)<Self>] { [\(raw: elements)] }")
        }
        if members.needsInputInitializer {
            decls.append("\(raw: access)init(input: Input) {}")
        }
        return decls
    }

    public static func expansion(
        of node: AttributeSyntax,
        attachedTo declaration: some DeclGroupSyntax,
        providingAttributesFor member: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [AttributeSyntax] {
        guard declaration.is(StructDeclSyntax.self), let variable = member.as(VariableDeclSyntax.self) else { return [] }
        switch WorkflowStateCandidate(variable) {
        case .notState:
            return []
        case .unsupported(let diagnostic, let node):
            context.diagnose(diagnostic.at(node))
            return []
        case .state:
            if variable.attributes.contains(attributeNamed: WorkflowStateMacro.attributeName) { return [] }
            return ["@\(raw: WorkflowStateMacro.attributeName)"]
        }
    }
}
