import Configuration
import Temporal
import Testing

/// Client and worker configurations read from a `ConfigReader`, under the keys Apple's SDK reads.
@Suite("Configuration from a ConfigReader")
struct ConfigReaderTests {
    private func reader(_ values: [AbsoluteConfigKey: ConfigValue]) -> ConfigReader {
        ConfigReader(provider: InMemoryProvider(values: values))
    }

    @Test func aClientReadsItsKeysAndDefaultsTheNamespace() throws {
        let full = try TemporalClient.Configuration(configReader: reader([
            "client.instrumentation.serverhostname": "temporal.example.com",
            "client.namespace": "payments",
            "client.identity": "billing-api",
            "client.apiKey": "secret",
        ]))
        #expect(full.instrumentation.serverHostname == "temporal.example.com")
        #expect(full.namespace == "payments" && full.identity == "billing-api" && full.apiKey == "secret")

        let minimal = try TemporalClient.Configuration(configReader: reader(["client.instrumentation.serverhostname": "h"]))
        #expect(minimal.namespace == "default" && minimal.apiKey == nil)
    }

    @Test func aMissingRequiredKeyIsNamedInTheError() {
        #expect { try TemporalClient.Configuration(configReader: reader([:])) } throws: { error in
            "\(error)".contains("client.instrumentation.serverhostname")
        }
        #expect {
            try TemporalWorker.Configuration(configReader: reader([
                "worker.namespace": "default", "worker.buildid": "b1", "worker.client.identity": "w",
                "worker.client.instrumentation.serverhostname": "h",
            ]))
        } throws: { error in
            "\(error)".contains("worker.taskqueue")
        }
    }

    @Test func aWorkerReadsItsKeysAndTuner() throws {
        let base: [AbsoluteConfigKey: ConfigValue] = [
            "worker.namespace": "payments", "worker.taskqueue": "charges", "worker.buildid": "2026.12.1",
            "worker.client.identity": "charger-1", "worker.client.instrumentation.serverhostname": "temporal.internal",
            "worker.client.apiKey": "k", "worker.heartbeatintervalms": 1500,
        ]
        let plain = try TemporalWorker.Configuration(configReader: reader(base))
        #expect(plain.namespace == "payments" && plain.taskQueue == "charges" && plain.clientIdentity == "charger-1")
        #expect(plain.instrumentation.serverHostname == "temporal.internal" && plain.apiKey == "k")
        #expect(plain.workerHeartbeatInterval == .milliseconds(1500))
        guard case .none(let version) = plain.versioningStrategy.kind else {
            Issue.record("expected no versioning with a build id, got \(plain.versioningStrategy)")
            return
        }
        #expect(version.buildId == "2026.12.1")

        var tuned = base
        tuned["worker.tuner.activity.type"] = "fixed-size"
        tuned["worker.tuner.activity.maxslots"] = 7
        tuned["worker.tuner.workflow.type"] = "resource-based"
        let configuration = try TemporalWorker.Configuration(configReader: reader(tuned))
        #expect(configuration.tuner.activitySlotSupplier.maximumSlots == 7)
        #expect(configuration.tuner.localActivitySlotSupplier.maximumSlots == 100)
        guard case .resourceBased(_, let targets) = configuration.tuner.workflowSlotSupplier.kind else {
            Issue.record("the workflow tuner type was not read")
            return
        }
        #expect(targets.targetMemoryUsage == 0.8 && targets.targetCpuUsage == 0.9)
    }
}
