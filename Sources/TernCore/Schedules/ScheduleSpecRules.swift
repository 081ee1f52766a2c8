import Foundation
import SwiftProtobuf
import TernAPI

/// A schedule's `ScheduleSpec`, validated and compiled for time arithmetic, with Temporal's
/// semantics (`service/worker/scheduler/spec.go` and `calendar.go`):
///
/// - `calendar` and `exclude_calendar` strings and `cron_string` entries become structured
///   calendars (`cron_string` `@every` entries become intervals); `canonical(_:)` returns that form.
/// - A calendar matches an instant when every field matches the wall clock of `timezone_name`
///   (default UTC) at one-second resolution. Day-of-month and day-of-week must BOTH match (unlike
///   classic cron's either-or). A wall time skipped by spring-forward never fires; one repeated by
///   fall-back fires at both instants.
/// - An interval matches the instants `epoch + phase + k * interval` (whole seconds).
/// - A time matching any exclusion is skipped; `start_time` and `end_time` bound the nominal times
///   (both inclusive). Nothing after year 2100 matches, Temporal's `maxCalendarYear`.
public struct CompiledScheduleSpec: Sendable {
    /// The spec as Temporal stores and describes it: every calendar structured, cron strings
    /// expanded, ranges with explicit `end` and `step`.
    public let canonicalSpec: Temporal_Api_Schedule_V1_ScheduleSpec
    /// The zone whose wall clock calendars are matched against.
    public let timeZone: TimeZone
    let calendars: [CompiledCalendar]
    let excludes: [CompiledCalendar]
    let intervals: [CompiledInterval]
    /// The first whole second a nominal time may fall on.
    let startSecond: Int64?
    /// Unix seconds; nominal times after it are past the end.
    let endTime: Double?
    /// Whole milliseconds, as Temporal's jitter arithmetic uses.
    let jitterMilliseconds: Int64

    /// Temporal's calendar year bounds: years outside are invalid, and no time after 2100 matches.
    static let minYear = 2000
    static let maxYear = 2100
    /// Unix seconds of 2101-01-01T00:00:00Z, the first instant past the last matchable year (UTC,
    /// as Temporal compares the UTC year of a candidate).
    static let horizon = Civil.days(year: Int64(maxYear) + 1, month: 1, day: 1) * 86400
    /// Bounds the work of one `nextTime` call when exclusions reject candidate after candidate;
    /// skipping whole excluded runs keeps well-formed specs far below it.
    static let maxCandidates = 100_000

    public init(_ spec: Temporal_Api_Schedule_V1_ScheduleSpec) throws(TernError) {
        let canonical = try Self.canonicalize(spec)
        let zone = try Self.zone(canonical)
        canonicalSpec = canonical
        timeZone = zone
        calendars = canonical.structuredCalendar.map { CompiledCalendar($0, zone: zone) }
        excludes = canonical.excludeStructuredCalendar.map { CompiledCalendar($0, zone: zone) }
        intervals = canonical.interval.map {
            // Temporal truncates both to whole seconds.
            CompiledInterval(every: max(1, $0.interval.seconds), phase: max(0, $0.phase.seconds))
        }
        if canonical.hasStartTime {
            let start = canonical.startTime
            startSecond = start.seconds + (start.nanos > 0 ? 1 : 0)
        } else {
            startSecond = nil
        }
        endTime = canonical.hasEndTime ? canonical.endTime.timeIntervalSince1970 : nil
        let jitter = canonical.jitter
        // A negative jitter means none, as in Temporal.
        jitterMilliseconds = max(0, jitter.seconds * 1000 + Int64(jitter.nanos / 1_000_000))
    }

    /// The spec DescribeSchedule and ListSchedules return for `spec`: validated, calendar strings
    /// and cron strings converted to structured calendars (and `@every` cron strings to
    /// intervals), a cron string's zone moved to `timezone_name`, ranges with `end` and `step` set.
    public static func canonical(
        _ spec: Temporal_Api_Schedule_V1_ScheduleSpec
    ) throws(TernError) -> Temporal_Api_Schedule_V1_ScheduleSpec {
        try CompiledScheduleSpec(spec).canonicalSpec
    }

    // MARK: - Times

