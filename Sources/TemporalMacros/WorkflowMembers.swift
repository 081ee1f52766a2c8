import SwiftDiagnostics
import SwiftSyntax

/// What `@Workflow` learns from the struct body: its handlers (for the `signals`, `queries` and
/// `updates` lists), whether it needs an `init(input:)`, and the mistakes only a view of the whole
/// body can catch (validators, clashing names, properties an added initialiser could not set).
struct WorkflowMembers {
    private(set) var signals: [TokenSyntax] = []
    private(set) var queries: [TokenSyntax] = []
    private(set) var updates: [TokenSyntax] = []
    /// Names of static properties the user declared, so the generated static lists never
    /// redeclare them (an instance property may share a list's name, e.g. `var signals: [String]`).
    private(set) var declaredNames: Set<String> = []
    private(set) var hasInputInitializer = false
    private(set) var diagnostics: [Diagnostic] = []

    private var functions: [FunctionDeclSyntax] = []
    private var nestedTypes: [String: Syntax] = [:]
    private var otherInitializers: [InitializerDeclSyntax] = []
    private var unsetProperties: [(name: String, node: PatternBindingSyntax)] = []
    private var validatedUpdates: [(update: FunctionDeclSyntax, attribute: AttributeSyntax)] = []
    private var definitionOwners: [(type: String, handler: TokenSyntax)] = []

    /// Whether `init(input:)` should be added; false if the struct has one, or if one would not
    /// compile (the reasons are in `diagnostics`).
    var needsInputInitializer: Bool { !hasInputInitializer && unsetProperties.isEmpty }

    init(_ members: MemberBlockItemListSyntax, workflowName: String) {
        for item in members {
            collect(item.decl)
        }
        checkDefinitionNames(workflowName: workflowName)
        checkValidators()
        checkInitializers()
    }

    private mutating func collect(_ decl: DeclSyntax) {
        if let function = decl.as(FunctionDeclSyntax.self) {
            functions.append(function)
            collectHandler(function.name, attributes: function.attributes, function: function)
        } else if let variable = decl.as(VariableDeclSyntax.self) {
            collect(variable)
        } else if let initializer = decl.as(InitializerDeclSyntax.self) {
            let parameters = initializer.signature.parameterClause.parameters
            if parameters.count == 1, parameters.first?.firstName.text == "input" {
                hasInputInitializer = true
            } else {
                otherInitializers.append(initializer)
            }
        } else if let name = decl.nestedTypeName {
            nestedTypes[name.bareName] = Syntax(decl)
        }
    }

    private mutating func collect(_ variable: VariableDeclSyntax) {
        for binding in variable.bindings where variable.modifiers.isStatic {
            if let identifier = binding.pattern.as(IdentifierPatternSyntax.self) {
                declaredNames.insert(identifier.identifier.bareName)
            }
        }
        if variable.bindings.count == 1, let identifier = variable.bindings.first?.pattern.as(IdentifierPatternSyntax.self) {
            collectHandler(identifier.identifier, attributes: variable.attributes, function: nil)
        }
        guard !variable.modifiers.isStatic, variable.storageOwner == nil else { return }
        let isLet = variable.bindingSpecifier.tokenKind == .keyword(.let)
        for binding in variable.bindings where binding.initializer == nil && !binding.isComputed {
            // A `var` of optional type starts as nil; anything else needs a value from an initialiser.
            if isLet || !binding.hasOptionalType {
                unsetProperties.append((binding.pattern.trimmedDescription, binding))
            }
        }
    }

    private mutating func collectHandler(_ name: TokenSyntax, attributes: AttributeListSyntax, function: FunctionDeclSyntax?) {
        if function != nil, attributes.contains(attributeNamed: HandlerKind.signal.rawValue) {
            signals.append(name)
            definitionOwners.append((name.bareName.definitionTypeName, name))
        }
        if attributes.contains(attributeNamed: HandlerKind.query.rawValue) {
            queries.append(name)
            definitionOwners.append((name.bareName.definitionTypeName, name))
        }
        if let function, let update = attributes.attribute(named: HandlerKind.update.rawValue) {
            updates.append(name)
            definitionOwners.append((name.bareName.definitionTypeName, name))
            validatedUpdates.append((function, update))
        }
    }

