import SwiftSyntax
import SwiftSyntaxMacros

/// `@ActivityContainer` on a struct, class or actor: an extension conforming it to
/// `ActivityContainer` with a nested `Activities` struct holding one `ActivityDefinition` per
/// `@Activity` method (`sayHello` → `Activities.SayHello`, created by `activities.sayHello`), plus
/// `activities` and `allActivities`.
public struct ActivityContainerMacro: ExtensionMacro {
    public static func expansion(
        of node: AttributeSyntax,
        attachedTo declaration: some DeclGroupSyntax,
        providingExtensionsOf type: some TypeSyntaxProtocol,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [ExtensionDeclSyntax] {
        let isActor = declaration.is(ActorDeclSyntax.self)
        guard isActor || declaration.is(StructDeclSyntax.self) || declaration.is(ClassDeclSyntax.self) else {
            throw MacroDiagnostic(
                "container_kind",
                "@ActivityContainer can only be applied to a struct, class or actor; its activities run on an instance of it"
            ).error(at: node)
        }
        let typeAccess = AccessLevel(of: declaration.modifiers)
        if typeAccess == .private, let modifier = declaration.modifiers.modifier(.private) {
            throw MacroDiagnostic(
                "private_container",
                "@ActivityContainer can't be applied to a private type, which its generated extension could not see; use fileprivate"
            ).error(at: modifier)
        }

        // Methods that fail ActivityMethod's checks are reported by @Activity itself.
        let activities = declaration.memberBlock.members.compactMap { item -> ActivityMethod? in
            guard let function = item.decl.as(FunctionDeclSyntax.self),
                let attribute = function.attributes.attribute(named: "Activity")
            else { return nil }
            return try? ActivityMethod(function, attribute: attribute)
        }

        let containerType = type.trimmedDescription
        // An actor's instance members are isolated; these two only read `self`, and the
        // conformance needs them callable from anywhere.
        let access = typeAccess.requirementPrefix + (isActor ? "nonisolated " : "")
        let needsContainer = activities.contains { !$0.isStatic }

        // An activity named like its container (`Tally.tally`) adds `Activities.Tally`, which would
        // shadow the container's name inside `Activities`: refer to the container by an alias then.
        let simpleName = containerType.split(separator: ".").last.map(String.init) ?? containerType
        let shadowed = activities.contains { $0.definitionName == simpleName }
        let containerName = shadowed ? "_TemporalActivityContainer" : containerType
        let alias = shadowed ? "\(typeAccess.requirementPrefix)typealias _TemporalActivityContainer = \(containerType)\n" : ""

        var nested: [String] = []
        if needsContainer {
            nested.append("let container: \(containerName)")
        }
        nested += activities.map { $0.definition(containerType: containerName, containerIsActor: isActor) }
        let all = activities.map { "activities.\($0.name.text)" }.joined(separator: ", ")
        let conformance = protocols.isEmpty ? "" : ": ActivityContainer"

        let source = """
            extension \(containerType)\(conformance) {
            \(alias)\(typeAccess.requirementPrefix)struct Activities: Sendable {
            \(nested.joined(separator: "\n"))
            }
            \(access)var activities: Activities { Activities(\(needsContainer ? "container: self" : "")) }
            \(access)var allActivities: [any ActivityDefinition] { [\(all)] }
            }
            """
        return [try ExtensionDeclSyntax("\(raw: source)")]
    }
}
