import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import SwiftSyntaxMacrosTestSupport
import TemporalMacros
import Testing

/// Every Temporal macro under the name its declaration gives it, with the conformances the
/// compiler would pass (so the expansions add them as they do in a real build).
let temporalMacros: [String: MacroSpec] = [
    "Workflow": MacroSpec(type: WorkflowMacro.self, conformances: ["WorkflowDefinition"]),
    "WorkflowSignal": MacroSpec(type: WorkflowSignalMacro.self),
    "WorkflowQuery": MacroSpec(type: WorkflowQueryMacro.self),
    "WorkflowUpdate": MacroSpec(type: WorkflowUpdateMacro.self),
    "_WorkflowState": MacroSpec(type: WorkflowStateMacro.self),
    "Activity": MacroSpec(type: ActivityMacro.self),
    "ActivityContainer": MacroSpec(type: ActivityContainerMacro.self, conformances: ["ActivityContainer"]),
]

/// `assertMacroExpansion` reporting through Swift Testing. The SwiftSyntaxMacrosTestSupport
/// overload reports with `XCTFail`, which is silently dropped inside a Swift Testing `@Test` on
/// Linux, so a broken expansion would pass; this routes the same checks to `Issue.record`.
func assertExpansion(
    _ source: String,
    expandedSource: String,
    diagnostics: [DiagnosticSpec] = [],
    macros: [String: MacroSpec] = temporalMacros,
    fileID: StaticString = #fileID,
    filePath: StaticString = #filePath,
    line: UInt = #line,
    column: UInt = #column
) {
    SwiftSyntaxMacrosGenericTestSupport.assertMacroExpansion(
        source,
        expandedSource: expandedSource,
        diagnostics: diagnostics,
        macroSpecs: macros,
        failureHandler: { failure in
            Issue.record(
                Comment(rawValue: failure.message),
                sourceLocation: SourceLocation(
                    fileID: failure.location.fileID,
                    filePath: failure.location.filePath,
                    line: failure.location.line,
                    column: failure.location.column
                )
            )
        },
        fileID: fileID,
        filePath: filePath,
        line: line,
        column: column
    )
}
