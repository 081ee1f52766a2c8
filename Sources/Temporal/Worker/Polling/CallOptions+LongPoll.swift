import GRPCCore

extension CallOptions {
    /// Long polls carry a deadline (Temporal's frontend refuses them without one): a little over
    /// the server's own 60 s poll, as the other SDKs use.
    static var longPoll: CallOptions {
        var options = CallOptions.defaults
        options.timeout = .seconds(70)
        return options
    }
}
