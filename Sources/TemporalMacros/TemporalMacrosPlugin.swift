import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// The compiler plugin that serves every macro declared in `Temporal/Macros`.
@main
struct TemporalMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [
        WorkflowMacro.self,
        WorkflowSignalMacro.self,
        WorkflowQueryMacro.self,
        WorkflowUpdateMacro.self,
        WorkflowStateMacro.self,
        ActivityMacro.self,
        ActivityContainerMacro.self,
    ]
}
