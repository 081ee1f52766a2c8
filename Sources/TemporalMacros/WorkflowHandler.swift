import SwiftSyntax
import SwiftSyntaxMacros

/// The three kinds of workflow message handler, with the wording their diagnostics use.
enum HandlerKind: String {
    case signal = "WorkflowSignal"
    case query = "WorkflowQuery"
    case update = "WorkflowUpdate"

    var attribute: String { "@\(rawValue)" }

    var noun: String {
        switch self {
        case .signal: "signal"
        case .query: "query"
        case .update: "update"
        }
    }

    /// The type a handler's optional first `context:` parameter has.
    var contextType: String {
        self == .query ? "WorkflowContextView" : "WorkflowContext<Self>"
    }
}

/// A workflow method marked as a signal, query or update handler, checked against the shape
/// `func name([context: C,] input: I) [async] [throws] [-> O]`.
struct WorkflowHandler {
    /// The method's name as written (backticks kept, so it can be used to call it).
    let name: TokenSyntax
    let takesContext: Bool
    /// The `input:` parameter's type, qualified for use inside the definition type.
    let inputType: TypeSyntax
    /// The return type, qualified likewise; nil when the method returns nothing.
    let outputType: TypeSyntax?
    let isAsync: Bool
    let isThrowing: Bool
    let isMutating: Bool
    let access: AccessLevel

    /// `Pause` for `pause`: the name of the generated definition type and the default wire name.
    var definitionName: String { name.bareName.definitionTypeName }

    /// The call of the handler on a value named `workflow`, with `try`/`await` only where needed.
    func call(contextArgument: String) -> String {
        var effects = isThrowing ? "try " : ""
        if isAsync { effects += "await " }
        let arguments = takesContext ? "context: \(contextArgument), input: input" : "input: input"
        return "\(effects)workflow.\(name.trimmed.text)(\(arguments))"
    }

    init(
        _ function: FunctionDeclSyntax,
        kind: HandlerKind,
        workflowName: String
    ) throws {
        let modifiers = function.modifiers
        if let staticModifier = modifiers.staticModifier {
            throw MacroDiagnostic(
                "static_handler",
                "\(kind.attribute) must be applied to an instance method; a \(kind.noun) runs against the workflow's state"
            ).error(at: staticModifier)
        }
        if let generics = function.genericParameterClause {
            throw MacroDiagnostic("generic_handler", "\(kind.attribute) can't be applied to a generic method")
                .error(at: generics)
        }

        let parameters = Array(function.signature.parameterClause.parameters)
        let expectedShape =
            "a \(kind.noun) handler takes one parameter labelled 'input:', optionally preceded by 'context: \(kind.contextType)'"
        let input: FunctionParameterSyntax
        switch parameters.count {
        case 1:
            input = parameters[0]
            takesContext = false
        case 2:
            guard parameters[0].firstName.text == "context" else {
                throw MacroDiagnostic("handler_parameters", "The first parameter must be labelled 'context:'; \(expectedShape)")
                    .error(at: parameters[0])
            }
            input = parameters[1]
            takesContext = true
        default:
            let message =
                parameters.isEmpty
                ? "Missing 'input:' parameter; \(expectedShape) (use 'input: Void' for none)"
                : "Too many parameters; \(expectedShape)"
            throw MacroDiagnostic("handler_parameters", message).error(at: function.signature.parameterClause)
        }
        guard input.firstName.text == "input" else {
            throw MacroDiagnostic("handler_parameters", "The parameter must be labelled 'input:'; \(expectedShape)")
                .error(at: input)
        }

        let effects = function.signature.effectSpecifiers
        name = function.name.trimmed
        inputType = input.type.qualified(forNestingIn: workflowName)
        let returnType = function.signature.returnClause?.type
        outputType = returnType.flatMap { $0.isVoid ? nil : $0.qualified(forNestingIn: workflowName) }
        isAsync = effects?.asyncSpecifier != nil
        isThrowing = effects?.throwsClause != nil
        isMutating = modifiers.modifier(.mutating) != nil
        access = AccessLevel(of: modifiers)

        switch kind {
        case .signal:
            if let returnType, outputType != nil {
                throw MacroDiagnostic("signal_returns", "A signal handler can't return a value; use @WorkflowUpdate to answer the sender")
                    .error(at: returnType)
            }
        case .query:
            guard outputType != nil else {
                throw MacroDiagnostic("query_returns_nothing", "A query handler must return the value it reports")
                    .error(at: returnType.map(Syntax.init) ?? Syntax(function.signature))
            }
            if let asyncSpecifier = effects?.asyncSpecifier {
                throw MacroDiagnostic("async_query", "A query handler must be synchronous; it may not suspend the workflow")
                    .error(at: asyncSpecifier)
            }
            if let mutating = modifiers.modifier(.mutating) {
                throw MacroDiagnostic("mutating_query", "A query handler can't be mutating; queries only read workflow state")
                    .error(at: mutating)
            }
        case .update:
            break
        }
    }
}

/// The `@Workflow` struct whose body declares the handler, or an error saying the handler is
/// misplaced (handlers in extensions can't be listed by `@Workflow`, which only sees the body).
func requireEnclosingWorkflow(
    for kind: HandlerKind,
    attribute: AttributeSyntax,
    in context: some MacroExpansionContext
) throws -> StructDeclSyntax {
    guard let workflow = context.lexicalContext.first?.as(StructDeclSyntax.self),
        workflow.attributes.contains(attributeNamed: "Workflow")
    else {
        throw MacroDiagnostic(
            "handler_outside_workflow",
            "\(kind.attribute) must be used on a member declared in the body of a @Workflow struct"
        ).error(at: attribute)
    }
    return workflow
}

/// The optional `name:` and `description:` requirements shared by all definitions: an explicit
/// `name` (the given expression, or the definition type's name) and `description` when given.
func nameAndDescriptionMembers(of attribute: AttributeSyntax, defaultName: String, access: AccessLevel) -> String {
    let prefix = access.requirementPrefix
    let name = attribute.argument("name")?.trimmedDescription ?? defaultName.quotedLiteral
    var members = "\(prefix)static var name: String { \(name) }"
    if let description = attribute.argument("description") {
        members += "\n\(prefix)static var description: String? { \(description.trimmedDescription) }"
    }
    return members
}

/// A private static function that only type-checks when every listed type can be sent as a
/// payload, turning a non-Codable input or output into a compile error in the user's module.
func payloadCheckMember(_ types: [String]) -> String {
    let checks = types.map { "_PayloadConvertible.check(\($0).self)" }.joined(separator: "\n")
    return """
        // Compiles only if each type is Codable, a protobuf message or Void.
        private static func _checkPayloadTypes() {
        \(checks)
        }
        """
}
