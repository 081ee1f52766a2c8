import Foundation

/// A cron expression as Temporal's `cron_schedule` accepts it (robfig/cron's standard parser with
/// descriptors), and the arithmetic for its next firing time.
///
/// Accepted: five fields `minute hour day-of-month month day-of-week`; `*` and `?`; lists, ranges,
/// steps (`*/n`, `a-b/n`, and `a/n` meaning `a-max/n`); `JAN`-`DEC` and `SUN`-`SAT` in any case;
/// the descriptors `@yearly @annually @monthly @weekly @daily @midnight @hourly @every <duration>`;
/// and an optional `CRON_TZ=<zone>` or `TZ=<zone>` prefix. Without a prefix the zone is UTC, as
/// Temporal evaluates schedules on UTC times.
///
/// Deliberate differences from robfig, all on inputs it handles badly: day-of-week `7` is Sunday
/// (robfig rejects it; Temporal's schedule specs accept it), empty list items (`1,,2`) and `*-5`
/// are rejected rather than silently ignored, and `@every` below one second is rejected rather
/// than rounded up to one second.
public struct CronSchedule: Sendable, Equatable {
    /// The zone whose wall clock the fields are matched against.
    public let timeZone: TimeZone
    let rule: Rule

    enum Rule: Sendable, Equatable {
        case calendar(Fields)
        /// Whole seconds; robfig drops any fraction of a second.
        case every(seconds: Int64)
    }

    /// The matching values of each field as bit sets (bit n set means value n matches).
    struct Fields: Sendable, Equatable {
        var minutes: BitSet
        var hours: BitSet
        var daysOfMonth: BitSet
        var months: BitSet
        var daysOfWeek: BitSet
        /// Whether day-of-month / day-of-week contained an unstepped `*` or `?`. Cron's day rule
        /// depends on it: when neither is a star, a day matches if EITHER field matches.
        var daysOfMonthIsStar: Bool
        var daysOfWeekIsStar: Bool

        func dayMatches(day: Int, weekday: Int) -> Bool {
            let dom = daysOfMonth.contains(day)
            let dow = daysOfWeek.contains(weekday)
            return daysOfMonthIsStar || daysOfWeekIsStar ? dom && dow : dom || dow
        }
    }

    struct BitSet: Sendable, Equatable {
        var bits: UInt64 = 0

        func contains(_ value: Int) -> Bool { value >= 0 && value < 64 && bits & (1 << UInt64(value)) != 0 }

        /// The smallest member not below `value`.
        func first(atLeast value: Int) -> Int? {
            guard value < 64 else { return nil }
            let masked = bits & (UInt64.max << UInt64(max(0, value)))
            return masked == 0 ? nil : masked.trailingZeroBitCount
        }

        mutating func insert(from start: Int, through end: Int, step: Int) {
            for value in stride(from: start, through: end, by: step) { bits |= 1 << UInt64(value) }
        }
    }

    // MARK: - Parsing

    public init(parsing text: String) throws(TernError) {
        var rest = Substring(text).drop(while: \.isWhitespace)
        var zone = TimeZone(identifier: "UTC") ?? .gmt
        if let prefix = ["CRON_TZ=", "TZ="].first(where: { rest.hasPrefix($0) }) {
            let afterPrefix = rest.dropFirst(prefix.count)
            guard let end = afterPrefix.firstIndex(where: \.isWhitespace) else {
                throw Self.invalid("\(prefix) must be followed by a zone and a schedule")
            }
            let identifier = String(afterPrefix[..<end])
            guard !identifier.isEmpty, let named = TimeZone(identifier: identifier) else {
                throw Self.invalid("unknown time zone \"\(identifier)\"")
            }
            zone = named
            rest = afterPrefix[end...]
        }
        timeZone = zone
        var words = rest.split(whereSeparator: \.isWhitespace)
        guard let first = words.first else { throw Self.invalid("empty expression") }
        if first == "@every" {
            rule = try Self.every(words.dropFirst())
            return
        }
        if first.hasPrefix("@") {
            // Descriptors are case-sensitive, as in robfig.
            guard let expansion = Self.descriptors[String(first)] else {
                throw Self.invalid("unknown descriptor \"\(first)\"")
            }
            guard words.count == 1 else { throw Self.invalid("\(first) takes no arguments") }
            words = expansion.split(separator: " ")
        }
        guard words.count == 5 else {
            throw Self.invalid("expected exactly 5 fields (minute hour day-of-month month day-of-week), found \(words.count) in \"\(text)\"")
        }
        let minutes = try Self.field(words[0], .minute)
        let hours = try Self.field(words[1], .hour)
        let daysOfMonth = try Self.field(words[2], .dayOfMonth)
        let months = try Self.field(words[3], .month)
        let daysOfWeek = try Self.field(words[4], .dayOfWeek)
        rule = .calendar(Fields(
            minutes: minutes.set, hours: hours.set, daysOfMonth: daysOfMonth.set, months: months.set,
            daysOfWeek: daysOfWeek.set, daysOfMonthIsStar: daysOfMonth.isStar, daysOfWeekIsStar: daysOfWeek.isStar))
    }