    /// Each handler adds a nested type and a static property; both must be free names.
    private mutating func checkDefinitionNames(workflowName: String) {
        let reserved: Set<String> = ["name", "signals", "queries", "updates"]
        var seen: [String: TokenSyntax] = [:]
        for (type, handler) in definitionOwners {
            if reserved.contains(handler.bareName) {
                diagnostics.append(
                    MacroDiagnostic(
                        "reserved_handler_name",
                        "A handler can't be named '\(handler.bareName)': its generated 'static var \(handler.bareName)' "
                            + "would clash with the WorkflowDefinition requirement of that name"
                    ).at(handler)
                )
            }
            if type == workflowName {
                diagnostics.append(
                    MacroDiagnostic(
                        "definition_shadows_workflow",
                        "Handler '\(handler.bareName)' generates a nested type '\(type)', which would hide the workflow's own name; "
                            + "rename the handler"
                    ).at(handler)
                )
            }
            if let clash = nestedTypes[type] {
                diagnostics.append(
                    MacroDiagnostic(
                        "definition_name_clash",
                        "Handler '\(handler.bareName)' generates a nested type '\(type)', which this struct already declares; "
                            + "rename the handler or the type"
                    ).at(clash)
                )
            }
            if let earlier = seen[type] {
                let handlers =
                    earlier.bareName == handler.bareName
                    ? "Two handlers named '\(handler.bareName)'" : "Handlers '\(earlier.bareName)' and '\(handler.bareName)'"
                diagnostics.append(
                    MacroDiagnostic(
                        "duplicate_handler",
                        "\(handlers) would both generate a nested type '\(type)'; give each handler its own name"
                    ).at(handler)
                )
            }
            seen[type] = handler
        }
    }

    /// `validator:` names a method that `WorkflowUpdateMacro` calls; check it has the right shape
    /// here, where the method is visible, so mistakes get a precise message.
    private mutating func checkValidators() {
        for (update, attribute) in validatedUpdates {
            guard let argument = attribute.argument("validator"), let name = argument.plainStringLiteral else { continue }
            let candidates = functions.filter { $0.name.bareName == name }
            guard let validator = candidates.first else {
                diagnostics.append(
                    MacroDiagnostic(
                        "validator_missing",
                        "No method '\(name)' in this workflow; 'validator:' must name a method 'func \(name)(input:) throws'"
                    ).at(argument)
                )
                continue
            }
            diagnostics += validator.problemsAsValidator(named: name, for: update)
        }
    }

    /// The worker creates workflows with `init(input:)`; when the struct has none, `@Workflow`
    /// adds one that leaves every property at its initial value, which needs every property to have one.
    private mutating func checkInitializers() {
        guard !hasInputInitializer else { return }
        for initializer in otherInitializers {
            diagnostics.append(
                MacroDiagnostic(
                    "unused_initializer",
                    "The worker creates workflows with 'init(input:)', which @Workflow adds because this struct has none; "
                        + "this initialiser is not used by the worker",
                    severity: .warning
                ).at(initializer.initKeyword)
            )
        }
        for (name, binding) in unsetProperties {
            diagnostics.append(
                MacroDiagnostic(
                    "property_without_value",
                    "'\(name)' has no initial value, so @Workflow can't add 'init(input:)'; "
                        + "give it a value or declare 'init(input:)' yourself"
                ).at(binding)
            )
        }
    }
}

extension DeclSyntax {
    /// The name of a nested type (or type alias) this declaration introduces.
    var nestedTypeName: TokenSyntax? {
        if let decl = self.as(StructDeclSyntax.self) { return decl.name }
        if let decl = self.as(ClassDeclSyntax.self) { return decl.name }
        if let decl = self.as(EnumDeclSyntax.self) { return decl.name }
        if let decl = self.as(ActorDeclSyntax.self) { return decl.name }
        if let decl = self.as(TypeAliasDeclSyntax.self) { return decl.name }
        return nil
    }
}
