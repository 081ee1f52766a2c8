import Foundation
import SwiftProtobuf
import Testing
import TernAPI
@testable import TernCore

@Suite("ScheduleSpec")
struct ScheduleSpecTests {
    typealias Spec = Temporal_Api_Schedule_V1_ScheduleSpec
    typealias Calendar = Temporal_Api_Schedule_V1_CalendarSpec
    typealias Structured = Temporal_Api_Schedule_V1_StructuredCalendarSpec
    typealias Range = Temporal_Api_Schedule_V1_Range

    static func date(_ iso: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        if iso.contains(".") { formatter.formatOptions.insert(.withFractionalSeconds) }
        return try #require(formatter.date(from: iso), "bad test date \(iso)")
    }

    static func duration(_ seconds: Int64, nanos: Int32 = 0) -> Google_Protobuf_Duration {
        var duration = Google_Protobuf_Duration()
        duration.seconds = seconds
        duration.nanos = nanos
        return duration
    }

    static func timestamp(_ iso: String) throws -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(date: try date(iso))
    }

    static func interval(_ every: Int64, phase: Int64 = 0) -> Temporal_Api_Schedule_V1_IntervalSpec {
        var interval = Temporal_Api_Schedule_V1_IntervalSpec()
        interval.interval = duration(every)
        if phase != 0 { interval.phase = duration(phase) }
        return interval
    }

    static func calendar(
        second: String = "", minute: String = "", hour: String = "", dayOfMonth: String = "",
        month: String = "", year: String = "", dayOfWeek: String = "", comment: String = ""
    ) -> Calendar {
        var calendar = Calendar()
        (calendar.second, calendar.minute, calendar.hour) = (second, minute, hour)
        (calendar.dayOfMonth, calendar.month, calendar.year) = (dayOfMonth, month, year)
        (calendar.dayOfWeek, calendar.comment) = (dayOfWeek, comment)
        return calendar
    }

    static func range(_ start: Int32, _ end: Int32 = 0, step: Int32 = 0) -> Range {
        var range = Range()
        (range.start, range.end, range.step) = (start, end, step)
        return range
    }

    /// A structured calendar: every field given, so any left out here means "all" for the test.
    static func structured(
        second: [Range] = [ScheduleSpecTests.range(0)], minute: [Range] = [ScheduleSpecTests.range(0)],
        hour: [Range] = [ScheduleSpecTests.range(0)], dayOfMonth: [Range] = [ScheduleSpecTests.range(1, 31)],
        month: [Range] = [ScheduleSpecTests.range(1, 12)], year: [Range] = [],
        dayOfWeek: [Range] = [ScheduleSpecTests.range(0, 6)]
    ) -> Structured {
        var calendar = Structured()
        (calendar.second, calendar.minute, calendar.hour) = (second, minute, hour)
        (calendar.dayOfMonth, calendar.month, calendar.year, calendar.dayOfWeek) = (dayOfMonth, month, year, dayOfWeek)
        return calendar
    }

    /// The next `count` nominal times after `after`, written in `zone` so DST offsets show.
    static func times(_ spec: Spec, after: String, count: Int = 3, zone: String = "UTC") throws -> [String] {
        let compiled = try CompiledScheduleSpec(spec)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: zone)
        var cursor = try date(after)
        var result: [String] = []
        for _ in 0..<count {
            guard let next = compiled.nextTime(after: cursor) else {
                result.append("nil")
                break
            }
            result.append(formatter.string(from: next))
            cursor = next
        }
        return result
    }

    static func message(_ spec: Spec) -> String? {
        do {
            _ = try CompiledScheduleSpec(spec)
            return nil
        } catch {
            #expect(error.code == .invalidArgument)
            return error.message
        }
    }

    // MARK: Intervals

    @Test func intervalWithoutPhaseIsAlignedToTheEpoch() throws {
        var spec = Spec()
        spec.interval = [Self.interval(90 * 60)]
        #expect(try Self.times(spec, after: "2026-01-01T00:00:00Z") ==
            ["2026-01-01T01:30:00Z", "2026-01-01T03:00:00Z", "2026-01-01T04:30:00Z"])
        // Strictly after: a fraction of a second past a match skips it.
        #expect(try Self.times(spec, after: "2025-12-31T22:29:59.5Z", count: 1) == ["2025-12-31T22:30:00Z"])
    }

    @Test func intervalWithPhase() throws {
        var spec = Spec()
        spec.interval = [Self.interval(90 * 60, phase: 15 * 60)]
        #expect(try Self.times(spec, after: "2026-01-01T00:00:00Z") ==
            ["2026-01-01T00:15:00Z", "2026-01-01T01:45:00Z", "2026-01-01T03:15:00Z"])
        #expect(try Self.times(spec, after: "2026-01-01T00:15:00Z", count: 1) == ["2026-01-01T01:45:00Z"])
        // Daily at 09:00 UTC; several specs combine to the earliest.
        spec.interval = [Self.interval(86400, phase: 9 * 3600), Self.interval(86400, phase: 21 * 3600)]
        #expect(try Self.times(spec, after: "2026-01-01T10:00:00Z") ==
            ["2026-01-01T21:00:00Z", "2026-01-02T09:00:00Z", "2026-01-02T21:00:00Z"])
    }

    // MARK: Calendars

    @Test func weekdayBusinessHoursInNewYorkAcrossDST() throws {
        var spec = Spec()
        spec.calendar = [Self.calendar(minute: "*/5", hour: "9-17", dayOfWeek: "MON-fri")]
        spec.timezoneName = "America/New_York"
        // Spring forward (Sunday 2026-03-08): Friday's last slot in EST, Monday's first in EDT.
        #expect(try Self.times(spec, after: "2026-03-06T17:50:00-05:00", zone: "America/New_York") ==
            ["2026-03-06T17:55:00-05:00", "2026-03-09T09:00:00-04:00", "2026-03-09T09:05:00-04:00"])
        // Fall back (Sunday 2026-11-01).
        #expect(try Self.times(spec, after: "2026-10-30T17:55:00-04:00", count: 2, zone: "America/New_York") ==
            ["2026-11-02T09:00:00-05:00", "2026-11-02T09:05:00-05:00"])
        #expect(try Self.times(spec, after: "2026-11-02T14:00:00Z", count: 1) == ["2026-11-02T14:05:00Z"])
    }

    @Test func skippedWallTimesDoNotFireAndRepeatedOnesFireTwice() throws {
        var spec = Spec()
        spec.timezoneName = "America/New_York"
        spec.calendar = [Self.calendar(minute: "30", hour: "2")]
        #expect(try Self.times(spec, after: "2026-03-07T03:00:00-05:00", count: 1, zone: "America/New_York") ==
            ["2026-03-09T02:30:00-04:00"])
        spec.calendar = [Self.calendar(minute: "30", hour: "1")]
        #expect(try Self.times(spec, after: "2026-10-31T12:00:00-04:00", zone: "America/New_York") ==
            ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-02T01:30:00-05:00"])
    }

    @Test func structuredCalendarWithRangesAndSteps() throws {
        var spec = Spec()
        spec.structuredCalendar = [Self.structured(
            minute: [Self.range(10, 40, step: 15)], hour: [Self.range(8), Self.range(20, 22, step: 2)])]
        #expect(try Self.times(spec, after: "2026-01-01T00:00:00Z", count: 7) == [
            "2026-01-01T08:10:00Z", "2026-01-01T08:25:00Z", "2026-01-01T08:40:00Z", "2026-01-01T20:10:00Z",
            "2026-01-01T20:25:00Z", "2026-01-01T20:40:00Z", "2026-01-01T22:10:00Z",
        ])
        // Monday, Wednesday and Friday of December 2026 only, at 12:00:30.
        spec.structuredCalendar = [Self.structured(
            second: [Self.range(30)], hour: [Self.range(12)], month: [Self.range(12)], year: [Self.range(2026)],
            dayOfWeek: [Self.range(1, 5, step: 2)])]
        #expect(try Self.times(spec, after: "2026-11-30T00:00:00Z") ==
            ["2026-12-02T12:00:30Z", "2026-12-04T12:00:30Z", "2026-12-07T12:00:30Z"])
        #expect(try Self.times(spec, after: "2026-12-29T00:00:00Z") == ["2026-12-30T12:00:30Z", "nil"])
    }

    @Test func emptyStructuredFieldMatchesNothing() throws {
        var spec = Spec()
        spec.structuredCalendar = [Self.structured(second: [])]
        let compiled = try CompiledScheduleSpec(spec)
        #expect(compiled.nextTime(after: try Self.date("2026-01-01T00:00:00Z")) == nil)
    }

    @Test func impossibleDatesGiveNilQuickly() throws {
        var spec = Spec()
        spec.cronString = ["0 0 30 2 *"]
        spec.timezoneName = "Europe/London"
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try Self.times(spec, after: "2026-01-01T00:00:00Z") == ["nil"])
        #expect(clock.now - started < .seconds(2))
    }

    @Test func nothingMatchesAfter2100() throws {
        var spec = Spec()
        spec.interval = [Self.interval(3600)]
        #expect(try Self.times(spec, after: "2100-12-31T22:30:00Z") == ["2100-12-31T23:00:00Z", "nil"])
    }

    /// The search agrees with checking every second, around both of New York's 2026 transitions.
    @Test(arguments: ["2026-03-08T00:00:00-05:00", "2026-11-01T00:00:00-04:00"])
    func searchAgreesWithBruteForceAcrossDST(_ dayStart: String) throws {
        var spec = Spec()
        spec.timezoneName = "America/New_York"
        spec.calendar = [Self.calendar(second: "*/20", minute: "*/7", hour: "0-3,23")]
        spec.excludeCalendar = [Self.calendar(second: "*", minute: "14-20", hour: "1")]
        let compiled = try CompiledScheduleSpec(spec)
        let start = Int64(try Self.date(dayStart).timeIntervalSince1970)
        var expected: [Int64] = []
        for second in start..<(start + 86400) where compiled.calendars[0].matches(second)
            && !compiled.excludes[0].matches(second) {
            expected.append(second)
        }
        var found: [Int64] = []
        var cursor = Date(timeIntervalSince1970: Double(start - 1))
        while let next = compiled.nextTime(after: cursor), next.timeIntervalSince1970 < Double(start + 86400) {
            found.append(Int64(next.timeIntervalSince1970))
            cursor = next
        }
        #expect(found == expected)
        #expect(found.count > 100)
    }

    // MARK: Cron strings

    @Test(arguments: [
        // 2026-01-01 is a Thursday.
        ("0 12 * * MON-FRI", "2026-01-01T13:00:00Z", ["2026-01-02T12:00:00Z", "2026-01-05T12:00:00Z", "2026-01-06T12:00:00Z"]),
        // Unlike classic cron, day-of-month AND day-of-week: Friday the 13th.
        ("0 0 13 * FRI", "2026-01-01T00:00:00Z", ["2026-02-13T00:00:00Z", "2026-03-13T00:00:00Z", "2026-11-13T00:00:00Z"]),
        // Six fields end with a year; seven start with a second.
        ("0 0 1 1 * 2028", "2026-01-01T00:00:00Z", ["2028-01-01T00:00:00Z", "nil"]),
        ("15 30 9 1 * * 2027", "2026-06-01T00:00:00Z", ["2027-01-01T09:30:15Z", "2027-02-01T09:30:15Z", "2027-03-01T09:30:15Z"]),
        ("CRON_TZ=America/New_York 30 9 * * *", "2026-01-01T00:00:00Z", ["2026-01-01T14:30:00Z", "2026-01-02T14:30:00Z", "2026-01-03T14:30:00Z"]),
        ("TZ=Asia/Tokyo 0 0 * * ? # midnight in Tokyo", "2026-01-01T00:00:00Z", ["2026-01-01T15:00:00Z", "2026-01-02T15:00:00Z", "2026-01-03T15:00:00Z"]),
        ("@daily", "2026-01-01T00:00:00Z", ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"]),
        ("@hourly", "2026-01-01T00:30:00Z", ["2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T03:00:00Z"]),
        ("@every 5m/1m", "2026-01-01T00:00:00Z", ["2026-01-01T00:01:00Z", "2026-01-01T00:06:00Z", "2026-01-01T00:11:00Z"]),
        ("@every 1d12h", "2026-01-01T00:00:00Z", ["2026-01-02T12:00:00Z", "2026-01-04T00:00:00Z", "2026-01-05T12:00:00Z"]),
    ])
    func cronStrings(_ cron: String, _ after: String, _ expected: [String]) throws {
        var spec = Spec()
        spec.cronString = [cron]
        #expect(try Self.times(spec, after: after) == expected)
    }

    // MARK: Exclusions and bounds

    @Test func exclusionsSkipMatchingTimes() throws {
        var spec = Spec()
        spec.calendar = [Self.calendar(hour: "*")]
        spec.excludeCalendar = [Self.calendar(second: "*", minute: "*", hour: "12-13")]
        #expect(try Self.times(spec, after: "2026-01-01T11:30:00Z") ==
            ["2026-01-01T14:00:00Z", "2026-01-01T15:00:00Z", "2026-01-01T16:00:00Z"])
        // Defaults make an exclusion calendar match midnight only.
        spec.excludeCalendar = [Self.calendar(dayOfMonth: "2")]
        #expect(try Self.times(spec, after: "2026-01-01T22:30:00Z") ==
            ["2026-01-01T23:00:00Z", "2026-01-02T01:00:00Z", "2026-01-02T02:00:00Z"])
    }

    @Test func denseScheduleSkipsWholeExcludedWeekends() throws {
        var spec = Spec()
        spec.interval = [Self.interval(1)]
        spec.excludeStructuredCalendar = [Self.structured(
            second: [Self.range(0, 59)], minute: [Self.range(0, 59)], hour: [Self.range(0, 23)],
            dayOfWeek: [Self.range(0), Self.range(6)])]
        // 2026-01-02 is a Friday.
        #expect(try Self.times(spec, after: "2026-01-02T23:59:58Z") ==
            ["2026-01-02T23:59:59Z", "2026-01-05T00:00:00Z", "2026-01-05T00:00:01Z"])
    }

    @Test func startAndEndBoundNominalTimes() throws {
        var spec = Spec()
        spec.interval = [Self.interval(3600)]
        spec.startTime = try Self.timestamp("2026-01-01T05:00:00Z")
        spec.endTime = try Self.timestamp("2026-01-01T07:00:00Z")
        // The start itself matches; the end is inclusive.
        #expect(try Self.times(spec, after: "2025-06-01T00:00:00Z", count: 4) ==
            ["2026-01-01T05:00:00Z", "2026-01-01T06:00:00Z", "2026-01-01T07:00:00Z", "nil"])
        spec.startTime = try Self.timestamp("2026-01-01T05:00:00.500Z")
        #expect(try Self.times(spec, after: "2025-06-01T00:00:00Z", count: 1) == ["2026-01-01T06:00:00Z"])
    }

    // MARK: Jitter

    @Test func jitterIsDeterministicAndWithinBounds() throws {
        var spec = Spec()
        spec.interval = [Self.interval(3600)]
        spec.jitter = Self.duration(600)
        let compiled = try CompiledScheduleSpec(spec)
        let base = try Self.date("2026-01-01T00:00:00Z")
        var offsets = Set<Double>()
        for hour in 0..<50 {
            let nominal = base.addingTimeInterval(Double(hour) * 3600)
            for seed in ["a", "schedule-1"] {
                let jittered = compiled.jittered(nominal, seed: seed)
                let offset = jittered.timeIntervalSince(nominal)
                #expect(offset >= 0 && offset < 600)
                #expect(compiled.jittered(nominal, seed: seed) == jittered)
                offsets.insert(offset)
            }
        }
        // Spread out rather than constant.
        #expect(offsets.count > 90)
        #expect(offsets.contains { $0 < 300 } && offsets.contains { $0 >= 300 })
    }

    @Test func jitterStaysBelowTheGapToTheNextTime() throws {
        var spec = Spec()
        spec.interval = [Self.interval(60)]
        spec.jitter = Self.duration(3600)
        let compiled = try CompiledScheduleSpec(spec)
        let base = try Self.date("2026-01-01T00:00:00Z")
        var largest = 0.0
        for minute in 0..<200 {
            let nominal = base.addingTimeInterval(Double(minute) * 60)
            let offset = compiled.jittered(nominal, seed: "s").timeIntervalSince(nominal)
            #expect(offset >= 0 && offset < 60)
            largest = max(largest, offset)
        }
        #expect(largest > 30)
        // No jitter configured: the nominal time itself.
        spec.jitter = Self.duration(0)
        #expect(try CompiledScheduleSpec(spec).jittered(base, seed: "s") == base)
    }

    // MARK: Matching times

    @Test func matchingTimesHonorsRangeAndLimit() throws {
        var spec = Spec()
        spec.interval = [Self.interval(3600)]
        let compiled = try CompiledScheduleSpec(spec)
        let from = try Self.date("2026-01-01T00:00:00Z"), to = try Self.date("2026-01-01T10:00:00Z")
        let limited = compiled.matchingTimes(from: from, to: to, limit: 3)
        #expect(limited == [1, 2, 3].map { from.addingTimeInterval(Double($0) * 3600) })
        // The end is inclusive.
        #expect(compiled.matchingTimes(from: from, to: to, limit: 100).count == 10)
        #expect(compiled.matchingTimes(from: from, to: to, limit: 0).isEmpty)

        spec.jitter = Self.duration(60)
        let jittered = try CompiledScheduleSpec(spec).matchingTimes(from: from, to: to, limit: 100, jitterSeed: "x")
        #expect(jittered.count == 9 || jittered.count == 10)
        for (index, time) in jittered.enumerated() {
            let nominal = from.addingTimeInterval(Double(index + 1) * 3600)
            #expect(time >= nominal && time < nominal.addingTimeInterval(60))
        }
    }

    // MARK: Canonical form

    @Test func canonicalFormOfCronStrings() throws {
        var spec = Spec()
        // As in Temporal, all cron strings must name the same zone (or none; @every never does).
        spec.cronString = ["CRON_TZ=America/New_York 0 9-17/2 * * mon-fri # work", "TZ=America/New_York @hourly"]
        #expect(try CompiledScheduleSpec.canonical(spec).structuredCalendar.count == 2)
        spec.cronString = ["CRON_TZ=America/New_York 0 9-17/2 * * mon-fri # work"]
        var canonical = try CompiledScheduleSpec.canonical(spec)
        #expect(canonical.cronString.isEmpty)
        #expect(canonical.timezoneName == "America/New_York")
        var expected = Self.structured(
            second: [Self.range(0, 0, step: 1)], minute: [Self.range(0, 0, step: 1)],
            hour: [Self.range(9, 17, step: 2)], dayOfMonth: [Self.range(1, 31, step: 1)],
            month: [Self.range(1, 12, step: 1)], dayOfWeek: [Self.range(1, 5, step: 1)])
        expected.comment = "work"
        #expect(canonical.structuredCalendar == [expected])
        #expect(canonical.interval.isEmpty)
        // Canonicalizing again changes nothing.
        #expect(try CompiledScheduleSpec.canonical(canonical) == canonical)

        spec.cronString = ["@every 90m/15m", "@daily"]
        canonical = try CompiledScheduleSpec.canonical(spec)
        #expect(canonical.interval == [Self.interval(5400, phase: 900)])
        #expect(canonical.structuredCalendar.count == 1 && canonical.timezoneName.isEmpty)
    }

    @Test func canonicalFormOfCalendars() throws {
        var spec = Spec()
        spec.calendar = [Self.calendar(
            minute: "*/15", hour: "9", month: "jan-Mar,12", year: "2026-2027", dayOfWeek: "sat,SUNDAY", comment: "c")]
        spec.excludeCalendar = [Self.calendar(dayOfWeek: "5-7"), Self.calendar(dayOfWeek: "1-7")]
        spec.interval = [Self.interval(3600)]
        let canonical = try CompiledScheduleSpec.canonical(spec)
        #expect(canonical.calendar.isEmpty && canonical.excludeCalendar.isEmpty)
        var expected = Self.structured(
            second: [Self.range(0, 0, step: 1)], minute: [Self.range(0, 59, step: 15)],
            hour: [Self.range(9, 9, step: 1)], dayOfMonth: [Self.range(1, 31, step: 1)],
            month: [Self.range(1, 3, step: 1), Self.range(12, 12, step: 1)], year: [Self.range(2026, 2027, step: 1)],
            dayOfWeek: [Self.range(6, 6, step: 1), Self.range(0, 0, step: 1)])
        expected.comment = "c"
        #expect(canonical.structuredCalendar == [expected])
        // Weekday 7 is Sunday.
        #expect(canonical.excludeStructuredCalendar.map(\.dayOfWeek) ==
            [[Self.range(0, 0, step: 1), Self.range(5, 6, step: 1)], [Self.range(0, 6, step: 1)]])
        #expect(canonical.excludeStructuredCalendar[0].year.isEmpty)
        #expect(canonical.interval == [Self.interval(3600)])
        #expect(try CompiledScheduleSpec.canonical(canonical) == canonical)
    }

    // MARK: Validation

    @Test func validationErrorsNameTheField() throws {
        func spec(_ build: (inout Spec) throws -> Void) rethrows -> Spec {
            var spec = Spec()
            try build(&spec)
            return spec
        }
        let cases: [(Spec, String)] = try [
            (spec { $0.interval = [Self.interval(0)] }, "interval[0].interval must be at least 1s"),
            (spec { $0.interval = [Self.interval(60, phase: 60)] }, "interval[0].phase 60s must be less than interval 60s"),
            (spec { $0.interval = [Self.interval(60, phase: -1)] }, "interval[0].phase must not be negative"),
            (spec { $0.timezoneName = "Mars/Olympus_Mons" }, "unknown timezone_name \"Mars/Olympus_Mons\""),
            (spec { $0.cronString = ["CRON_TZ=Mars/Olympus_Mons 0 * * * *"] }, "unknown timezone_name \"Mars/Olympus_Mons\""),
            (spec { $0.cronString = ["0 0 * *"] }, "cron_string[0] \"0 0 * *\": expected 5 to 7 fields"),
            (spec { $0.cronString = ["@every 5 minutes"] }, "cron_string[0] \"@every 5 minutes\": \"5 minutes\" is not a duration"),
            (spec { $0.cronString = ["61 * * * *"] }, "cron_string[0].minute \"61\": 61 is not in range [0-59]"),
            (spec { $0.cronString = ["@weekly", "CRON_TZ=Europe/Paris @daily"] }, "cron_string[1] \"CRON_TZ=Europe/Paris @daily\": its time zone conflicts"),
            (spec { $0.cronString = ["CRON_TZ=Europe/Paris @daily"]; $0.timezoneName = "UTC" }, "conflicts with timezone_name \"UTC\""),
            (spec { $0.calendar = [Self.calendar(hour: "25")] }, "calendar[0].hour \"25\": 25 is not in range [0-23]"),
            (spec { $0.calendar = [Self.calendar(minute: "*/0")] }, "calendar[0].minute \"*/0\": step \"0\" must be a positive number"),
            (spec { $0.calendar = [Self.calendar(month: "foo")] }, "calendar[0].month \"foo\": \"foo\" is not a number or a month name"),
            (spec { $0.calendar = [Self.calendar(dayOfMonth: "20-10")] }, "calendar[0].day_of_month \"20-10\": range end 10 is before its start 20"),
            (spec { $0.calendar = [Self.calendar(year: "1999")] }, "calendar[0].year \"1999\": 1999 is not in range [2000-2100]"),
            (spec { $0.excludeCalendar = [Self.calendar(second: "1/2/3")] }, "exclude_calendar[0].second \"1/2/3\": too many slashes"),
            (spec { $0.structuredCalendar = [Self.structured(hour: [Self.range(24)])] }, "structured_calendar[0].hour[0]: start 24 is not in range [0-23]"),
            (spec { $0.structuredCalendar = [Self.structured(minute: [Self.range(10, 5)])] }, "structured_calendar[0].minute[0]: end 5 is before start 10"),
            (spec { $0.excludeStructuredCalendar = [Self.structured(dayOfWeek: [Self.range(7)])] }, "exclude_structured_calendar[0].day_of_week[0]: start 7 is not in range [0-6]"),
            (spec { $0.structuredCalendar = [Self.structured(second: [Self.range(0, 59, step: -1)])] }, "structured_calendar[0].second[0]: step -1 is negative"),
            (spec {
                $0.startTime = try Self.timestamp("2026-02-01T00:00:00Z")
                $0.endTime = try Self.timestamp("2026-01-01T00:00:00Z")
            }, "end_time is before start_time"),
        ]
        for (spec, expected) in cases {
            let message = try #require(Self.message(spec), "accepted, expected \(expected)")
            #expect(message.hasPrefix("Invalid schedule spec: "))
            #expect(message.contains(expected), "\(message)")
        }
    }

    @Test func validSpecsCompile() throws {
        var spec = Spec()
        spec.calendar = [Self.calendar(second: "*", minute: "0-59/1", hour: "*/6", dayOfMonth: "1,15",
                                       month: "september-DEC", year: "2026/2", dayOfWeek: "tu-th")]
        spec.cronString = ["CRON_TZ=Europe/Paris 0 0 * * *"]
        spec.timezoneName = "Europe/Paris"
        spec.interval = [Self.interval(60, phase: 59)]
        spec.jitter = Self.duration(-5)
        let compiled = try CompiledScheduleSpec(spec)
        #expect(compiled.timeZone.identifier == "Europe/Paris")
        #expect(compiled.jitterMilliseconds == 0)
    }
}