    /// The first nominal (unjittered) time strictly after `date` that matches a calendar or an
    /// interval, is not excluded and lies within start and end; nil when there is none.
    public func nextTime(after date: Date) -> Date? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite else { return nil }
        guard seconds < Double(Self.horizon) else { return nil }
        // Calendars have one-second resolution, so the next time after a fraction of a second is
        // the next time after its whole second.
        var after = Int64(max(seconds, -Double(Self.horizon)).rounded(.down))
        // Jump to just before the start so the start itself can match.
        if let startSecond { after = max(after, startSecond - 1) }
        for _ in 0..<Self.maxCandidates {
            guard let nominal = rawNextSecond(after: after), nominal < Self.horizon else { return nil }
            if let endTime, Double(nominal) > endTime { return nil }
            guard let exclusion = excludes.first(where: { $0.matches(nominal) }) else {
                return Date(timeIntervalSince1970: Double(nominal))
            }
            // Skip the whole run of time the exclusion covers, not one candidate at a time.
            after = max(nominal, exclusion.endOfMatchedRun(containing: nominal) - 1)
        }
        return nil
    }

    /// `nominal` plus a pseudo-random offset in `[0, jitter)` that depends only on `seed` and
    /// `nominal`, capped, as in Temporal, so it stays below the gap to the following nominal time
    /// (calendars and intervals only, as Temporal ignores exclusions and bounds here).
    ///
    /// The hash is FNV-1a, not Temporal's farmhash, so offsets differ from Temporal's but are
    /// stable across processes (unlike Swift's per-process seeded `Hasher`).
    public func jittered(_ nominal: Date, seed: String) -> Date {
        let seconds = nominal.timeIntervalSince1970
        guard jitterMilliseconds > 0, seconds.isFinite, abs(seconds) < Double(Self.horizon) else { return nominal }
        let nominalSecond = Int64(seconds.rounded(.down))
        var maxMilliseconds = jitterMilliseconds
        if let following = rawNextSecond(after: nominalSecond) {
            let gap = (Double(following) - seconds) * 1000
            maxMilliseconds = min(maxMilliseconds, Int64(max(0, gap).rounded(.down)))
        }
        guard maxMilliseconds > 0 else { return nominal }
        var hash = Fnv1a()
        hash.add(Array(seed.utf8))
        hash.add(nominalSecond)
        hash.add(Int64((seconds - Double(nominalSecond)) * 1_000_000_000))
        // The top 32 bits of a mixed hash, scaled into [0, max) as Temporal scales its hash.
        let fraction = Self.mix(hash.value) >> 32
        let milliseconds = (fraction * UInt64(min(maxMilliseconds, Int64(UInt32.max)))) >> 32
        return nominal.addingTimeInterval(Double(milliseconds) / 1000)
    }

    /// Up to `limit` times after `from` and not after `to`, for ListScheduleMatchingTimes. Nominal
    /// times by default; with a `jitterSeed`, the jittered times, each search continuing from the
    /// previous jittered time, as Temporal lists them.
    public func matchingTimes(from: Date, to: Date, limit: Int, jitterSeed: String? = nil) -> [Date] {
        var result: [Date] = []
        var cursor = from
        while result.count < limit, let nominal = nextTime(after: cursor) {
            let time = jitterSeed.map { jittered(nominal, seed: $0) } ?? nominal
            guard time <= to else { break }
            result.append(time)
            cursor = time
        }
        return result
    }

    /// The earliest calendar or interval time (Unix seconds) after `after`, ignoring exclusions
    /// and bounds.
    func rawNextSecond(after: Int64) -> Int64? {
        var best: Int64?
        for calendar in calendars {
            if let next = calendar.next(after: after, below: best ?? Self.horizon) { best = next }
        }
        for interval in intervals {
            let next = interval.next(after: after)
            if next < best ?? Int64.max { best = next }
        }
        return best
    }

    /// A well-mixed 64-bit value (splitmix64's finalizer): FNV-1a's high bits alone are weak.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct Fnv1a {
    var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    }

    mutating func add(_ number: Int64) {
        add((0..<8).map { UInt8(truncatingIfNeeded: UInt64(bitPattern: number) >> (8 * UInt64($0))) })
    }
}

struct CompiledInterval: Sendable {
    var every: Int64
    var phase: Int64

    /// The first `phase + k * every` strictly after `after`.
    func next(after: Int64) -> Int64 {
        (Civil.floorDiv(after - phase, every) + 1) * every + phase
    }
}

// MARK: - Calendars

/// A structured calendar as sets of matching wall-clock values.
struct CompiledCalendar: Sendable {
    let zone: TimeZone
    var seconds = ValueSet()
    var minutes = ValueSet()
    var hours = ValueSet()
    var daysOfMonth = ValueSet()
    var months = ValueSet()
    var daysOfWeek = ValueSet()
    /// nil matches every year: Temporal writes "any year" as an empty list.
    var years: ValueSet?
    var canMatch = true

