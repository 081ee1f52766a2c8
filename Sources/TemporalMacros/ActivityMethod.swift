import SwiftSyntax

/// A container method marked `@Activity`, checked and reduced to what the generated
/// `ActivityDefinition` needs: `func name([label value: Input]) [async] [throws] [-> Output]`.
struct ActivityMethod {
    let name: TokenSyntax
    /// The argument label of the single parameter (`nil` for none, `"_"` for an unlabelled one).
    let label: String?
    let inputType: String
    let outputType: String
    let isAsync: Bool
    let isThrowing: Bool
    let isStatic: Bool
    let access: AccessLevel
    /// `name:` as written, or nil for the default (the definition type's name).
    let customName: ExprSyntax?
    let isDynamic: Bool

    /// `SayHello` for `sayHello`: the definition type's name and the default activity type name.
    var definitionName: String { name.bareName.definitionTypeName }

    /// Checks a method carrying `@Activity`; throws the diagnostic for a method that can't be one.
    init(_ function: FunctionDeclSyntax, attribute: AttributeSyntax) throws {
        if let generics = function.genericParameterClause {
            throw MacroDiagnostic("generic_activity", "@Activity can't be applied to a generic method").error(at: generics)
        }
        if let mutating = function.modifiers.modifier(.mutating) {
            throw MacroDiagnostic(
                "mutating_activity",
                "@Activity can't be applied to a mutating method; activities share one container value across concurrent runs"
            ).error(at: mutating)
        }
        let parameters = Array(function.signature.parameterClause.parameters)
        guard parameters.count <= 1 else {
            throw MacroDiagnostic(
                "activity_parameters",
                "An activity method takes at most one parameter (its input); group several values in a Codable struct"
            ).error(at: function.signature.parameterClause)
        }
        isDynamic = attribute.boolLiteralArgument("dynamic") ?? false
        customName = attribute.argument("name")
        if isDynamic, let customName {
            throw MacroDiagnostic(
                "dynamic_activity_name",
                "A dynamic activity can't have a name: it serves every activity type the worker has no definition for"
            ).error(at: customName)
        }

        let effects = function.signature.effectSpecifiers
        name = function.name.trimmed
        label = parameters.first?.firstName.text
        inputType = parameters.first?.type.trimmedDescription ?? "Void"
        outputType = function.signature.returnClause?.type.trimmedDescription ?? "Void"
        isAsync = effects?.asyncSpecifier != nil
        isThrowing = effects?.throwsClause != nil
        isStatic = function.modifiers.isStatic
        // A private method is reachable from the generated extension, but a private member of the
        // nested `Activities` would not be reachable from `allActivities`.
        access = AccessLevel(of: function.modifiers).widenedPrivate
    }

    /// The nested `ActivityDefinition` that runs the method, followed by the property of
    /// `Activities` that creates it. Standard types are module-qualified because `Activities` is
    /// full of generated names: an activity method `string` would add a struct `String` there.
    func definition(containerType: String, containerIsActor: Bool) -> String {
        let member = access.requirementPrefix
        let identity =
            isDynamic
            ? "\(member)static var isDynamic: Swift.Bool { true }"
            : "\(member)static var name: Swift.String { \(customName?.trimmedDescription ?? definitionName.quotedLiteral) }"

        let receiver = isStatic ? containerType : "container"
        var effects = isThrowing ? "try " : ""
        // An actor's instance methods are reached with `await` even when they are synchronous.
        if isAsync || (containerIsActor && !isStatic) { effects += "await " }
        let argument: String
        switch label {
        case nil: argument = ""
        case "_": argument = "input"
        case let label?: argument = "\(label): input"
        }
        // Dynamic activities take raw payloads rather than converted values.
        let payloadCheck = isDynamic ? "" : "\n" + payloadCheckMember(["Input", "Output"])
        let stored = isStatic ? "" : "\nlet container: \(containerType)"
        let construction = isStatic ? "\(definitionName)()" : "\(definitionName)(container: container)"

        return """
            \(access.spelled)struct \(definitionName): ActivityDefinition {
            \(identity)\(stored)
            \(member)func run(input: \(inputType)) async throws -> \(outputType) {
            \(effects)\(receiver).\(name.text)(\(argument))
            }\(payloadCheck)
            }
            \(access.spelled)var \(name.text): \(definitionName) { \(construction) }
            """
    }
}