    static let descriptors = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    static func invalid(_ problem: String) -> TernError {
        .invalidArgument("Invalid CronSchedule: \(problem)")
    }

    static func every(_ arguments: ArraySlice<Substring>) throws(TernError) -> Rule {
        guard arguments.count == 1, let text = arguments.first else {
            throw invalid("@every takes exactly one duration, like \"@every 1h30m\"")
        }
        guard let nanoseconds = GoDuration.nanoseconds(text) else {
            throw invalid("@every duration \"\(text)\" is not a duration like 1h30m, 10s or 500ms")
        }
        guard nanoseconds >= 1_000_000_000 else {
            throw invalid("@every duration \"\(text)\" is shorter than the minimum of 1s")
        }
        return .every(seconds: nanoseconds / 1_000_000_000)
    }

    enum FieldKind {
        case minute, hour, dayOfMonth, month, dayOfWeek

        var name: String {
            switch self {
            case .minute: "minute"
            case .hour: "hour"
            case .dayOfMonth: "day-of-month"
            case .month: "month"
            case .dayOfWeek: "day-of-week"
            }
        }

        /// The range `*` and `a/n` cover. Day-of-week stops at 6 so `7` only ever adds Sunday.
        var bounds: (min: Int, max: Int) {
            switch self {
            case .minute: (0, 59)
            case .hour: (0, 23)
            case .dayOfMonth: (1, 31)
            case .month: (1, 12)
            case .dayOfWeek: (0, 6)
            }
        }

        /// The largest value written explicitly: day-of-week also takes 7 for Sunday.
        var explicitMax: Int { self == .dayOfWeek ? 7 : bounds.max }

        var names: [String] {
            switch self {
            case .month: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            case .dayOfWeek: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
            default: []
            }
        }

        /// Value of the first name in `names`.
        var firstNameValue: Int { self == .month ? 1 : 0 }
    }

