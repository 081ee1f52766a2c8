import SwiftSyntax
import SwiftSyntaxMacros

/// `@_WorkflowState` (added by `@Workflow` to each stored `var`): moves the value into a
/// `_WorkflowState` peer named with a leading underscore and turns the property into accessors over
/// it. The `init` accessor keeps `self.x = …` working in initialisers; because `_WorkflowState`
/// is reference-backed, copies of the workflow handed to handlers share the value.
public struct WorkflowStateMacro: AccessorMacro, PeerMacro {
    static let attributeName = "_WorkflowState"

    public static func expansion(
        of node: AttributeSyntax,
        providingAccessorsOf declaration: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [AccessorDeclSyntax] {
        guard let (name, _) = try stateProperty(declaration, attribute: node, in: context) else { return [] }
        let storage = storageName(for: name)
        return [
            """
            @storageRestrictions(initializes: \(raw: storage))
            init(initialValue) {
                \(raw: storage) = _WorkflowState(initialValue: initialValue)
            }
            """,
            """
            get {
                \(raw: storage).value
            }
            """,
            """
            set {
                \(raw: storage).value = newValue
            }
            """,
        ]
    }

    public static func expansion(
        of node: AttributeSyntax,
        providingPeersOf declaration: some DeclSyntaxProtocol,
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        // The accessor expansion reports misuse; reporting it twice would only add noise.
        guard let (name, binding) = try? stateProperty(declaration, attribute: node, in: context) else { return [] }
        let storage = storageName(for: name)

        var annotation = ""
        if let type = binding.typeAnnotation?.type {
            annotation = ": _WorkflowState<\(type.trimmedDescription)>"
        }
        var initializer = ""
        if let value = binding.initializer?.value {
            initializer = " = _WorkflowState(initialValue: \(value.trimmedDescription))"
        } else if binding.hasOptionalType {
            // An optional `var` without a value starts as nil; its storage has to as well.
            initializer = " = _WorkflowState(initialValue: nil)"
        }
        return ["private var \(raw: storage)\(raw: annotation)\(raw: initializer)"]
    }

    private static func storageName(for name: TokenSyntax) -> String {
        "_" + name.bareName
    }

    /// The property's name and binding when it is a stored `var` of a struct, nil for properties
    /// that are not state (so a redundant attribute is harmless), and an error for misuse.
    private static func stateProperty(
        _ declaration: some DeclSyntaxProtocol,
        attribute: AttributeSyntax,
        in context: some MacroExpansionContext
    ) throws -> (TokenSyntax, PatternBindingSyntax)? {
        guard let variable = declaration.as(VariableDeclSyntax.self),
            context.lexicalContext.first?.is(StructDeclSyntax.self) == true
        else {
            throw MacroDiagnostic("state_target", "@_WorkflowState applies only to stored properties of a @Workflow struct")
                .error(at: attribute)
        }
        switch WorkflowStateCandidate(variable) {
        case .state(let name, let binding):
            return (name, binding)
        case .notState:
            return nil
        case .unsupported(let diagnostic, let node):
            guard diagnostic.severity == .error else { return nil }
            throw diagnostic.error(at: node)
        }
    }
}