    init(_ spec: Temporal_Api_Schedule_V1_StructuredCalendarSpec, zone: TimeZone) {
        self.zone = zone
        seconds = ValueSet(spec.second)
        minutes = ValueSet(spec.minute)
        hours = ValueSet(spec.hour)
        daysOfMonth = ValueSet(spec.dayOfMonth)
        months = ValueSet(spec.month)
        daysOfWeek = ValueSet(spec.dayOfWeek)
        years = spec.year.isEmpty ? nil : ValueSet(spec.year, base: CompiledScheduleSpec.minYear)
        // Temporal matches nothing for an empty field (other than year); knowing it up front
        // spares a fruitless search second by second up to 2100.
        canMatch = ![seconds, minutes, hours, daysOfMonth, months, daysOfWeek].contains(where: \.isEmpty)
    }

    func dayMatches(_ days: Int64) -> Bool {
        let (year, month, day) = Civil.date(fromDays: days)
        return yearMatches(year) && months.contains(month) && daysOfMonth.contains(day)
            && daysOfWeek.contains(Civil.weekday(days))
    }

    func yearMatches(_ year: Int64) -> Bool {
        years.map { $0.contains(Int(clamping: year)) } ?? true
    }

    func wallSecond(_ instant: Int64) -> Int64 {
        instant + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))))
    }

    /// Whether the wall clock at `instant` (Unix seconds) matches every field.
    func matches(_ instant: Int64) -> Bool {
        let wall = wallSecond(instant)
        let days = Civil.floorDiv(wall, 86400)
        let second = Int(wall - days * 86400)
        return dayMatches(days) && hours.contains(second / 3600) && minutes.contains(second / 60 % 60)
            && seconds.contains(second % 60)
    }

    /// The first matching instant strictly after `after` and before `below` (Unix seconds).
    ///
    /// Walks the zone's constant-offset stretches between transitions: inside one, wall-clock
    /// seconds map one-to-one onto instants, so plain calendar arithmetic finds the match exactly.
    /// A wall time a transition skips lies in no stretch; one it repeats lies in two.
    func next(after: Int64, below: Int64) -> Int64? {
        guard canMatch else { return nil }
        var stretchStart = Date(timeIntervalSince1970: Double(after))
        var offset = Int64(zone.secondsFromGMT(for: stretchStart))
        var from = after + 1
        while from < below {
            let transition = zone.nextDaylightSavingTimeTransition(after: stretchStart)
                .flatMap { $0 > stretchStart ? $0 : nil }
            var stretchEnd = below
            if let transition {
                stretchEnd = min(below, Int64(transition.timeIntervalSince1970.rounded(.up)))
            }
            if from < stretchEnd, let wall = firstMatch(fromWall: from + offset, belowWall: stretchEnd + offset) {
                return wall - offset
            }
            guard let transition else { return nil }
            stretchStart = transition
            offset = Int64(zone.secondsFromGMT(for: transition))
            from = max(from, Int64(transition.timeIntervalSince1970.rounded(.up)))
        }
        return nil
    }

    /// The first matching wall-clock second in `from..<below`, skipping whole years, months, days,
    /// hours and minutes that cannot match.
    func firstMatch(fromWall from: Int64, belowWall below: Int64) -> Int64? {
        var days = Civil.floorDiv(from, 86400)
        var (year, month, day) = Civil.date(fromDays: days)
        var secondOfDay = Int(from - days * 86400)
        var (hour, minute, second) = (secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)

        func startOfDay(_ newDays: Int64) {
            days = newDays
            (year, month, day) = Civil.date(fromDays: days)
            (hour, minute, second) = (0, 0, 0)
        }

        while true {
            secondOfDay = hour * 3600 + minute * 60 + second
            guard days * 86400 + Int64(secondOfDay) < below else { return nil }
            if !yearMatches(year) {
                guard let years, let next = years.first(atLeast: Int(clamping: year) + 1) else { return nil }
                startOfDay(Civil.days(year: Int64(next), month: 1, day: 1))
                continue
            }
            if !months.contains(month) {
                if let next = months.first(atLeast: month + 1), next <= 12 {
                    startOfDay(Civil.days(year: year, month: next, day: 1))
                } else {
                    startOfDay(Civil.days(year: year + 1, month: 1, day: 1))
                }
                continue
            }
            if !daysOfMonth.contains(day) || !daysOfWeek.contains(Civil.weekday(days)) {
                startOfDay(days + 1)
                continue
            }
            if !hours.contains(hour) {
                guard let next = hours.first(atLeast: hour + 1), next < 24 else {
                    startOfDay(days + 1)
                    continue
                }
                (hour, minute, second) = (next, 0, 0)
                continue
            }
            if !minutes.contains(minute) {
                if let next = minutes.first(atLeast: minute + 1), next < 60 {
                    (minute, second) = (next, 0)
                } else if hour < 23 {
                    (hour, minute, second) = (hour + 1, 0, 0)
                } else {
                    startOfDay(days + 1)
                }
                continue
            }
            if !seconds.contains(second) {
                if let next = seconds.first(atLeast: second + 1), next < 60 {
                    second = next
                } else if minute < 59 {
                    (minute, second) = (minute + 1, 0)
                } else if hour < 23 {
                    (hour, minute, second) = (hour + 1, 0, 0)
                } else {
                    startOfDay(days + 1)
                }
                continue
            }
            return days * 86400 + Int64(secondOfDay)
        }
    }

    /// For a matching `instant`, the first instant (Unix seconds) after the run of wall-clock time
    /// around it that this calendar matches throughout, or a little earlier: callers skip the run
    /// and look again, so stopping early only costs another step.
    func endOfMatchedRun(containing instant: Int64) -> Int64 {
        let wall = wallSecond(instant)
        let days = Civil.floorDiv(wall, 86400)
        let secondOfDay = Int(wall - days * 86400)
        let (hour, minute, second) = (secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
        let dayStart = days * 86400
        let endWall: Int64
        // A run at one level continues into the next only when every finer value matches.
        if !seconds.isFull(0...59) {
            endWall = dayStart + Int64(hour * 3600 + minute * 60 + seconds.endOfRun(from: second, max: 59))
        } else if !minutes.isFull(0...59) {
            endWall = dayStart + Int64(hour * 3600 + minutes.endOfRun(from: minute, max: 59) * 60)
        } else if !hours.isFull(0...23) {
            endWall = dayStart + Int64(hours.endOfRun(from: hour, max: 23) * 3600)
        } else {
            // Whole days: a year of them at most per step.
            var day = days + 1
            while day < days + 366 && dayMatches(day) { day += 1 }
            endWall = day * 86400
        }
        // Converting a wall time back needs the offset in force then; take the earlier of the two
        // candidates so a transition in between never makes the skip overshoot.
        let guess = endWall - (wall - instant)
        return min(guess, endWall - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(guess)))))
    }
}

