public import Configuration

extension TemporalClient.Configuration {
    /// A client configuration read from `configReader` (environment, files, …):
    /// `client.instrumentation.serverhostname` (required), `client.namespace` (default `default`),
    /// `client.identity`, `client.apiKey`.
    ///
    /// - Throws: When a required key is missing or a value has the wrong type; the error names the key.
    public init(
        configReader: ConfigReader,
        dataConverter: DataConverter = DataConverter.default,
        interceptors: [any ClientInterceptor] = [TemporalClientTracingInterceptor()]
    ) throws {
        let snapshot = configReader.snapshot()
        self.init(
            instrumentation: try .init(configReader: configReader),
            namespace: snapshot.string(forKey: .clientNamespace, default: "default"),
            identity: snapshot.string(forKey: .clientIdentity),
            dataConverter: dataConverter,
            interceptors: interceptors,
            apiKey: snapshot.string(forKey: .clientAPIKey))
    }
}

extension TemporalClient.Configuration.Instrumentation {
    /// Reads `client.instrumentation.serverhostname` (required).
    public init(configReader: ConfigReader) throws {
        self.init(serverHostname: try configReader.snapshot().requiredString(forKey: .clientServerHostname))
    }
}
