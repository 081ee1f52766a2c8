extension TemporalClient {
    /// The namespace a client works in, how it identifies itself, and how it converts payloads.
    public struct Configuration: Sendable {
        public var instrumentation: Instrumentation
        public var namespace: String
        public var identity: String
        public var dataConverter: DataConverter
        /// Wrap every call the client makes, the first outermost (see ``ClientOutboundInterceptor``);
        /// by default a ``TemporalClientTracingInterceptor``, which records nothing until a tracer is bootstrapped.
        public var interceptors: [any ClientInterceptor]
        public var apiKey: String?
        public var queryRejectCondition: Api.Enums.V1.QueryRejectCondition?

        public init(
            instrumentation: Instrumentation,
            namespace: String = "default",
            identity: String? = nil,
            dataConverter: DataConverter = DataConverter.default,
            interceptors: [any ClientInterceptor] = [TemporalClientTracingInterceptor()],
            apiKey: String? = nil,
            queryRejectCondition: Api.Enums.V1.QueryRejectCondition? = nil
        ) {
            self.instrumentation = instrumentation
            self.namespace = namespace
            self.identity = identity ?? "\(TemporalWorker.Configuration.clientName)-\(TemporalWorker.Configuration.clientVersion)"
            self.dataConverter = dataConverter
            self.interceptors = interceptors
            self.apiKey = apiKey
            self.queryRejectCondition = queryRejectCondition
        }
    }
}

extension TemporalClient.Configuration {
    /// Facts about the connection used to label telemetry.
    public struct Instrumentation: Hashable, Sendable {
        public var serverHostname: String

        public init(serverHostname: String) { self.serverHostname = serverHostname }
    }
}
