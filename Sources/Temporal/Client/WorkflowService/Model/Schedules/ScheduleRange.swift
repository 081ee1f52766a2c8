/// An inclusive range of values of one calendar field, taking every `step`-th value.
public struct ScheduleRange: Hashable, Sendable {
    /// The first value.
    public let start: Int

    /// The last value (inclusive).
    public let end: Int

    /// The distance between values taken.
    public let step: Int

    /// The single value zero.
    public static let zero = ScheduleRange(value: 0)

    /// The single value `value`, which must not be negative.
    public init(value: Int) {
        precondition(value >= 0, "A schedule range value cannot be negative")
        self.init(start: value, end: value)
    }

    /// Every `step`-th value from `start` to `end`; `start` must not exceed `end`, and `step`
    /// must be positive.
    public init(start: Int, end: Int, step: Int = 1) {
        precondition(start <= end, "A schedule range cannot end before it starts")
        precondition(step > 0, "A schedule range step must be positive")
        self.start = start
        self.end = end
        self.step = step
    }

    /// A range read from the server, which marks an unset end or step with zero.
    init(wireStart start: Int, end: Int, step: Int) {
        self.start = start
        self.end = max(start, end)
        self.step = max(1, step)
    }
}
