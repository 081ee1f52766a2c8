/// Something a client is configured with (``TemporalClient/Configuration/interceptors``) to see,
/// change or refuse the calls it makes to the server.
///
/// The client asks each configured interceptor once, when it is created, for its
/// ``clientOutboundInterceptor``; those that return one wrap every call, the first in the
/// configuration outermost.
public protocol ClientInterceptor: Sendable {
    /// What wraps the client's calls; ``ForwardingClientOutboundInterceptor`` for an interceptor
    /// that does not say.
    associatedtype ClientOutboundInterceptorType: ClientOutboundInterceptor = ForwardingClientOutboundInterceptor

    /// The hooks around the client's calls; `nil` leaves the calls alone.
    var clientOutboundInterceptor: ClientOutboundInterceptorType? { get }
}

extension ClientInterceptor {
    /// No hooks unless the interceptor provides some.
    public var clientOutboundInterceptor: ClientOutboundInterceptorType? { nil }
}
