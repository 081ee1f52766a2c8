import SwiftSyntaxMacroExpansion
import TemporalMacros
import Testing

/// Signal, query and update handlers, expanded on their own (the `@Workflow` attribute stays in
/// place, as the handlers require it on the enclosing struct).
@Suite struct WorkflowHandlerTests {
    private static let handlerMacros = temporalMacros.filter { $0.key.hasPrefix("Workflow") && $0.key != "Workflow" }

    /// The payload check a definition type nested one level deep ends with.
    private static func payloadCheck(_ types: String...) -> String {
        let lines =
            ["// Compiles only if each type is Codable, a protobuf message or Void.", "private static func _checkPayloadTypes() {"]
            .map { "        " + $0 } + types.map { "            _PayloadConvertible.check(\($0).self)" } + ["        }"]
        return lines.joined(separator: "\n")
    }

    @Test func mutatingVoidSignal() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                @WorkflowSignal
                mutating func pause(input: Void) {
                    isPaused = true
                }
            }
            """,
            expandedSource: """
                @Workflow
                struct Order {
                    mutating func pause(input: Void) {
                        isPaused = true
                    }

                    struct Pause: WorkflowSignalDefinition {
                        typealias Input = Void
                        typealias Workflow = Order
                        static var name: String {
                            "Pause"
                        }
                        func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws {
                            var workflow = workflow
                            workflow.pause(input: input)
                        }
                \(Self.payloadCheck("Input"))
                    }

                    static var pause: Pause {
                        Pause()
                    }
                }
                """,
            macros: Self.handlerMacros
        )
    }

    @Test func signalWithContextNameDescriptionAndPolicy() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                @WorkflowSignal(name: "resume-order", description: "Resumes processing.", unfinishedPolicy: .abandon)
                func resume(context: WorkflowContext<Self>, input: String) async throws {}
            }
            """,
            expandedSource: """
                @Workflow
                struct Order {
                    func resume(context: WorkflowContext<Self>, input: String) async throws {}

                    struct Resume: WorkflowSignalDefinition {
                        typealias Input = String
                        typealias Workflow = Order
                        static var name: String {
                            "resume-order"
                        }
                        static var description: String? {
                            "Resumes processing."
                        }
                        static var unfinishedPolicy: HandlerUnfinishedPolicy {
                            .abandon
                        }
                        func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws {
                            try await workflow.resume(context: context, input: input)
                        }
                \(Self.payloadCheck("Input"))
                    }

                    static var resume: Resume {
                        Resume()
                    }
                }
                """,
            macros: Self.handlerMacros
        )
    }

    /// The definition type and the static property take the handler's access level; members that
    /// witness protocol requirements spell it out only where it is wider than internal.
    @Test(arguments: [
        ("public ", "public "), ("package ", "package "), ("", ""), ("fileprivate ", ""), ("private ", ""),
    ])
    func handlerAccessLevels(handler: String, member: String) {
        assertExpansion(
            """
            @Workflow
            public struct Order {
                @WorkflowSignal
                \(handler)func poke(input: Int) async {}
            }
            """,
            expandedSource: """
                @Workflow
                public struct Order {
                    \(handler)func poke(input: Int) async {}

                    \(handler)struct Poke: WorkflowSignalDefinition {
                        \(member)typealias Input = Int
                        \(member)typealias Workflow = Order
                        \(member)static var name: String {
                            "Poke"
                        }
                        \(member)func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws {
                            await workflow.poke(input: input)
                        }
                \(Self.payloadCheck("Input"))
                    }

                    \(handler)static var poke: Poke {
                        Poke()
                    }
                }
                """,
            macros: Self.handlerMacros
        )
    }

    @Test func methodQueriesWithAndWithoutContext() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                @WorkflowQuery
                func getStatus(input: Void) throws -> Snapshot { snapshot }
                @WorkflowQuery(name: "step_count", description: "Steps done.")
                func steps(context: WorkflowContextView, input: Void) -> Int { 1 }
            }
            """,
            expandedSource: """
                @Workflow
                struct Order {
                    func getStatus(input: Void) throws -> Snapshot { snapshot }

                    struct GetStatus: WorkflowQueryDefinition {
                        typealias Input = Void
                        typealias Output = Snapshot
                        typealias Workflow = Order
                        static var name: String {
                            "GetStatus"
                        }
                        func run(workflow: Workflow, view: WorkflowContextView, input: Input) throws -> Output {
                            try workflow.getStatus(input: input)
                        }
                \(Self.payloadCheck("Input", "Output"))
                    }

                    static var getStatus: GetStatus {
                        GetStatus()
                    }
                    func steps(context: WorkflowContextView, input: Void) -> Int { 1 }

                    struct Steps: WorkflowQueryDefinition {
                        typealias Input = Void
                        typealias Output = Int
                        typealias Workflow = Order
                        static var name: String {
                            "step_count"
                        }
                        static var description: String? {
                            "Steps done."
                        }
                        func run(workflow: Workflow, view: WorkflowContextView, input: Input) throws -> Output {
                            workflow.steps(context: view, input: input)
                        }
                \(Self.payloadCheck("Input", "Output"))
                    }

                    static var steps: Steps {
                        Steps()
                    }
                }
                """,
            macros: Self.handlerMacros
        )
    }

    @Test func propertyQueryReadsThePropertyWithVoidInput() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                @WorkflowQuery
                public var status: String { state }
            }
            """,
            expandedSource: """
                @Workflow
                struct Order {
                    public var status: String { state }

                    public struct Status: WorkflowQueryDefinition {
                        public typealias Input = Void
                        public typealias Output = String
                        public typealias Workflow = Order
                        public static var name: String {
                            "Status"
                        }
                        public func run(workflow: Workflow, view: WorkflowContextView, input: Input) throws -> Output {
                            workflow.status
                        }
                \(Self.payloadCheck("Input", "Output"))
                    }

                    public static var status: Status {
                        Status()
                    }
                }
                """,
            macros: Self.handlerMacros
        )
    }

    @Test func updateWithValidatorAndMutatingHandler() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                @WorkflowUpdate(validator: "validatePriority")
                mutating func setPriority(input: PriorityChange) throws -> String { "" }
            }
            """,
            expandedSource: """
                @Workflow
                struct Order {
                    mutating func setPriority(input: PriorityChange) throws -> String { "" }

                    struct SetPriority: WorkflowUpdateDefinition {
                        typealias Input = PriorityChange
                        typealias Output = String
                        typealias Workflow = Order
                        static var name: String {
                            "SetPriority"
                        }
                        func validateInput(workflow: Workflow, _ input: Input) throws {
                            let validator: (Input) throws -> Void = workflow.validatePriority(input:)
                            try validator(input)
                        }
                        func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws -> Output {
                            var workflow = workflow
                            return try workflow.setPriority(input: input)
                        }
                \(Self.payloadCheck("Input", "Output"))
                    }

                    static var setPriority: SetPriority {
                        SetPriority()
                    }
                }
                """,
            macros: Self.handlerMacros
        )
    }

    @Test func voidUpdateWithContextAndPolicyHasNoValidator() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                @WorkflowUpdate(name: "Reset", unfinishedPolicy: .abandon)
                func reset(context: WorkflowContext<Self>, input: Void) async {}
            }
            """,
            expandedSource: """
                @Workflow
                struct Order {
                    func reset(context: WorkflowContext<Self>, input: Void) async {}

                    struct Reset: WorkflowUpdateDefinition {
                        typealias Input = Void
                        typealias Output = Void
                        typealias Workflow = Order
                        static var name: String {
                            "Reset"
                        }
                        static var unfinishedPolicy: HandlerUnfinishedPolicy {
                            .abandon
                        }
                        func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws -> Output {
                            return await workflow.reset(context: context, input: input)
                        }
                \(Self.payloadCheck("Input", "Output"))
                    }

                    static var reset: Reset {
                        Reset()
                    }
                }
                """,
            macros: Self.handlerMacros
        )
    }

    /// Inside the definition type `Self`, `Input` and `Output` would name the definition's own
    /// types, so the handler's spelling is qualified with the workflow.
    @Test func typesNamingTheWorkflowScopeAreQualified() {
        assertExpansion(
            """
            @Workflow
            struct Repeater {
                @WorkflowUpdate
                func echo(input: Input) -> [Output] { [] }
                @WorkflowQuery
                func me(input: Void) -> Self.Snapshot { snapshot }
            }
            """,
            expandedSource: """
                @Workflow
                struct Repeater {
                    func echo(input: Input) -> [Output] { [] }

                    struct Echo: WorkflowUpdateDefinition {
                        typealias Input = Repeater.Input
                        typealias Output = [Repeater.Output]
                        typealias Workflow = Repeater
                        static var name: String {
                            "Echo"
                        }
                        func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws -> Output {
                            return workflow.echo(input: input)
                        }
                \(Self.payloadCheck("Input", "Output"))
                    }

                    static var echo: Echo {
                        Echo()
                    }
                    func me(input: Void) -> Self.Snapshot { snapshot }

                    struct Me: WorkflowQueryDefinition {
                        typealias Input = Void
                        typealias Output = Repeater.Snapshot
                        typealias Workflow = Repeater
                        static var name: String {
                            "Me"
                        }
                        func run(workflow: Workflow, view: WorkflowContextView, input: Input) throws -> Output {
                            workflow.me(input: input)
                        }
                \(Self.payloadCheck("Input", "Output"))
                    }

                    static var me: Me {
                        Me()
                    }
                }
                """,
            macros: Self.handlerMacros
        )
    }

    @Test func backtickedHandlerName() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                @WorkflowQuery
                func `continue`(input: Void) -> Bool { true }
            }
            """,
            expandedSource: """
                @Workflow
                struct Order {
                    func `continue`(input: Void) -> Bool { true }

                    struct Continue: WorkflowQueryDefinition {
                        typealias Input = Void
                        typealias Output = Bool
                        typealias Workflow = Order
                        static var name: String {
                            "Continue"
                        }
                        func run(workflow: Workflow, view: WorkflowContextView, input: Input) throws -> Output {
                            workflow.`continue`(input: input)
                        }
                \(Self.payloadCheck("Input", "Output"))
                    }

                    static var `continue`: Continue {
                        Continue()
                    }
                }
                """,
            macros: Self.handlerMacros
        )
    }

    /// With `@Workflow` expanded too: the handler lists, and a stored property query that is
    /// also shared state.
    @Test func workflowListsItsHandlers() {
        let source = """
            @Workflow
            struct Order {
                @WorkflowQuery
                var status: String = "new"

                init(input: Void) {}

                @WorkflowSignal
                mutating func cancel(input: Void) {}
                @WorkflowSignal
                mutating func pause(input: Void) {}
                @WorkflowUpdate
                func bump(input: Int) -> Int { input }
            }
            """
        assertExpansion(
            source,
            expandedSource: """
                struct Order {
                    var status: String {
                        @storageRestrictions(initializes: _status)
                        init(initialValue) {
                            _status = _WorkflowState(initialValue: initialValue)
                        }
                        get {
                            _status.value
                        }
                        set {
                            _status.value = newValue
                        }
                    }

                    struct Status: WorkflowQueryDefinition {
                        typealias Input = Void
                        typealias Output = String
                        typealias Workflow = Order
                        static var name: String {
                            "Status"
                        }
                        func run(workflow: Workflow, view: WorkflowContextView, input: Input) throws -> Output {
                            workflow.status
                        }
                \(Self.payloadCheck("Input", "Output"))
                    }

                    static var status: Status {
                        Status()
                    }

                    private var _status: _WorkflowState<String> = _WorkflowState(initialValue: "new")

                    init(input: Void) {}
                    mutating func cancel(input: Void) {}

                    struct Cancel: WorkflowSignalDefinition {
                        typealias Input = Void
                        typealias Workflow = Order
                        static var name: String {
                            "Cancel"
                        }
                        func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws {
                            var workflow = workflow
                            workflow.cancel(input: input)
                        }
                \(Self.payloadCheck("Input"))
                    }

                    static var cancel: Cancel {
                        Cancel()
                    }
                    mutating func pause(input: Void) {}

                    struct Pause: WorkflowSignalDefinition {
                        typealias Input = Void
                        typealias Workflow = Order
                        static var name: String {
                            "Pause"
                        }
                        func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws {
                            var workflow = workflow
                            workflow.pause(input: input)
                        }
                \(Self.payloadCheck("Input"))
                    }

                    static var pause: Pause {
                        Pause()
                    }
                    func bump(input: Int) -> Int { input }

                    struct Bump: WorkflowUpdateDefinition {
                        typealias Input = Int
                        typealias Output = Int
                        typealias Workflow = Order
                        static var name: String {
                            "Bump"
                        }
                        func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws -> Output {
                            return workflow.bump(input: input)
                        }
                \(Self.payloadCheck("Input", "Output"))
                    }

                    static var bump: Bump {
                        Bump()
                    }

                    static var signals: [any WorkflowSignalDefinition<Self>] {
                        [Self.cancel, Self.pause]
                    }

                    static var queries: [any WorkflowQueryDefinition<Self>] {
                        [Self.status]
                    }

                    static var updates: [any WorkflowUpdateDefinition<Self>] {
                        [Self.bump]
                    }
                }

                extension Order: WorkflowDefinition {
                    // Compiles only if each type is Codable, a protobuf message or Void.
                    private static func _checkPayloadTypes() {
                        _PayloadConvertible.check(Input.self)
                        _PayloadConvertible.check(Output.self)
                    }
                }
                """
        )
    }

    /// An instance property named like a handler list (here `signals`) does not stop `@Workflow`
    /// from generating the static list: only a static one of that name is the user's own list.
    @Test func instancePropertyNamedSignalsKeepsTheGeneratedList() {
        assertExpansion(
            """
            @Workflow
            struct Order {
                var signals: [String] { [] }

                func run(context: WorkflowContext<Self>, input: Void) async throws {}

                @WorkflowSignal
                mutating func pause(input: Void) {}
            }
            """,
            expandedSource: """
                struct Order {
                    var signals: [String] { [] }

                    func run(context: WorkflowContext<Self>, input: Void) async throws {}
                    mutating func pause(input: Void) {}

                    struct Pause: WorkflowSignalDefinition {
                        typealias Input = Void
                        typealias Workflow = Order
                        static var name: String {
                            "Pause"
                        }
                        func run(workflow: Workflow, context: WorkflowContext<Workflow>, input: Input) async throws {
                            var workflow = workflow
                            workflow.pause(input: input)
                        }
                \(Self.payloadCheck("Input"))
                    }

                    static var pause: Pause {
                        Pause()
                    }

                    static var signals: [any WorkflowSignalDefinition<Self>] {
                        [Self.pause]
                    }

                    init(input: Input) {
                    }
                }

                extension Order: WorkflowDefinition {
                    // Compiles only if each type is Codable, a protobuf message or Void.
                    private static func _checkPayloadTypes() {
                        _PayloadConvertible.check(Input.self)
                        _PayloadConvertible.check(Output.self)
                    }
                }
                """
        )
    }
}
