/// A client outbound interceptor that passes every call on unchanged (all of the protocol's
/// defaults).
public struct ForwardingClientOutboundInterceptor: ClientOutboundInterceptor {}
