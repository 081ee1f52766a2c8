import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import TemporalMacros
import Testing

@Suite struct ActivityMacroTests {
    /// The payload check of an activity definition nested in `Activities`.
    private static let payloadCheck = """
                    // Compiles only if each type is Codable, a protobuf message or Void.
                    private static func _checkPayloadTypes() {
                        _PayloadConvertible.check(Input.self)
                        _PayloadConvertible.check(Output.self)
                    }
        """

    @Test func anActivityNamedLikeItsContainerReachesTheContainerThroughAnAlias() {
        assertExpansion(
            """
            @ActivityContainer
            struct Tally {
                @Activity
                func tally(input: String) -> Int { input.count }
            }
            """,
            expandedSource: """
                struct Tally {
                    func tally(input: String) -> Int { input.count }
                }

                extension Tally: ActivityContainer {
                    typealias _TemporalActivityContainer = Tally
                    struct Activities: Sendable {
                        let container: _TemporalActivityContainer
                        struct Tally: ActivityDefinition {
                            static var name: Swift.String {
                                "Tally"
                            }
                            let container: _TemporalActivityContainer
                            func run(input: String) async throws -> Int {
                                container.tally(input: input)
                            }
                \(Self.payloadCheck)
                        }
                        var tally: Tally {
                            Tally(container: container)
                        }
                    }
                    var activities: Activities {
                        Activities(container: self)
                    }
                    var allActivities: [any ActivityDefinition] {
                        [activities.tally]
                    }
                }
                """
        )
    }

    @Test func containerWithInstanceStaticAndVoidActivities() {
        assertExpansion(
            """
            @ActivityContainer
            struct Shop {
                let prefix: String

                @Activity
                func processOrder(input: Order) async throws -> String { prefix }

                @Activity(name: "notify-customer")
                func notify(input: String) async throws {}

                @Activity
                static func double(value: Int) -> Int { value * 2 }

                @Activity
                func ping() throws -> String { "pong" }

                func helper() {}
            }
            """,
            expandedSource: """
                struct Shop {
                    let prefix: String
                    func processOrder(input: Order) async throws -> String { prefix }
                    func notify(input: String) async throws {}
                    static func double(value: Int) -> Int { value * 2 }
                    func ping() throws -> String { "pong" }

                    func helper() {}
                }

                extension Shop: ActivityContainer {
                    struct Activities: Sendable {
                        let container: Shop
                        struct ProcessOrder: ActivityDefinition {
                            static var name: Swift.String {
                                "ProcessOrder"
                            }
                            let container: Shop
                            func run(input: Order) async throws -> String {
                                try await container.processOrder(input: input)
                            }
                \(Self.payloadCheck)
                        }
                        var processOrder: ProcessOrder {
                            ProcessOrder(container: container)
                        }
                        struct Notify: ActivityDefinition {
                            static var name: Swift.String {
                                "notify-customer"
                            }
                            let container: Shop
                            func run(input: String) async throws -> Void {
                                try await container.notify(input: input)
                            }
                \(Self.payloadCheck)
                        }
                        var notify: Notify {
                            Notify(container: container)
                        }
                        struct Double: ActivityDefinition {
                            static var name: Swift.String {
                                "Double"
                            }
                            func run(input: Int) async throws -> Int {
                                Shop.double(value: input)
                            }
                \(Self.payloadCheck)
                        }
                        var double: Double {
                            Double()
                        }
                        struct Ping: ActivityDefinition {
                            static var name: Swift.String {
                                "Ping"
                            }
                            let container: Shop
                            func run(input: Void) async throws -> String {
                                try container.ping()
                            }
                \(Self.payloadCheck)
                        }
                        var ping: Ping {
                            Ping(container: container)
                        }
                    }
                    var activities: Activities {
                        Activities(container: self)
                    }
                    var allActivities: [any ActivityDefinition] {
                        [activities.processOrder, activities.notify, activities.double, activities.ping]
                    }
                }
                """
        )
    }