/// A set of small non-negative values (at most 128 above `base`), as bits.
struct ValueSet: Sendable, Equatable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var base = 0

    init() {}

    /// The values of Temporal ranges: `end` below `start` means just `start`, step 0 means 1.
    init(_ ranges: [Temporal_Api_Schedule_V1_Range], base: Int = 0) {
        self.base = base
        for range in ranges {
            let start = Int(range.start), end = max(Int(range.end), Int(range.start))
            for value in stride(from: start, through: end, by: max(1, Int(range.step))) { insert(value) }
        }
    }

    mutating func insert(_ value: Int) {
        let index = value - base
        guard index >= 0, index < 128 else { return }
        if index < 64 { low |= 1 << UInt64(index) } else { high |= 1 << UInt64(index - 64) }
    }

    func contains(_ value: Int) -> Bool {
        let index = value - base
        guard index >= 0, index < 128 else { return false }
        return index < 64 ? low & (1 << UInt64(index)) != 0 : high & (1 << UInt64(index - 64)) != 0
    }

    /// The smallest member not below `value`.
    func first(atLeast value: Int) -> Int? {
        let index = max(0, value - base)
        if index < 64 {
            let masked = low & (UInt64.max << UInt64(index))
            if masked != 0 { return base + masked.trailingZeroBitCount }
        }
        guard index < 128 else { return nil }
        let masked = high & (UInt64.max << UInt64(max(0, index - 64)))
        return masked == 0 ? nil : base + 64 + masked.trailingZeroBitCount
    }

    var isEmpty: Bool { low == 0 && high == 0 }

    func isFull(_ values: ClosedRange<Int>) -> Bool { values.allSatisfy(contains) }

    /// One past the last value of the run of consecutive members starting at `value`, at most
    /// `max + 1`.
    func endOfRun(from value: Int, max: Int) -> Int {
        var end = value
        while end <= max && contains(end) { end += 1 }
        return end
    }
}

// MARK: - Canonical form and validation

extension CompiledScheduleSpec {
    static func invalid(_ problem: String) -> TernError {
        .invalidArgument("Invalid schedule spec: \(problem)")
    }

