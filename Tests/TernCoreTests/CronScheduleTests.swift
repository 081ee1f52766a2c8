import Foundation
import Testing
@testable import TernCore

@Suite("CronSchedule")
struct CronScheduleTests {
    static func date(_ iso: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: iso), "bad test date \(iso)")
    }

    /// The next `count` firing times after `after`, written in the schedule's own zone so DST
    /// offsets show in the expectations.
    static func times(_ expression: String, after: String, count: Int = 3) throws -> [String] {
        let schedule = try CronSchedule(parsing: expression)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = schedule.timeZone
        var cursor = try date(after)
        var result: [String] = []
        for _ in 0..<count {
            guard let next = schedule.nextTime(after: cursor) else {
                result.append("nil")
                break
            }
            result.append(formatter.string(from: next))
            cursor = next
        }
        return result
    }

    // MARK: Syntax

    @Test(arguments: [
        // Every minute; strictly after, at second 0.
        ("* * * * *", "2026-01-01T00:00:30Z", ["2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z", "2026-01-01T00:03:00Z"]),
        ("* * * * *", "2026-01-01T00:01:00Z", ["2026-01-01T00:02:00Z", "2026-01-01T00:03:00Z", "2026-01-01T00:04:00Z"]),
        ("? ? ? ? ?", "2026-01-01T00:00:00Z", ["2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z", "2026-01-01T00:03:00Z"]),
        // Lists, ranges, steps.
        ("5,35 * * * *", "2026-01-01T00:00:00Z", ["2026-01-01T00:05:00Z", "2026-01-01T00:35:00Z", "2026-01-01T01:05:00Z"]),
        ("58-59 23 * * *", "2026-01-01T00:00:00Z", ["2026-01-01T23:58:00Z", "2026-01-01T23:59:00Z", "2026-01-02T23:58:00Z"]),
        ("*/20 * * * *", "2026-01-01T00:00:00Z", ["2026-01-01T00:20:00Z", "2026-01-01T00:40:00Z", "2026-01-01T01:00:00Z"]),
        ("10-40/15 * * * *", "2026-01-01T00:00:00Z", ["2026-01-01T00:10:00Z", "2026-01-01T00:25:00Z", "2026-01-01T00:40:00Z"]),
        ("10-40/15 * * * *", "2026-01-01T00:40:00Z", ["2026-01-01T01:10:00Z"]),
        ("50/4 * * * *", "2026-01-01T00:00:00Z", ["2026-01-01T00:50:00Z", "2026-01-01T00:54:00Z", "2026-01-01T00:58:00Z"]),
        ("0 */8 * * *", "2026-01-01T00:00:00Z", ["2026-01-01T08:00:00Z", "2026-01-01T16:00:00Z", "2026-01-02T00:00:00Z"]),
        ("0 0,12 1,15 * *", "2026-01-01T00:00:00Z", ["2026-01-01T12:00:00Z", "2026-01-15T00:00:00Z", "2026-01-15T12:00:00Z"]),
        // Names, any case, alone, in lists and in ranges.
        ("0 0 1 JAN,jul *", "2026-01-01T00:00:00Z", ["2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z", "2027-07-01T00:00:00Z"]),
        ("0 0 1 Nov-Dec *", "2026-01-01T00:00:00Z", ["2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "2027-11-01T00:00:00Z"]),
        ("0 0 1 */5 *", "2026-01-01T00:00:00Z", ["2026-06-01T00:00:00Z", "2026-11-01T00:00:00Z", "2027-01-01T00:00:00Z"]),
        // 2026-01-02 is a Friday.
        ("0 12 * * MON-fri", "2026-01-02T13:00:00Z", ["2026-01-05T12:00:00Z", "2026-01-06T12:00:00Z", "2026-01-07T12:00:00Z"]),
        ("0 12 * * sat,Sun", "2026-01-02T13:00:00Z", ["2026-01-03T12:00:00Z", "2026-01-04T12:00:00Z", "2026-01-10T12:00:00Z"]),
        ("0 0 * * 7", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z", "2026-01-18T00:00:00Z"]),
        ("0 0 * * 5-7", "2026-01-01T00:00:00Z", ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"]),
        // 4-7/2 is Thursday and Saturday: the stride stops at 6 and never reaches 7.
        ("0 0 * * 4-7/2", "2026-01-01T00:00:00Z", ["2026-01-03T00:00:00Z", "2026-01-08T00:00:00Z", "2026-01-10T00:00:00Z"]),
        // Descriptors.
        ("@yearly", "2026-03-01T00:00:00Z", ["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "2029-01-01T00:00:00Z"]),
        ("@annually", "2026-03-01T00:00:00Z", ["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "2029-01-01T00:00:00Z"]),
        ("@monthly", "2026-01-01T00:00:00Z", ["2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"]),
        ("@weekly", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z", "2026-01-18T00:00:00Z"]),
        ("@daily", "2026-01-01T00:00:00Z", ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"]),
        ("@midnight", "2026-01-01T23:59:59Z", ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"]),
        ("@hourly", "2026-01-01T00:00:00Z", ["2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T03:00:00Z"]),
        // Extra whitespace anywhere is fine.
        ("  0   12 * *   *  ", "2026-01-01T00:00:00Z", ["2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z", "2026-01-03T12:00:00Z"]),
    ])
    func firesAt(_ example: (String, String, [String])) throws {
        let (expression, after, expected) = example
        #expect(try Self.times(expression, after: after, count: expected.count) == expected)
    }

    @Test(arguments: [
        ("@yearly", "0 0 1 1 *"),
        ("@annually", "@yearly"),
        ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"),
        ("@daily", "0 0 * * *"),
        ("@midnight", "@daily"),
        ("@hourly", "0 * * * *"),
        ("? ? ? ? ?", "* * * * *"),
        ("*/1 * * * *", "* * * * *"),
        ("0 0 * * 7", "0 0 * * SUN"),
        ("0 0 * * 0", "0 0 * * sun"),
        ("0 0 * * 6-7", "0 0 * * 0,6"),
        ("0 0 * * 7/2", "0 0 * * 0"),
        ("0 0 * Feb *", "0 0 * 2 *"),
        ("0 0 * * 1/2", "0 0 * * 1,3,5"),
        ("@every 1.5h", "@every 90m"),
        ("@every 1500ms", "@every 1s"),
        ("TZ=Asia/Tokyo @daily", "CRON_TZ=Asia/Tokyo 0 0 * * *"),
        ("CRON_TZ=UTC * * * * *", "* * * * *"),
    ])
    func spellingsOfTheSameSchedule(_ a: String, _ b: String) throws {
        #expect(try CronSchedule(parsing: a) == CronSchedule(parsing: b))
    }

    @Test func differentSchedulesAreNotEqual() throws {
        #expect(try CronSchedule(parsing: "0 0 * * *") != CronSchedule(parsing: "0 0 * * 0"))
        // A stepped star restricts the field, which changes the day rule.
        #expect(try CronSchedule(parsing: "0 0 */1 * 5") != CronSchedule(parsing: "0 0 1-31 * 5"))
        #expect(try CronSchedule(parsing: "CRON_TZ=Asia/Tokyo @daily") != CronSchedule(parsing: "@daily"))
    }

    // MARK: Invalid input

    @Test(arguments: [
        ("", "empty expression"),
        ("   ", "empty expression"),
        ("* * * *", "expected exactly 5 fields (minute hour day-of-month month day-of-week), found 4 in \"* * * *\""),
        ("0 * * * * *", "expected exactly 5 fields (minute hour day-of-month month day-of-week), found 6 in \"0 * * * * *\""),
        ("60 * * * *", "minute field \"60\": value 60 is above the maximum 59"),
        ("* 24 * * *", "hour field \"24\": value 24 is above the maximum 23"),
        ("* * 0 * *", "day-of-month field \"0\": value 0 is below the minimum 1"),
        ("* * 1-32 * *", "day-of-month field \"1-32\": value 32 is above the maximum 31"),
        ("* * * 0 *", "month field \"0\": value 0 is below the minimum 1"),
        ("* * * 13 *", "month field \"13\": value 13 is above the maximum 12"),
        ("* * * * 8", "day-of-week field \"8\": value 8 is above the maximum 7"),
        ("99999999999999999999 * * * *", "minute field \"99999999999999999999\": value 99999999999999999999 is above the maximum 59"),
        ("*/0 * * * *", "minute field \"*/0\": step \"0\" must be a positive number"),
        ("*/-1 * * * *", "minute field \"*/-1\": step \"-1\" must be a positive number"),
        ("1/ * * * *", "minute field \"1/\": step \"\" must be a positive number"),
        ("*/x * * * *", "minute field \"*/x\": step \"x\" must be a positive number"),
        ("*/2/3 * * * *", "minute field \"*/2/3\": too many slashes in \"*/2/3\""),
        ("1-2-3 * * * *", "minute field \"1-2-3\": too many hyphens in \"1-2-3\""),
        ("-1 * * * *", "minute field \"-1\": missing number in \"-1\""),
        ("1- * * * *", "minute field \"1-\": missing number in \"1-\""),
        ("30-10 * * * *", "minute field \"30-10\": range start 30 is beyond range end 10"),
        ("* * * * SAT-SUN", "day-of-week field \"SAT-SUN\": range start 6 is beyond range end 0"),
        ("*-5 * * * *", "minute field \"*-5\": \"*\" cannot be part of a range in \"*-5\""),
        ("1,,2 * * * *", "minute field \"1,,2\": empty list item"),
        ("1, * * * *", "minute field \"1,\": empty list item"),
        ("a * * * *", "minute field \"a\": \"a\" is not a number"),
        ("* * * FOO *", "month field \"FOO\": \"FOO\" is not a number or a month (JAN-DEC) name"),
        ("* * * JANUARY *", "month field \"JANUARY\": \"JANUARY\" is not a number or a month (JAN-DEC) name"),
        ("* * * * MONDAY", "day-of-week field \"MONDAY\": \"MONDAY\" is not a number or a weekday (SUN-SAT) name"),
        ("* * MON * *", "day-of-month field \"MON\": \"MON\" is not a number"),
        ("* * * * L", "day-of-week field \"L\": \"L\" is not a number or a weekday (SUN-SAT) name"),
        ("TZ=Mars/Olympus * * * * *", "unknown time zone \"Mars/Olympus\""),
        ("CRON_TZ= * * * * *", "unknown time zone \"\""),
        ("CRON_TZ=UTC", "CRON_TZ= must be followed by a zone and a schedule"),
        ("CRON_TZ=UTC   ", "empty expression"),
        ("@every 0s", "@every duration \"0s\" is shorter than the minimum of 1s"),
        ("@every 0", "@every duration \"0\" is shorter than the minimum of 1s"),
        ("@every 500ms", "@every duration \"500ms\" is shorter than the minimum of 1s"),
        ("@every -1h", "@every duration \"-1h\" is shorter than the minimum of 1s"),
        ("@every 10", "@every duration \"10\" is not a duration like 1h30m, 10s or 500ms"),
        ("@every 1d", "@every duration \"1d\" is not a duration like 1h30m, 10s or 500ms"),
        ("@every h", "@every duration \"h\" is not a duration like 1h30m, 10s or 500ms"),
        ("@every 99999999999h", "@every duration \"99999999999h\" is not a duration like 1h30m, 10s or 500ms"),
        ("@every", "@every takes exactly one duration, like \"@every 1h30m\""),
        ("@every 1h 30m", "@every takes exactly one duration, like \"@every 1h30m\""),
        ("@daily 0", "@daily takes no arguments"),
        ("@fortnightly", "unknown descriptor \"@fortnightly\""),
        ("@Daily", "unknown descriptor \"@Daily\""),
    ])
    func rejects(expression: String, problem: String) {
        #expect(throws: TernError.invalidArgument("Invalid CronSchedule: \(problem)")) {
            try CronSchedule(parsing: expression)
        }
    }

    // MARK: Day-of-month and day-of-week

    /// 2026-01-01 is a Thursday; Fridays are the 2nd, 9th, 16th, ...
    @Test(arguments: [
        // Both restricted: EITHER matches (the 13th, a Tuesday, and every Friday).
        ("0 0 13 * FRI", ["2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-13T00:00:00Z", "2026-01-16T00:00:00Z"]),
        // One side a star: only the other side restricts.
        ("0 0 13 * *", ["2026-01-13T00:00:00Z", "2026-02-13T00:00:00Z", "2026-03-13T00:00:00Z", "2026-04-13T00:00:00Z"]),
        ("0 0 * * FRI", ["2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-16T00:00:00Z", "2026-01-23T00:00:00Z"]),
        ("0 0 ? * FRI", ["2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-16T00:00:00Z", "2026-01-23T00:00:00Z"]),
        // `*/1` is still a star, so both must match: Fridays only.
        ("0 0 */1 * FRI", ["2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-16T00:00:00Z", "2026-01-23T00:00:00Z"]),
        // `1-31` covers every day but is not a star: EITHER rule, so every day.
        ("0 0 1-31 * FRI", ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z"]),
        // A stepped star restricts too: odd days or Fridays.
        ("0 0 */2 * FRI", ["2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-01-05T00:00:00Z", "2026-01-07T00:00:00Z"]),
        // The month still restricts both: Fridays in February or February 10th (a Tuesday).
        ("0 0 10 FEB FRI", ["2026-02-06T00:00:00Z", "2026-02-10T00:00:00Z", "2026-02-13T00:00:00Z", "2026-02-20T00:00:00Z"]),
    ])
    func dayOfMonthAndDayOfWeek(expression: String, expected: [String]) throws {
        #expect(try Self.times(expression, after: "2026-01-01T00:00:00Z", count: expected.count) == expected)
    }

    // MARK: Calendar edges

    @Test func february29thWaitsForALeapYear() throws {
        #expect(try Self.times("0 0 29 2 *", after: "2026-01-01T00:00:00Z") ==
            ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z"])
        // 2100 is not a leap year and 2104 is beyond the five-year horizon.
        #expect(try Self.times("0 0 29 2 *", after: "2097-03-01T00:00:00Z") == ["nil"])
    }

    @Test(arguments: ["0 0 30 2 *", "0 0 31 4,6,9,11 *", "* * 31 FEB *"])
    func daysThatNeverExistGiveNil(expression: String) throws {
        #expect(try CronSchedule(parsing: expression).nextTime(after: Self.date("2026-01-01T00:00:00Z")) == nil)
    }

    @Test func impossibleSchedulesAreFast() throws {
        // A minute-by-minute walk over five years would take seconds per call.
        let schedule = try CronSchedule(parsing: "CRON_TZ=America/New_York * * 31 2 *")
        let start = try Self.date("2026-01-01T00:00:00Z")
        let elapsed = ContinuousClock().measure {
            for day in 0..<50 { _ = schedule.nextTime(after: start.addingTimeInterval(Double(day) * 86_400)) }
        }
        #expect(elapsed < .seconds(2))
    }

    @Test func monthEndsSkipShortMonths() throws {
        #expect(try Self.times("0 0 31 * *", after: "2026-01-31T00:00:00Z", count: 4) ==
            ["2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z", "2026-08-31T00:00:00Z"])
        #expect(try Self.times("59 23 31 12 *", after: "2026-12-31T23:59:00Z", count: 1) == ["2027-12-31T23:59:00Z"])
        #expect(try Self.times("0 0 1 * *", after: "2026-12-31T23:59:59Z", count: 1) == ["2027-01-01T00:00:00Z"])
    }

    // MARK: Time zones and DST

    @Test func zonePrefixes() throws {
        #expect(try CronSchedule(parsing: "* * * * *").timeZone.secondsFromGMT() == 0)
        #expect(try CronSchedule(parsing: "CRON_TZ=Europe/Paris * * * * *").timeZone.identifier == "Europe/Paris")
        #expect(try CronSchedule(parsing: "TZ=Asia/Tokyo @daily").timeZone.identifier == "Asia/Tokyo")
        // 09:00 in Tokyo (UTC+9, no DST) is midnight UTC.
        #expect(try Self.times("CRON_TZ=Asia/Tokyo 0 9 * * *", after: "2026-01-01T00:00:00Z", count: 1) ==
            ["2026-01-02T09:00:00+09:00"])
        let midnightUTC = try Self.date("2026-01-02T00:00:00Z")
        let tokyo = try CronSchedule(parsing: "CRON_TZ=Asia/Tokyo 0 9 * * *")
        #expect(tokyo.nextTime(after: midnightUTC.addingTimeInterval(-1)) == midnightUTC)
        // Day-of-week is the zone's: Monday 08:00 in Tokyo is Sunday 23:00 UTC.
        let mondayMorning = try Self.date("2026-01-04T23:00:00Z")
        let monday = try CronSchedule(parsing: "TZ=Asia/Tokyo 0 8 * * MON")
        #expect(monday.nextTime(after: mondayMorning.addingTimeInterval(-86_400)) == mondayMorning)
    }

    /// 2026-03-08 02:00 EST jumps to 03:00 EDT. As in robfig, a wall time that does not exist
    /// does not fire that day; the schedule resumes the next day.
    @Test func springForwardSkipsTheMissingWallTime() throws {
        #expect(try Self.times("CRON_TZ=America/New_York 30 2 * * *", after: "2026-03-07T12:00:00Z") ==
            ["2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00", "2026-03-11T02:30:00-04:00"])
        #expect(try Self.times("CRON_TZ=America/New_York 0 * * * *", after: "2026-03-08T05:30:00Z") ==
            ["2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T04:00:00-04:00"])
        // Times on either side of the gap keep their wall clock.
        #expect(try Self.times("CRON_TZ=America/New_York 0 1,3 * * *", after: "2026-03-08T00:00:00Z") ==
            ["2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-09T01:00:00-04:00"])
    }

    /// 2026-11-01 02:00 EDT falls back to 01:00 EST. As in robfig, a repeated wall time fires at
    /// both instants.
    @Test func fallBackFiresTheRepeatedWallTimeTwice() throws {
        #expect(try Self.times("CRON_TZ=America/New_York 30 1 * * *", after: "2026-10-31T12:00:00Z") ==
            ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00", "2026-11-02T01:30:00-05:00"])
        #expect(try Self.times("CRON_TZ=America/New_York 0 * * * *", after: "2026-11-01T03:30:00Z", count: 4) ==
            ["2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00"])
        // Wall times outside the repeated hour fire once.
        #expect(try Self.times("CRON_TZ=America/New_York 0 9 * * *", after: "2026-10-31T12:00:00Z", count: 3) ==
            ["2026-10-31T09:00:00-04:00", "2026-11-01T09:00:00-05:00", "2026-11-02T09:00:00-05:00"])
    }

    /// Lord Howe Island shifts by half an hour: 02:00 +11 falls back to 01:30 +10:30.
    @Test func halfHourShiftsRepeatOnlyTheRepeatedMinutes() throws {
        #expect(try Self.times("CRON_TZ=Australia/Lord_Howe 15,45 1 * * *", after: "2026-04-04T12:00:00Z") ==
            ["2026-04-05T01:15:00+11:00", "2026-04-05T01:45:00+11:00", "2026-04-05T01:45:00+10:30"])
    }

    /// In 2018 São Paulo's midnight of 4 November did not exist (00:00 became 01:00).
    @Test func missingMidnightSkipsTheDay() throws {
        #expect(try Self.times("CRON_TZ=America/Sao_Paulo @daily", after: "2018-11-02T12:00:00Z") ==
            ["2018-11-03T00:00:00-03:00", "2018-11-05T00:00:00-02:00", "2018-11-06T00:00:00-02:00"])
    }

    // MARK: @every

    @Test func everyFiresAtMultiplesOfTheIntervalSinceTheEpoch() throws {
        #expect(try Self.times("@every 1h30m", after: "2026-01-01T00:10:00Z") ==
            ["2026-01-01T01:30:00Z", "2026-01-01T03:00:00Z", "2026-01-01T04:30:00Z"])
        // Strictly after: an instant on a multiple moves to the next one.
        #expect(try Self.times("@every 10s", after: "2026-01-01T00:00:10Z", count: 2) ==
            ["2026-01-01T00:00:20Z", "2026-01-01T00:00:30Z"])
        let sevenMinutes = try CronSchedule(parsing: "@every 7m")
        let start = try Self.date("2026-01-01T00:00:00Z")
        let next = try #require(sevenMinutes.nextTime(after: start))
        #expect(next.timeIntervalSince1970.truncatingRemainder(dividingBy: 420) == 0)
        #expect(next > start && next.timeIntervalSince(start) <= 420)
        // Sub-second instants round the same way.
        let ten = try CronSchedule(parsing: "@every 10s")
        #expect(ten.nextTime(after: start.addingTimeInterval(5.5)) == start.addingTimeInterval(10))
        #expect(ten.nextTime(after: start.addingTimeInterval(9.999)) == start.addingTimeInterval(10))
    }

    @Test func everyIgnoresTheZone() throws {
        let start = try Self.date("2026-03-08T06:59:00Z")
        let plain = try CronSchedule(parsing: "@every 2h")
        let zoned = try CronSchedule(parsing: "CRON_TZ=America/New_York @every 2h")
        #expect(zoned.timeZone.identifier == "America/New_York")
        #expect(plain.nextTime(after: start) == zoned.nextTime(after: start))
        let eightUTC = try Self.date("2026-03-08T08:00:00Z")
        #expect(plain.nextTime(after: start) == eightUTC)
    }

    @Test(arguments: [
        ("@every 1s", 1), ("@every 1m", 60), ("@every 2h45m", 9_900), ("@every 1.5h", 5_400),
        ("@every .5m", 30), ("@every 1h0m0.9s", 3_600), ("@every 1000000us", 1), ("@every 1000000µs", 1),
        ("@every 1000000000ns", 1), ("@every +10s", 10), ("@every 25h", 90_000),
    ])
    func everyAcceptsGoDurations(expression: String, seconds: Int64) throws {
        #expect(try CronSchedule(parsing: expression).rule == .every(seconds: seconds))
    }
}