    /// The container's access level goes on `Activities`, `activities` and `allActivities`; each
    /// method's goes on its definition (private widened so `allActivities` can reach it).
    @Test(arguments: [
        ("public ", "public "), ("package ", "package "), ("", ""), ("fileprivate ", "fileprivate "), ("private ", "fileprivate "),
    ])
    func accessLevels(method: String, definition: String) {
        let member = definition == "public " || definition == "package " ? definition : ""
        assertExpansion(
            """
            @ActivityContainer
            public struct Mail {
                @Activity
                \(method)static func send(_ message: String) {}
            }
            """,
            expandedSource: """
                public struct Mail {
                    \(method)static func send(_ message: String) {}
                }

                extension Mail: ActivityContainer {
                    public struct Activities: Sendable {
                        \(definition)struct Send: ActivityDefinition {
                            \(member)static var name: Swift.String {
                                "Send"
                            }
                            \(member)func run(input: String) async throws -> Void {
                                Mail.send(input)
                            }
                \(Self.payloadCheck)
                        }
                        \(definition)var send: Send {
                            Send()
                        }
                    }
                    public var activities: Activities {
                        Activities()
                    }
                    public var allActivities: [any ActivityDefinition] {
                        [activities.send]
                    }
                }
                """
        )
    }

    @Test func actorContainerAwaitsItsMethodsAndExposesNonisolatedLists() {
        assertExpansion(
            """
            @ActivityContainer
            actor Tally {
                @Activity
                func add(input: Int) -> Int { input }
            }
            """,
            expandedSource: """
                actor Tally {
                    func add(input: Int) -> Int { input }
                }

                extension Tally: ActivityContainer {
                    struct Activities: Sendable {
                        let container: Tally
                        struct Add: ActivityDefinition {
                            static var name: Swift.String {
                                "Add"
                            }
                            let container: Tally
                            func run(input: Int) async throws -> Int {
                                await container.add(input: input)
                            }
                \(Self.payloadCheck)
                        }
                        var add: Add {
                            Add(container: container)
                        }
                    }
                    nonisolated var activities: Activities {
                        Activities(container: self)
                    }
                    nonisolated var allActivities: [any ActivityDefinition] {
                        [activities.add]
                    }
                }
                """
        )
    }

    @Test func dynamicActivityIsMarkedAndSkipsThePayloadCheck() {
        assertExpansion(
            """
            @ActivityContainer
            struct Fallback {
                @Activity(dynamic: true)
                func handle(input: [TemporalRawValue]) async throws -> TemporalRawValue { fatalError() }
            }
            """,
            expandedSource: """
                struct Fallback {
                    func handle(input: [TemporalRawValue]) async throws -> TemporalRawValue { fatalError() }
                }

                extension Fallback: ActivityContainer {
                    struct Activities: Sendable {
                        let container: Fallback
                        struct Handle: ActivityDefinition {
                            static var isDynamic: Swift.Bool {
                                true
                            }
                            let container: Fallback
                            func run(input: [TemporalRawValue]) async throws -> TemporalRawValue {
                                try await container.handle(input: input)
                            }
                        }
                        var handle: Handle {
                            Handle(container: container)
                        }
                    }
                    var activities: Activities {
                        Activities(container: self)
                    }
                    var allActivities: [any ActivityDefinition] {
                        [activities.handle]
                    }
                }
                """
        )
    }

    @Test func nestedContainerIsExtendedByItsQualifiedName() {
        assertExpansion(
            """
            enum Shop {
                @ActivityContainer
                final class Billing: Sendable {
                    @Activity
                    func charge(input: Int) async throws {}
                }
            }
            """,
            expandedSource: """
                enum Shop {
                    final class Billing: Sendable {
                        func charge(input: Int) async throws {}
                    }
                }

                extension Shop.Billing: ActivityContainer {
                    struct Activities: Sendable {
                        let container: Shop.Billing
                        struct Charge: ActivityDefinition {
                            static var name: Swift.String {
                                "Charge"
                            }
                            let container: Shop.Billing
                            func run(input: Int) async throws -> Void {
                                try await container.charge(input: input)
                            }
                \(Self.payloadCheck)
                        }
                        var charge: Charge {
                            Charge(container: container)
                        }
                    }
                    var activities: Activities {
                        Activities(container: self)
                    }
                    var allActivities: [any ActivityDefinition] {
                        [activities.charge]
                    }
                }
                """
        )
    }