    /// Temporal's `canonicalizeSpec` plus the range cleaning it applies when describing.
    static func canonicalize(
        _ input: Temporal_Api_Schedule_V1_ScheduleSpec
    ) throws(TernError) -> Temporal_Api_Schedule_V1_ScheduleSpec {
        var spec = input
        for (index, calendar) in input.calendar.enumerated() {
            spec.structuredCalendar.append(try structured(calendar, field: "calendar[\(index)]"))
        }
        spec.calendar = []
        for (index, calendar) in input.excludeCalendar.enumerated() {
            spec.excludeStructuredCalendar.append(try structured(calendar, field: "exclude_calendar[\(index)]"))
        }
        spec.excludeCalendar = []

        // All cron strings must agree on their zone, a missing one included, as in Temporal.
        var cronZone: String?
        for (index, text) in input.cronString.enumerated() {
            let field = "cron_string[\(index)]"
            let parsed = try CronStringSpec(parsing: text, field: field)
            if let cronZone, cronZone != parsed.zoneName {
                throw invalid("\(field) \"\(text)\": its time zone conflicts with the other cron strings'")
            }
            cronZone = parsed.zoneName
            switch parsed.rule {
            case .calendar(let calendar): spec.structuredCalendar.append(calendar)
            case .interval(let interval): spec.interval.append(interval)
            }
        }
        spec.cronString = []
        if let cronZone, !cronZone.isEmpty {
            guard spec.timezoneName.isEmpty || spec.timezoneName == cronZone, spec.timezoneData.isEmpty else {
                throw invalid("cron_string time zone \"\(cronZone)\" conflicts with timezone_name \"\(spec.timezoneName)\"")
            }
            spec.timezoneName = cronZone
        }

        for (index, calendar) in spec.structuredCalendar.enumerated() {
            try validate(calendar, field: "structured_calendar[\(index)]")
        }
        for (index, calendar) in spec.excludeStructuredCalendar.enumerated() {
            try validate(calendar, field: "exclude_structured_calendar[\(index)]")
        }
        for (index, interval) in spec.interval.enumerated() {
            try validate(interval, field: "interval[\(index)]")
        }
        if spec.hasJitter, !isValid(spec.jitter) { throw invalid("jitter is not a valid duration") }
        if spec.hasStartTime, !isValid(spec.startTime) { throw invalid("start_time is not a valid timestamp") }
        if spec.hasEndTime, !isValid(spec.endTime) { throw invalid("end_time is not a valid timestamp") }
        if spec.hasStartTime, spec.hasEndTime,
           (spec.endTime.seconds, spec.endTime.nanos) < (spec.startTime.seconds, spec.startTime.nanos) {
            throw invalid("end_time is before start_time")
        }

        // Describe shows ranges with explicit ends and steps (Temporal's CleanSpec).
        spec.structuredCalendar = spec.structuredCalendar.map(cleaned)
        spec.excludeStructuredCalendar = spec.excludeStructuredCalendar.map(cleaned)
        return spec
    }

    static func zone(_ spec: Temporal_Api_Schedule_V1_ScheduleSpec) throws(TernError) -> TimeZone {
        let name = spec.timezoneName
        // timezone_data (raw tzdata) is not loaded: the named zone from the system database is
        // used, which is what the data describes unless a client ships a zone we lack.
        if name.isEmpty && !spec.timezoneData.isEmpty {
            throw invalid("timezone_data is only supported together with a known timezone_name")
        }
        // Go's LoadLocation("") and LoadLocation("UTC") are both UTC.
        if name.isEmpty || name == "UTC" { return TimeZone(identifier: "UTC") ?? .gmt }
        guard let zone = TimeZone(identifier: name) else {
            throw invalid("unknown timezone_name \"\(name)\"")
        }
        return zone
    }

    static func structured(
        _ calendar: Temporal_Api_Schedule_V1_CalendarSpec, field: String
    ) throws(TernError) -> Temporal_Api_Schedule_V1_StructuredCalendarSpec {
        var result = Temporal_Api_Schedule_V1_StructuredCalendarSpec()
        // Defaults as Temporal: midnight of every day.
        result.second = try CalendarField.second.ranges(calendar.second, in: field)
        result.minute = try CalendarField.minute.ranges(calendar.minute, in: field)
        result.hour = try CalendarField.hour.ranges(calendar.hour, in: field)
        result.dayOfMonth = try CalendarField.dayOfMonth.ranges(calendar.dayOfMonth, in: field)
        result.month = try CalendarField.month.ranges(calendar.month, in: field)
        result.year = try CalendarField.year.ranges(calendar.year, in: field)
        result.dayOfWeek = try CalendarField.dayOfWeek.ranges(calendar.dayOfWeek, in: field)
        result.comment = calendar.comment
        return result
    }

