import TernAPI

extension Api.Common.V1.RetryPolicy {
    /// The wire form of `policy`; unset intervals stay unset.
    package init(_ policy: RetryPolicy) {
        self.init()
        backoffCoefficient = policy.backoffCoefficient
        maximumAttempts = Int32(clamping: policy.maximumAttempts)
        nonRetryableErrorTypes = policy.nonRetryableErrorTypes
        if let initial = policy.initialInterval {
            initialInterval = .init(duration: initial)
        }
        if let maximum = policy.maximumInterval {
            maximumInterval = .init(duration: maximum)
        }
    }
}

extension RetryPolicy {
    /// The policy a wire `RetryPolicy` describes.
    package init(_ proto: Api.Common.V1.RetryPolicy) {
        self.init(
            initialInterval: proto.hasInitialInterval ? Duration(protobufDuration: proto.initialInterval) : nil,
            backoffCoefficient: proto.backoffCoefficient,
            maximumInterval: proto.hasMaximumInterval ? Duration(protobufDuration: proto.maximumInterval) : nil,
            maximumAttempts: Int(proto.maximumAttempts),
            nonRetryableErrorTypes: proto.nonRetryableErrorTypes
        )
    }
}
