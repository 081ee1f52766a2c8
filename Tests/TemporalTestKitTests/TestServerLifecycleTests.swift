import Foundation
import Temporal
import TemporalTestKit
import Testing

/// `withTestServer` itself: a fresh server per call, several at once, really gone afterwards, and
/// the start-up options (search attributes, dev-server flags).
@Suite(.timeLimit(.minutes(2)))
struct TestServerLifecycleTests {
    @Test(.temporalTestServer) func theTraitOnASingleTestGivesItAServer() async throws {
        let server = try #require(TemporalTestServer.testServer)
        let (host, port) = server.hostAndPort()
        #expect(acceptsConnections(host: host, port: port))
    }

    @Test func thereIsNoServerOutsideATrait() {
        #expect(TemporalTestServer.testServer == nil)
        #expect(TemporalTestServer.timeSkippingTestServer == nil)
    }

    @Test func twoServersRunAtOnceWithSeparateStores() async throws {
        let workflowID = "same-id-\(UUID())"
        try await TemporalTestServer.withTestServer { first in
            try await TemporalTestServer.withTestServer { second in
                #expect(first.hostAndPort().port != second.hostAndPort().port)
                // The same workflow id runs on both: they do not share a store.
                for server in [copy first, copy second] {
                    let greeting = try await server.withWorkerAndClient(
                        activities: GreetingActivities().allActivities, workflows: [GreetingWorkflow.self],
                        logger: quietLogger
                    ) { taskQueue, client in
                        try await client.executeWorkflow(
                            type: GreetingWorkflow.self, options: .init(id: workflowID, taskQueue: taskQueue),
                            input: "port \(server.hostAndPort().port)")
                    }
                    #expect(greeting == "Hello, port \(server.hostAndPort().port)!")
                }
            }
        }
    }

    @Test func theServerStopsAndFreesItsPortWhenTheScopeEnds() async throws {
        var leftOpen: Int32 = -1
        let (host, port) = try await TemporalTestServer.withTestServer { server in
            let (host, port) = server.hostAndPort()
            #expect(acceptsConnections(host: host, port: port))
            // A connection still open when the scope ends (a leaked client) must not keep it alive.
            leftOpen = openConnection(host: host, port: port)
            return (host, port)
        }
        defer { closeConnection(leftOpen) }
        #expect(!acceptsConnections(host: host, port: port))
    }

    @Test func theServerStopsWhenTheBodyThrows() async throws {
        struct Expected: Error {}
        var address: (host: String, port: Int)?
        await #expect(throws: Expected.self) {
            try await TemporalTestServer.withTestServer { server in
                address = server.hostAndPort()
                throw Expected()
            }
        }
        let (host, port) = try #require(address)
        #expect(!acceptsConnections(host: host, port: port))
    }

    @Test func searchAttributesAreRegisteredAtStart() async throws {
        let region = SearchAttributeKey<String>.keyword("KitRegion")
        try await TemporalTestServer.withTestServer(searchAttributes: [AnySearchAttributeKey(region)]) { server in
            try await server.withWorkerAndClient(
                activities: GreetingActivities().allActivities, workflows: [GreetingWorkflow.self], logger: quietLogger
            ) { taskQueue, client in
                let options = WorkflowOptions(
                    id: "tagged-\(UUID())", taskQueue: taskQueue,
                    searchAttributes: SearchAttributeCollection { $0[region] = "north" })
                let greeting = try await client.executeWorkflow(type: GreetingWorkflow.self, options: options, input: "north")
                #expect(greeting == "Hello, north!")
            }
        }
    }

    @Test func unregisteredSearchAttributesAreRefused() async throws {
        let region = SearchAttributeKey<String>.keyword("KitRegion")
        try await TemporalTestServer.withTestServer { server in
            try await server.withConnectedClient(logger: quietLogger) { client in
                let options = WorkflowOptions(
                    id: "tagged-\(UUID())", taskQueue: "nobody-polls",
                    searchAttributes: SearchAttributeCollection { $0[region] = "north" })
                await #expect(throws: (any Error).self) {
                    _ = try await client.startWorkflow(type: GreetingWorkflow.self, options: options, input: "north")
                }
            }
        }
    }

    @Test func devServerFlagsConfigureTheServer() async throws {
        let arguments = [
            "--namespace", "kit-other",
            "--search-attribute=KitColour=Keyword",
            "--dynamic-config-value\nlimit.blobSize.error=512",
            "--headless",
        ]
        try await TemporalTestServer.withTestServer(extraArguments: arguments) { server in
            let colour = SearchAttributeKey<String>.keyword("KitColour")
            try await server.withWorkerAndClient(
                activities: GreetingActivities().allActivities, workflows: [GreetingWorkflow.self],
                namespace: "kit-other", logger: quietLogger
            ) { taskQueue, client in
                let options = WorkflowOptions(
                    id: "colour-\(UUID())", taskQueue: taskQueue,
                    searchAttributes: SearchAttributeCollection { $0[colour] = "blue" })
                let greeting = try await client.executeWorkflow(type: GreetingWorkflow.self, options: options, input: "blue")
                #expect(greeting == "Hello, blue!")
                // Over the 512-byte blob limit set above (the default is 2 MiB).
                await #expect(throws: (any Error).self) {
                    _ = try await client.startWorkflow(
                        type: GreetingWorkflow.self, options: .init(id: "big-\(UUID())", taskQueue: taskQueue),
                        input: String(repeating: "x", count: 2048))
                }
            }
        }
    }

    @Test func unknownFlagsAreRefusedByName() async throws {
        let error = await #expect(throws: TemporalTestServerError.unsupportedArgument("--ui-codec-endpoint")) {
            try await TemporalTestServer.withTestServer(extraArguments: ["--ui-codec-endpoint", "http://x"]) { _ in }
        }
        #expect(error.map { "\($0)".contains("--ui-codec-endpoint") } == true)
    }

    @Test func flagsWithBadOrMissingValuesAreRefused() async throws {
        await #expect(throws: TemporalTestServerError.missingValue(argument: "--namespace")) {
            try await TemporalTestServer.withTestServer(extraArguments: ["--namespace"]) { _ in }
        }
        let badConfig = await #expect(throws: TemporalTestServerError.self) {
            try await TemporalTestServer.withTestServer(
                extraArguments: ["--dynamic-config-value", "history.cacheMaxSize=lots"]) { _ in }
        }
        #expect(badConfig.map { "\($0)".contains("history.cacheMaxSize") } == true)
        await #expect(throws: TemporalTestServerError.self) {
            try await TemporalTestServer.withTestServer(extraArguments: ["--search-attribute", "Colour=Colourful"]) { _ in }
        }
    }

    @Test func aBusyPortIsReportedAsAFailedStart() async throws {
        try await TemporalTestServer.withTestServer { first in
            let port = first.hostAndPort().port
            await #expect(throws: TemporalTestServerError.self) {
                try await TemporalTestServer.withTestServer(extraArguments: ["--port", "\(port)"]) { _ in }
            }
        }
    }
}