    static func field(_ text: Substring, _ kind: FieldKind) throws(TernError) -> (set: BitSet, isStar: Bool) {
        func fail(_ problem: String) -> TernError {
            invalid("\(kind.name) field \"\(text)\": \(problem)")
        }
        var set = BitSet()
        var isStar = false
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw fail("empty list item") }
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw fail("too many slashes in \"\(item)\"") }
            let bounds = parts[0].split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2 else { throw fail("too many hyphens in \"\(item)\"") }
            var start: Int, end: Int
            let star = parts[0] == "*" || parts[0] == "?"
            if star {
                (start, end) = kind.bounds
            } else {
                guard !bounds.contains(where: \.isEmpty) else { throw fail("missing number in \"\(item)\"") }
                guard !bounds.contains(where: { $0 == "*" || $0 == "?" }) else {
                    throw fail("\"*\" cannot be part of a range in \"\(item)\"")
                }
                start = try value(bounds[0], kind, fail)
                end = start
                if bounds.count == 2 { end = try value(bounds[1], kind, fail) }
            }
            var step = 1
            if parts.count == 2 {
                let digits = parts[1]
                guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                      let n = Int(digits) ?? (digits.count > 18 ? 64 : nil), n > 0 else {
                    throw fail("step \"\(digits)\" must be a positive number")
                }
                step = min(n, 64)
                // robfig: "a/n" means "a-max/n".
                if !star && bounds.count == 1 { end = Swift.max(start, kind.bounds.max) }
            }
            guard start <= end else { throw fail("range start \(start) is beyond range end \(end)") }
            // A star still counts as a star with step 1 (`*/1`), as in robfig.
            if star && step == 1 { isStar = true }
            // Day-of-week 7 is Sunday, so a stride reaching 7 also selects 0.
            if kind == .dayOfWeek && end == 7 {
                if (7 - start) % step == 0 { set.insert(from: 0, through: 0, step: 1) }
                end = 6
                if start == 7 { continue }
            }
            set.insert(from: start, through: end, step: step)
        }
        return (set, isStar)
    }

    static func value(
        _ text: Substring, _ kind: FieldKind, _ fail: (String) -> TernError
    ) throws(TernError) -> Int {
        if let index = kind.names.firstIndex(of: text.lowercased()) { return index + kind.firstNameValue }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            if kind.names.isEmpty { throw fail("\"\(text)\" is not a number") }
            throw fail("\"\(text)\" is not a number or a \(kind == .month ? "month (JAN-DEC)" : "weekday (SUN-SAT)") name")
        }
        let (lower, upper) = (kind.bounds.min, kind.explicitMax)
        // Digits beyond Int's range are certainly above the maximum.
        let number = Int(text) ?? Int.max
        guard number >= lower else { throw fail("value \(number) is below the minimum \(lower)") }
        guard number <= upper else { throw fail("value \(text) is above the maximum \(upper)") }
        return number
    }

    // MARK: - Next time

    /// The first firing time strictly after `date`.
    ///
    /// Field schedules fire at whole minutes of the zone's wall clock and return nil when nothing
    /// matches before the end of the fifth year after `date` (e.g. `0 0 30 2 *`). A firing time is
    /// an instant whose wall clock matches, so across DST (matching robfig): a wall time skipped by
    /// spring-forward does not fire that day, and one repeated by fall-back fires at both instants.
    ///
    /// `@every d` fires at the multiples of d since the Unix epoch, ignoring the zone. robfig instead
    /// adds d to the previous run's start; epoch alignment keeps this a function of `date` alone
    /// and matches Temporal schedules' interval specs.
    public func nextTime(after date: Date) -> Date? {
        let after = date.timeIntervalSince1970
        guard after.isFinite else { return nil }
        switch rule {
        case .every(let seconds):
            let interval = Double(seconds)
            var next = ((after / interval).rounded(.down) + 1) * interval
            if next <= after { next += interval }  // guards floating-point rounding
            return Date(timeIntervalSince1970: next)
        case .calendar(let fields):
            return Self.nextCalendarTime(fields, zone: timeZone, after: date)
        }
    }

    /// Walks the zone's constant-offset stretches between transitions: inside one, wall-clock minutes
    /// map one-to-one onto instants, so plain calendar arithmetic finds the match exactly.
    static func nextCalendarTime(_ fields: Fields, zone: TimeZone, after date: Date) -> Date? {
        let after = date.timeIntervalSince1970
        var offset = Double(zone.secondsFromGMT(for: date))
        // Wall-clock minutes since 1970-01-01T00:00, the first candidate strictly after `date`.
        var from = Int64(((after + offset) / 60).rounded(.down)) + 1
        let startYear = Civil.date(fromDays: Civil.floorDiv(from, 1440)).year
        let limit = Civil.days(year: startYear + 6, month: 1, day: 1) * 1440
        var stretchStart = date
        while from < limit {
            let transition = zone.nextDaylightSavingTimeTransition(after: stretchStart)
                .flatMap { $0 > stretchStart ? $0 : nil }
            var below = limit
            if let transition {
                below = min(limit, Int64(((transition.timeIntervalSince1970 + offset) / 60).rounded(.up)))
            }
            if from < below, let minute = firstMatch(fields, from: from, below: below) {
                return Date(timeIntervalSince1970: Double(minute) * 60 - offset)
            }
            guard let transition else { return nil }
            stretchStart = transition
            offset = Double(zone.secondsFromGMT(for: transition))
            from = Int64(((transition.timeIntervalSince1970 + offset) / 60).rounded(.up))
        }
        return nil
    }

    /// The first matching wall-clock minute in `from..<below`, skipping whole months, days and hours
    /// that cannot match.
    static func firstMatch(_ fields: Fields, from: Int64, below: Int64) -> Int64? {
        var days = Civil.floorDiv(from, 1440)
        var (year, month, day) = Civil.date(fromDays: days)
        var hour = Int(from - days * 1440) / 60
        var minute = Int(from - days * 1440) % 60

        func startOfDay(_ newDays: Int64) {
            days = newDays
            (year, month, day) = Civil.date(fromDays: days)
            hour = 0
            minute = 0
        }

        while days * 1440 + Int64(hour * 60 + minute) < below {
            if !fields.months.contains(month) {
                if let next = fields.months.first(atLeast: month + 1) {
                    startOfDay(Civil.days(year: year, month: next, day: 1))
                } else {
                    startOfDay(Civil.days(year: year + 1, month: fields.months.first(atLeast: 1) ?? 1, day: 1))
                }
                continue
            }
            if !fields.dayMatches(day: day, weekday: Civil.weekday(days)) {
                startOfDay(days + 1)
                continue
            }
            if !fields.hours.contains(hour) {
                if let next = fields.hours.first(atLeast: hour + 1), next < 24 {
                    hour = next
                    minute = 0
                } else {
                    startOfDay(days + 1)
                }
                continue
            }
            if !fields.minutes.contains(minute) {
                if let next = fields.minutes.first(atLeast: minute + 1), next < 60 {
                    minute = next
                } else if hour < 23 {
                    hour += 1
                    minute = 0
                } else {
                    startOfDay(days + 1)
                }
                continue
            }
            return days * 1440 + Int64(hour * 60 + minute)
        }
        return nil
    }
}

