/// The memory and CPU use a resource-based tuner aims for (fractions of the machine).
public struct ResourceBasedTunerOptions: Sendable {
    public var targetMemoryUsage: Double
    public var targetCpuUsage: Double

    public init(targetMemoryUsage: Double, targetCpuUsage: Double) {
        self.targetMemoryUsage = targetMemoryUsage
        self.targetCpuUsage = targetCpuUsage
    }
}
