/// Makes a method of an `@ActivityContainer` an activity: a nested `ActivityDefinition` named after
/// the method, capitalised (`sayHello` → `Activities.SayHello`).
///
/// - Parameters:
///   - name: the activity type name on the wire; the capitalised method name when `nil`.
///   - dynamic: serve every activity type the worker has no definition for.
@attached(peer)
public macro Activity(name: String? = nil, dynamic: Bool = false) =
    #externalMacro(module: "TemporalMacros", type: "ActivityMacro")

/// Collects a type's `@Activity` methods into a nested `Activities` namespace of activity
/// definitions and adds the ``ActivityContainer`` conformance.
@attached(extension, conformances: ActivityContainer, names: arbitrary)
public macro ActivityContainer() = #externalMacro(module: "TemporalMacros", type: "ActivityContainerMacro")