/// Proleptic Gregorian calendar arithmetic on days since 1970-01-01 (Howard Hinnant's algorithms),
/// exact and free of any zone.
enum Civil {
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return a % b < 0 ? q - 1 : q
    }

    static func date(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), Int(month), Int(day))
    }

    static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// 0 is Sunday; 1970-01-01 was a Thursday.
    static func weekday(_ days: Int64) -> Int {
        Int((days % 7 + 11) % 7)
    }
}

/// Go's `time.ParseDuration`, which `@every` takes: signed sequences of decimal numbers with units
/// `ns us µs ms s m h`, e.g. `1h30m`, `1.5s`, `500ms`; a bare `0` is allowed.
enum GoDuration {
    static func nanoseconds(_ text: Substring) -> Int64? {
        var rest = text
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        let units: [(String, Int64)] = [
            ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000),
            ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
        ]
        var total: Int64 = 0
        while !rest.isEmpty {
            let whole = rest.prefix(while: { $0.isASCII && $0.isNumber })
            rest = rest.dropFirst(whole.count)
            var fraction: Substring = ""
            if rest.first == "." {
                rest = rest.dropFirst()
                fraction = rest.prefix(while: { $0.isASCII && $0.isNumber })
                rest = rest.dropFirst(fraction.count)
            }
            guard !whole.isEmpty || !fraction.isEmpty else { return nil }
            let unitText = rest.prefix(while: { !($0.isASCII && ($0.isNumber || $0 == ".")) })
            guard let unit = units.first(where: { $0.0 == unitText })?.1 else { return nil }
            rest = rest.dropFirst(unitText.count)
            guard let wholeValue = whole.isEmpty ? 0 : Int64(whole) else { return nil }
            // Past 18 digits a fraction changes nothing at nanosecond precision.
            let fractionValue = fraction.isEmpty ? 0 : Double("0." + fraction.prefix(18)) ?? 0
            let (scaled, overflow1) = wholeValue.multipliedReportingOverflow(by: unit)
            let (term, overflow2) = scaled.addingReportingOverflow(Int64(fractionValue * Double(unit)))
            let (sum, overflow3) = total.addingReportingOverflow(term)
            guard !overflow1, !overflow2, !overflow3 else { return nil }
            total = sum
        }
        return negative ? -total : total
    }
}