    // MARK: - Diagnostics

    private static let activityOnly = temporalMacros.filter { $0.key == "Activity" }

    /// `@Activity` on `member` inside a container; one error at the given position.
    private func assertRejected(
        _ member: String,
        _ message: String,
        line: Int,
        column: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let lines = member.split(separator: "\n", omittingEmptySubsequences: false)
        assertExpansion(
            "@ActivityContainer\nstruct Shop {\n\(lines.map { "    " + $0 }.joined(separator: "\n"))\n}",
            expandedSource: "@ActivityContainer\nstruct Shop {\n\(lines.dropFirst().map { "    " + $0 }.joined(separator: "\n"))\n}",
            diagnostics: [DiagnosticSpec(message: message, line: line, column: column)],
            macros: Self.activityOnly,
            fileID: "", filePath: "", line: UInt(sourceLocation.line), column: UInt(sourceLocation.column)
        )
    }

    @Test func dynamicActivityWithAName() {
        assertRejected(
            "@Activity(name: \"catch-all\", dynamic: true)\nfunc handle(input: [TemporalRawValue]) -> TemporalRawValue { fatalError() }",
            "A dynamic activity can't have a name: it serves every activity type the worker has no definition for",
            line: 3,
            column: 21
        )
    }

    @Test func activityWithTwoParameters() {
        assertRejected(
            "@Activity\nfunc charge(amount: Int, currency: String) {}",
            "An activity method takes at most one parameter (its input); group several values in a Codable struct",
            line: 4,
            column: 16
        )
    }

    @Test func genericActivity() {
        assertRejected(
            "@Activity\nfunc echo<T>(input: T) -> T { input }",
            "@Activity can't be applied to a generic method",
            line: 4,
            column: 14
        )
    }

    @Test func mutatingActivity() {
        assertRejected(
            "@Activity\nmutating func bump() {}",
            "@Activity can't be applied to a mutating method; activities share one container value across concurrent runs",
            line: 4,
            column: 5
        )
    }

    @Test func activityOnAProperty() {
        assertRejected(
            "@Activity\nvar total: Int { 0 }",
            "@Activity can only be applied to a method",
            line: 3,
            column: 5
        )
    }

    @Test func activityOutsideAContainerHasNoEffect() {
        assertExpansion(
            """
            struct Shop {
                @Activity
                func ping() {}
            }
            """,
            expandedSource: """
                struct Shop {
                    func ping() {}
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@Activity has no effect unless the enclosing type is marked @ActivityContainer",
                    line: 2,
                    column: 5,
                    severity: .warning
                )
            ],
            macros: Self.activityOnly
        )
    }

    @Test func activityInAnEnum() {
        assertExpansion(
            """
            enum Shop {
                @Activity
                static func ping() {}
            }
            """,
            expandedSource: """
                enum Shop {
                    static func ping() {}
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@Activity must be applied to a method declared in the body of an @ActivityContainer struct, class or actor",
                    line: 2,
                    column: 5
                )
            ],
            macros: Self.activityOnly
        )
    }

    @Test(arguments: ["enum", "protocol"])
    func containerThatCannotHoldActivities(kind: String) {
        assertExpansion(
            "@ActivityContainer\n\(kind) Shop {}",
            expandedSource: "\(kind) Shop {}",
            diagnostics: [
                DiagnosticSpec(
                    message: "@ActivityContainer can only be applied to a struct, class or actor; its activities run on an instance of it",
                    line: 1,
                    column: 1
                )
            ]
        )
    }

    @Test func privateContainer() {
        assertExpansion(
            "@ActivityContainer\nprivate struct Shop {}",
            expandedSource: "private struct Shop {}",
            diagnostics: [
                DiagnosticSpec(
                    message:
                        "@ActivityContainer can't be applied to a private type, which its generated extension could not see; use fileprivate",
                    line: 2,
                    column: 1
                )
            ]
        )
    }
}