    static func validate(
        _ calendar: Temporal_Api_Schedule_V1_StructuredCalendarSpec, field: String
    ) throws(TernError) {
        let fields: [(CalendarField, [Temporal_Api_Schedule_V1_Range])] = [
            (.second, calendar.second), (.minute, calendar.minute), (.hour, calendar.hour),
            (.dayOfMonth, calendar.dayOfMonth), (.month, calendar.month), (.year, calendar.year),
            (.dayOfWeek, calendar.dayOfWeek),
        ]
        for (kind, ranges) in fields {
            // Structured day-of-week is 0-6; only strings take 7 for Sunday.
            let (lower, upper) = kind == .dayOfWeek ? (0, 6) : kind.bounds
            for (index, range) in ranges.enumerated() {
                let name = "\(field).\(kind.protoName)[\(index)]"
                guard range.start >= lower, range.start <= upper else {
                    throw invalid("\(name): start \(range.start) is not in range [\(lower)-\(upper)]")
                }
                // An end of 0 means "same as start".
                guard range.end == 0 || (range.end >= range.start && range.end <= upper) else {
                    throw invalid("\(name): end \(range.end) is before start \(range.start) or not in range [\(lower)-\(upper)]")
                }
                guard range.step >= 0 else { throw invalid("\(name): step \(range.step) is negative") }
            }
        }
        guard calendar.comment.utf8.count <= 200 else {
            throw invalid("\(field).comment is longer than 200 bytes")
        }
    }

    static func validate(_ interval: Temporal_Api_Schedule_V1_IntervalSpec, field: String) throws(TernError) {
        guard isValid(interval.interval) else { throw invalid("\(field).interval is not a valid duration") }
        guard isValid(interval.phase) else { throw invalid("\(field).phase is not a valid duration") }
        let every = interval.interval, phase = interval.phase
        guard every.seconds >= 1 else {
            throw invalid("\(field).interval must be at least 1s, got \(describe(every))")
        }
        guard phase.seconds >= 0, phase.nanos >= 0 else {
            throw invalid("\(field).phase must not be negative, got \(describe(phase))")
        }
        guard (phase.seconds, phase.nanos) < (every.seconds, every.nanos) else {
            throw invalid("\(field).phase \(describe(phase)) must be less than interval \(describe(every))")
        }
    }

    /// protobuf's Duration rules: within ±10,000 years, nanos below a second with the seconds' sign.
    static func isValid(_ duration: Google_Protobuf_Duration) -> Bool {
        let (seconds, nanos) = (duration.seconds, duration.nanos)
        return abs(seconds) <= 315_576_000_000 && abs(nanos) < 1_000_000_000
            && !(seconds > 0 && nanos < 0) && !(seconds < 0 && nanos > 0)
    }

    /// protobuf's Timestamp rules: years 1 to 9999, nanos within the second.
    static func isValid(_ timestamp: Google_Protobuf_Timestamp) -> Bool {
        timestamp.seconds >= -62_135_596_800 && timestamp.seconds <= 253_402_300_799
            && timestamp.nanos >= 0 && timestamp.nanos < 1_000_000_000
    }

    static func describe(_ duration: Google_Protobuf_Duration) -> String {
        duration.nanos == 0 ? "\(duration.seconds)s" : "\(Double(duration.seconds) + Double(duration.nanos) / 1e9)s"
    }

    static func cleaned(
        _ calendar: Temporal_Api_Schedule_V1_StructuredCalendarSpec
    ) -> Temporal_Api_Schedule_V1_StructuredCalendarSpec {
        func clean(_ ranges: [Temporal_Api_Schedule_V1_Range]) -> [Temporal_Api_Schedule_V1_Range] {
            ranges.map { range in
                var range = range
                if range.end < range.start { range.end = range.start }
                if range.step == 0 { range.step = 1 }
                return range
            }
        }
        var result = calendar
        result.second = clean(calendar.second)
        result.minute = clean(calendar.minute)
        result.hour = clean(calendar.hour)
        result.dayOfMonth = clean(calendar.dayOfMonth)
        result.month = clean(calendar.month)
        result.year = clean(calendar.year)
        result.dayOfWeek = clean(calendar.dayOfWeek)
        return result
    }
}

// MARK: - Calendar strings

/// One field of a `CalendarSpec` and Temporal's syntax for it: `*`, `x`, `x-z`, `x-z/y`, `x/y`
/// (x to the maximum) and `*/y`, comma-separated; month names (three letters or more of the full
/// name) and weekday names (two letters or more), any case; weekday 7 is Sunday.
enum CalendarField: Sendable {
    case second, minute, hour, dayOfMonth, month, year, dayOfWeek

