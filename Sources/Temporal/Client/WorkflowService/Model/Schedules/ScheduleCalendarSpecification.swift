/// Calendar times at which a schedule fires: every combination of the listed values of each
/// field matches (in the specification's time zone).
public struct ScheduleCalendarSpecification: Hashable, Sendable {
    /// Just zero: the default of second, minute and hour.
    public static let beginning: [ScheduleRange] = [ScheduleRange(value: 0)]

    /// Every day of the month, 1 to 31.
    public static let allMonthDays: [ScheduleRange] = [ScheduleRange(start: 1, end: 31)]

    /// Every month, 1 to 12.
    public static let allMonths: [ScheduleRange] = [ScheduleRange(start: 1, end: 12)]

    /// Every day of the week, 0 (Sunday) to 6.
    public static let allWeekDays: [ScheduleRange] = [ScheduleRange(start: 0, end: 6)]

    /// Seconds, 0 to 59.
    public var second: [ScheduleRange] = beginning

    /// Minutes, 0 to 59.
    public var minute: [ScheduleRange] = beginning

    /// Hours, 0 to 23.
    public var hour: [ScheduleRange] = beginning

    /// Days of the month, 1 to 31.
    public var dayOfMonth: [ScheduleRange] = allMonthDays

    /// Months, 1 to 12.
    public var month: [ScheduleRange] = allMonths

    /// Years; empty matches every year.
    public var year: [ScheduleRange] = []

    /// Days of the week, 0 (Sunday) to 6.
    public var dayOfWeek: [ScheduleRange] = allWeekDays

    /// A free-form description.
    public var comment: String? = nil

    /// Creates a calendar specification; fields left out take their defaults (midnight, every
    /// day).
    public init(
        second: [ScheduleRange] = beginning,
        minute: [ScheduleRange] = beginning,
        hour: [ScheduleRange] = beginning,
        dayOfMonth: [ScheduleRange] = allMonthDays,
        month: [ScheduleRange] = allMonths,
        year: [ScheduleRange] = [],
        dayOfWeek: [ScheduleRange] = allWeekDays,
        comment: String? = nil
    ) {
        self.second = second
        self.minute = minute
        self.hour = hour
        self.dayOfMonth = dayOfMonth
        self.month = month
        self.year = year
        self.dayOfWeek = dayOfWeek
        self.comment = comment
    }
}
