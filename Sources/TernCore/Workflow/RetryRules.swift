import Foundation
import SwiftProtobuf
import TernAPI

public typealias RetryPolicy = Temporal_Api_Common_V1_RetryPolicy
public typealias RetryState = Temporal_Api_Enums_V1_RetryState
public typealias Failure = Temporal_Api_Failure_V1_Failure

/// Temporal's retry arithmetic: defaults, back-off and the decision to retry.
public enum RetryRules {
    /// The policy with Temporal's defaults filled in (what the server writes into events):
    /// initial interval 1 s, coefficient 2, maximum interval 100 × initial, unlimited attempts.
    public static func withDefaults(_ policy: RetryPolicy?) -> RetryPolicy {
        var p = policy ?? RetryPolicy()
        if !p.initialInterval.isPositive { p.initialInterval = .init(seconds: 1) }
        if p.backoffCoefficient < 1 { p.backoffCoefficient = 2 }
        if !p.maximumInterval.isPositive {
            p.maximumInterval = .init(rounding: p.initialInterval.timeInterval * 100)
        }
        return p
    }

    public static func validate(_ policy: RetryPolicy) throws(TernError) {
        if policy.initialInterval.isNegative {
            throw .invalidArgument("InitialInterval cannot be negative on retry policy.")
        }
        if policy.backoffCoefficient != 0 && policy.backoffCoefficient < 1 {
            throw .invalidArgument("BackoffCoefficient cannot be less than 1 on retry policy.")
        }
        if policy.maximumInterval.isNegative {
            throw .invalidArgument("MaximumInterval cannot be negative on retry policy.")
        }
        if policy.maximumInterval.isPositive, policy.maximumInterval.timeInterval < policy.initialInterval.timeInterval {
            throw .invalidArgument("MaximumInterval cannot be less than InitialInterval on retry policy.")
        }
        if policy.maximumAttempts < 0 {
            throw .invalidArgument("MaximumAttempts cannot be negative on retry policy.")
        }
    }

    /// The delay before attempt `attempt + 1`, ignoring failure kinds and deadlines.
    public static func backoff(_ policy: RetryPolicy, afterAttempt attempt: Int32) -> TimeInterval {
        let p = withDefaults(policy)
        let exponent = Double(max(attempt, 1) - 1)
        let raw = p.initialInterval.timeInterval * pow(p.backoffCoefficient, exponent)
        return min(raw, p.maximumInterval.timeInterval)
    }

    public enum Decision: Equatable, Sendable {
        case retry(after: TimeInterval)
        case stop(RetryState)
    }

    /// Whether attempt `attempt`, which ended with `failure`, is retried, and after how long.
    /// `deadline` is the schedule-to-close (or execution) expiry, if any.
    public static func decide(
        policy: RetryPolicy?, attempt: Int32, failure: Failure, now: Date, deadline: Date?
    ) -> Decision {
        guard let policy else { return .stop(.retryPolicyNotSet) }
        if failure.applicationFailureInfo.nonRetryable && isApplicationFailure(failure) {
            return .stop(.nonRetryableFailure)
        }
        if isApplicationFailure(failure), policy.nonRetryableErrorTypes.contains(failure.applicationFailureInfo.type) {
            return .stop(.nonRetryableFailure)
        }
        if case .timeoutFailureInfo(let info) = failure.failureInfo,
           info.timeoutType != .startToClose, info.timeoutType != .heartbeat {
            return .stop(.timeout)
        }
        if policy.maximumAttempts > 0 && attempt >= policy.maximumAttempts {
            return .stop(.maximumAttemptsReached)
        }
        var delay = backoff(policy, afterAttempt: attempt)
        if isApplicationFailure(failure), failure.applicationFailureInfo.hasNextRetryDelay {
            delay = failure.applicationFailureInfo.nextRetryDelay.timeInterval
        }
        if let deadline, now.addingTimeInterval(delay) >= deadline {
            return .stop(.timeout)
        }
        return .retry(after: delay)
    }

    private static func isApplicationFailure(_ failure: Failure) -> Bool {
        if case .applicationFailureInfo = failure.failureInfo { return true }
        return false
    }
}