    var protoName: String {
        switch self {
        case .second: "second"
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day_of_month"
        case .month: "month"
        case .year: "year"
        case .dayOfWeek: "day_of_week"
        }
    }

    var bounds: (Int, Int) {
        switch self {
        case .second, .minute: (0, 59)
        case .hour: (0, 23)
        case .dayOfMonth: (1, 31)
        case .month: (1, 12)
        case .year: (CompiledScheduleSpec.minYear, CompiledScheduleSpec.maxYear)
        case .dayOfWeek: (0, 7)
        }
    }

    /// What an empty string means: midnight (second, minute, hour 0) of every day.
    var defaultText: String {
        switch self {
        case .second, .minute, .hour: "0"
        default: "*"
        }
    }

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                             "september", "october", "november", "december"]
    static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    func ranges(_ input: String, in owner: String) throws(TernError) -> [Temporal_Api_Schedule_V1_Range] {
        var text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { text = defaultText }
        // Temporal writes "every year" as no ranges at all.
        if self == .year && text == "*" { return [] }
        func fail(_ problem: String) -> TernError {
            CompiledScheduleSpec.invalid("\(owner).\(protoName) \"\(input)\": \(problem)")
        }
        let (lower, upper) = bounds
        var ranges: [Temporal_Api_Schedule_V1_Range] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw fail("too many slashes in \"\(item)\"") }
            var step = 1
            if parts.count == 2 {
                guard let value = Self.number(parts[1]), value >= 1 else {
                    throw fail("step \"\(parts[1])\" must be a positive number")
                }
                step = value
            }
            var (start, end) = (lower, upper)
            if parts[0] != "*" {
                let bounds = parts[0].split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2 else { throw fail("too many dashes in \"\(item)\"") }
                guard let first = value(bounds[0]) else { throw fail("\"\(bounds[0])\" is not \(expected)") }
                guard first >= lower, first <= upper else { throw fail("\(first) is not in range [\(lower)-\(upper)]") }
                start = first
                if bounds.count == 2 {
                    guard let last = value(bounds[1]) else { throw fail("\"\(bounds[1])\" is not \(expected)") }
                    guard last >= start, last <= upper else {
                        throw fail("range end \(last) is before its start \(start) or not in range [\(lower)-\(upper)]")
                    }
                    end = last
                } else if parts.count == 1 {
                    end = start
                }
                // Otherwise `x/y` runs from x to the maximum.
            }
            // Weekday 7 is Sunday. Temporal turns 1-7 into 1-6 (losing Sunday); this keeps it.
            if self == .dayOfWeek && end == 7 {
                if (7 - start) % step == 0 {
                    if step == 1 && start <= 1 {
                        start = 0
                    } else {
                        ranges.append(Self.range(0, 0, 1))
                        if start == 7 { continue }
                    }
                }
                end = 6
            }
            ranges.append(Self.range(start, end, step))
        }
        return ranges
    }

    /// Temporal's compact encoding: end 0 when it equals start, step 0 when it is 1.
    static func range(_ start: Int, _ end: Int, _ step: Int) -> Temporal_Api_Schedule_V1_Range {
        var range = Temporal_Api_Schedule_V1_Range()
        range.start = Int32(start)
        range.end = start == end ? 0 : Int32(end)
        range.step = step == 1 ? 0 : Int32(clamping: step)
        return range
    }

    var expected: String {
        switch self {
        case .month: "a number or a month name"
        case .dayOfWeek: "a number or a weekday name"
        default: "a number"
        }
    }

    func value(_ text: Substring) -> Int? {
        let lowered = text.lowercased()
        if self == .month, lowered.count >= 3, let index = Self.monthNames.firstIndex(where: { $0.hasPrefix(lowered) }) {
            return index + 1
        }
        if self == .dayOfWeek, lowered.count >= 2,
           let index = Self.weekdayNames.firstIndex(where: { $0.hasPrefix(lowered) }) {
            return index
        }
        return Self.number(text)
    }

    /// Decimal digits only; values too long for Int are out of every range anyway.
    static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text) ?? Int.max
    }
}

// MARK: - Cron strings

