import Foundation
import GRPCCore
import SwiftProtobuf
import TernAPI
import TernCore

private typealias TestService = Temporal_Api_Testservice_V1_TestService.Method

/// Temporal's `temporal.api.testservice.v1.TestService`, served by a time-skipping test server
/// (`ServerConfiguration.timeSkipping`): the SDKs' time-skipping environments lock and unlock
/// the virtual clock, sleep on it and read it through these calls.
struct TestServiceFrontend: RegistrableRPCService {
    let clock: ServerClock

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        let clock = self.clock

        router.unary(TestService.LockTimeSkipping.descriptor) { (_: TestService.LockTimeSkipping.Input, _) in
            clock.lock()
            return TestService.LockTimeSkipping.Output()
        }

        router.unary(TestService.UnlockTimeSkipping.descriptor) { (_: TestService.UnlockTimeSkipping.Input, _) in
            try clock.unlock()
            return TestService.UnlockTimeSkipping.Output()
        }

        // Waits for the virtual clock to reach the time; it skips only if nothing holds it.
        router.unary(TestService.Sleep.descriptor, longPoll: true) { (request: TestService.Sleep.Input, _) in
            let duration = try Self.duration(request.duration, field: "duration")
            await clock.sleep(until: clock.now().addingTimeInterval(duration))
            return TestService.Sleep.Output()
        }

        router.unary(TestService.SleepUntil.descriptor, longPoll: true) { (request: TestService.SleepUntil.Input, _) in
            guard request.hasTimestamp else {
                throw TernError.invalidArgument("SleepUntil needs a timestamp.")
            }
            await clock.sleep(until: request.timestamp.date)
            return TestService.SleepUntil.Output()
        }

        // What the SDKs' `sleep` on a time-skipping environment calls: time skips for the
        // duration even while the caller otherwise holds its lock.
        router.unary(TestService.UnlockTimeSkippingWithSleep.descriptor, longPoll: true) {
            (request: TestService.UnlockTimeSkippingWithSleep.Input, _) in
            let duration = try Self.duration(request.duration, field: "duration")
            let deadline = clock.now().addingTimeInterval(duration)
            try clock.unlock()
            await clock.sleep(until: deadline)
            clock.lock()
            return TestService.UnlockTimeSkippingWithSleep.Output()
        }

        router.unary(TestService.GetCurrentTime.descriptor) { (_: TestService.GetCurrentTime.Input, _) in
            var response = TestService.GetCurrentTime.Output()
            response.time = clock.now().timestamp
            return response
        }
    }

    private static func duration(_ value: Google_Protobuf_Duration, field: String) throws -> TimeInterval {
        let seconds = Double(value.seconds) + Double(value.nanos) / 1e9
        guard seconds >= 0 else {
            throw TernError.invalidArgument("\(field) must not be negative, got \(seconds) s.")
        }
        return seconds
    }
}
