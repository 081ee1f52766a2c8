public import Foundation

/// When a schedule fires: the union of its calendar and interval times, less the `skip` times,
/// within `startAt`...`endAt`, each delayed by up to `jitter`.
public struct ScheduleSpecification: Hashable, Sendable {
    /// Calendar-based times.
    public var calendars: [ScheduleCalendarSpecification] = []

    /// Fixed-period times.
    public var intervals: [ScheduleIntervalSpecification] = []

    /// The cron strings, kept apart so that reading and writing them internally raises no
    /// deprecation warning.
    package var _cronExpressions: [String] = []

    /// Cron strings (with optional `CRON_TZ=` prefix and `#comment`), as the legacy API took them.
    @available(*, deprecated, message: "Use calendars instead of cron strings.")
    public var cronExpressions: [String] {
        get { _cronExpressions }
        set { _cronExpressions = newValue }
    }

    /// Calendar times at which the schedule does not fire.
    public var skip: [ScheduleCalendarSpecification] = []

    /// No action is taken before this time.
    public var startAt: Date?

    /// No action is taken after this time.
    public var endAt: Date?

    /// The most each action may be delayed by, chosen at random, to spread load.
    public var jitter: Duration?

    /// The IANA time zone calendar times are read in (UTC when `nil`).
    public var timeZoneName: String?

    /// Creates a specification that includes cron strings.
    @available(*, deprecated, message: "Use calendars instead of cron strings.")
    public init(
        calendars: [ScheduleCalendarSpecification] = [],
        intervals: [ScheduleIntervalSpecification] = [],
        cronExpressions: [String] = [],
        skip: [ScheduleCalendarSpecification] = [],
        startAt: Date? = nil,
        endAt: Date? = nil,
        jitter: Duration? = nil,
        timeZoneName: String? = nil
    ) {
        self.init(
            calendars: calendars, intervals: intervals, skip: skip, startAt: startAt, endAt: endAt, jitter: jitter,
            timeZoneName: timeZoneName)
        self._cronExpressions = cronExpressions
    }

    /// Creates a specification.
    public init(
        calendars: [ScheduleCalendarSpecification] = [],
        intervals: [ScheduleIntervalSpecification] = [],
        skip: [ScheduleCalendarSpecification] = [],
        startAt: Date? = nil,
        endAt: Date? = nil,
        jitter: Duration? = nil,
        timeZoneName: String? = nil
    ) {
        self.calendars = calendars
        self.intervals = intervals
        self.skip = skip
        self.startAt = startAt
        self.endAt = endAt
        self.jitter = jitter
        self.timeZoneName = timeZoneName
    }
}
