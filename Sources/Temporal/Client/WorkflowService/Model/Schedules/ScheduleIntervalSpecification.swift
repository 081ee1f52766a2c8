/// A schedule that fires every `every`, counted from the Unix epoch and shifted by `offset`.
public struct ScheduleIntervalSpecification: Hashable, Sendable {
    /// The period.
    public var every: Duration

    /// The shift of each firing within the period (an hourly schedule with a 15-minute offset
    /// fires at a quarter past).
    public var offset: Duration?

    /// Creates an interval specification.
    public init(every: Duration, offset: Duration? = nil) {
        self.every = every
        self.offset = offset
    }
}