/// A `cron_string` entry as Temporal converts it: an optional `CRON_TZ=zone` or `TZ=zone` prefix,
/// an optional `# comment`, then `@every <duration>[/<phase>]` (durations as Go's, plus `d` for 24h),
/// a descriptor (`@yearly @annually @monthly @weekly @daily @midnight @hourly`), or 5 to 7 fields:
/// `minute hour day-of-month month day-of-week`, then `year`, with `second` first when there are 7.
/// Fields use the calendar string syntax (`?` is taken as `*`). Unlike classic cron, day-of-month
/// and day-of-week must both match.
struct CronStringSpec {
    enum Rule {
        case calendar(Temporal_Api_Schedule_V1_StructuredCalendarSpec)
        case interval(Temporal_Api_Schedule_V1_IntervalSpec)
    }

    /// "" when the string names no zone (always for `@every`, as in Temporal).
    var zoneName = ""
    var rule: Rule

    init(parsing input: String, field: String) throws(TernError) {
        func fail(_ problem: String) -> TernError {
            CompiledScheduleSpec.invalid("\(field) \"\(input)\": \(problem)")
        }
        var text = Substring(input.trimmingCharacters(in: .whitespacesAndNewlines))
        var zone = ""
        if text.hasPrefix("TZ=") || text.hasPrefix("CRON_TZ=") {
            guard let space = text.firstIndex(of: " ") else { throw fail("has a time zone but no fields") }
            zone = String(text[..<space].drop(while: { $0 != "=" }).dropFirst())
            text = text[space...]
        }
        var comment = ""
        if let hash = text.firstIndex(of: "#") {
            comment = text[text.index(after: hash)...].trimmingCharacters(in: .whitespacesAndNewlines)
            text = text[..<hash]
        }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)

        if body.hasPrefix("@every") {
            let argument = body.dropFirst("@every".count)
            guard argument.first?.isWhitespace == true else { throw fail("@every needs a duration, like \"@every 1h\"") }
            let parts = argument.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "/", maxSplits: 1,
                                                                            omittingEmptySubsequences: false)
            var interval = Temporal_Api_Schedule_V1_IntervalSpec()
            guard let every = Self.duration(parts[0]) else {
                throw fail("\"\(parts[0])\" is not a duration like 90m, 1h30m or 2d")
            }
            interval.interval = every
            if parts.count == 2 {
                guard let phase = Self.duration(parts[1]) else {
                    throw fail("phase \"\(parts[1])\" is not a duration like 90m, 1h30m or 2d")
                }
                interval.phase = phase
            }
            rule = .interval(interval)
            return
        }

        let expanded = CronSchedule.descriptors[body] ?? body
        let words = expanded.split(whereSeparator: \.isWhitespace).map { $0 == "?" ? "*" : String($0) }
        var calendar = Temporal_Api_Schedule_V1_CalendarSpec()
        calendar.comment = comment
        switch words.count {
        case 5, 6:
            (calendar.minute, calendar.hour, calendar.dayOfMonth, calendar.month, calendar.dayOfWeek) =
                (words[0], words[1], words[2], words[3], words[4])
            if words.count == 6 { calendar.year = words[5] }
        case 7:
            (calendar.second, calendar.minute, calendar.hour, calendar.dayOfMonth, calendar.month) =
                (words[0], words[1], words[2], words[3], words[4])
            (calendar.dayOfWeek, calendar.year) = (words[5], words[6])
        default:
            throw fail("expected 5 to 7 fields ([second] minute hour day-of-month month day-of-week [year]), found \(words.count)")
        }
        zoneName = zone
        rule = .calendar(try CompiledScheduleSpec.structured(calendar, field: field))
    }

    /// Temporal's `timestamp.ParseDuration`: Go's `time.ParseDuration` plus `d` for 24 hours.
    static func duration(_ text: Substring) -> Google_Protobuf_Duration? {
        var goText = ""
        var index = text.startIndex
        let isNumeric = { (c: Character) in c.isASCII && (c.isNumber || c == ".") }
        while index < text.endIndex {
            guard isNumeric(text[index]) else {
                goText.append(text[index])
                index = text.index(after: index)
                continue
            }
            let numberEnd = text[index...].firstIndex(where: { !isNumeric($0) }) ?? text.endIndex
            let number = text[index..<numberEnd]
            if numberEnd < text.endIndex, text[numberEnd] == "d", let days = Double(number) {
                goText += String(format: "%fh", days * 24)
                index = text.index(after: numberEnd)
            } else {
                goText += number
                index = numberEnd
            }
        }
        guard let nanoseconds = GoDuration.nanoseconds(Substring(goText)) else { return nil }
        var duration = Google_Protobuf_Duration()
        duration.seconds = nanoseconds / 1_000_000_000
        duration.nanos = Int32(nanoseconds % 1_000_000_000)
        return duration
    }
}
