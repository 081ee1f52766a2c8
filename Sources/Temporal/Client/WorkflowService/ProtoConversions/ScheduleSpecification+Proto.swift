import Foundation
import SwiftProtobuf

extension ScheduleSpecification {
    /// The wire form of the specification.
    var wireValue: Api.Schedule.V1.ScheduleSpec {
        .with {
            $0.structuredCalendar = calendars.map(\.wireValue)
            $0.interval = intervals.map(\.wireValue)
            $0.cronString = _cronExpressions
            $0.excludeStructuredCalendar = skip.map(\.wireValue)
            if let startAt { $0.startTime = Google_Protobuf_Timestamp(date: startAt) }
            if let endAt { $0.endTime = Google_Protobuf_Timestamp(date: endAt) }
            if let jitter { $0.jitter = Google_Protobuf_Duration(duration: jitter) }
            if let timeZoneName { $0.timezoneName = timeZoneName }
        }
    }

    /// A specification read from the server (which turns cron strings into calendars).
    init(wire: Api.Schedule.V1.ScheduleSpec) {
        self.init(
            calendars: wire.structuredCalendar.map(ScheduleCalendarSpecification.init(wire:)),
            intervals: wire.interval.map(ScheduleIntervalSpecification.init(wire:)),
            skip: wire.excludeStructuredCalendar.map(ScheduleCalendarSpecification.init(wire:)),
            startAt: wire.hasStartTime ? wire.startTime.date : nil,
            endAt: wire.hasEndTime ? wire.endTime.date : nil,
            jitter: wire.hasJitter ? Duration(protobufDuration: wire.jitter) : nil,
            timeZoneName: wire.timezoneName.isEmpty ? nil : wire.timezoneName)
        _cronExpressions = wire.cronString
    }
}

extension ScheduleCalendarSpecification {
    var wireValue: Api.Schedule.V1.StructuredCalendarSpec {
        .with {
            $0.second = second.map(\.wireValue)
            $0.minute = minute.map(\.wireValue)
            $0.hour = hour.map(\.wireValue)
            $0.dayOfMonth = dayOfMonth.map(\.wireValue)
            $0.month = month.map(\.wireValue)
            $0.year = year.map(\.wireValue)
            $0.dayOfWeek = dayOfWeek.map(\.wireValue)
            $0.comment = comment ?? ""
        }
    }

    init(wire: Api.Schedule.V1.StructuredCalendarSpec) {
        self.init(
            second: wire.second.map(ScheduleRange.init(wire:)),
            minute: wire.minute.map(ScheduleRange.init(wire:)),
            hour: wire.hour.map(ScheduleRange.init(wire:)),
            dayOfMonth: wire.dayOfMonth.map(ScheduleRange.init(wire:)),
            month: wire.month.map(ScheduleRange.init(wire:)),
            year: wire.year.map(ScheduleRange.init(wire:)),
            dayOfWeek: wire.dayOfWeek.map(ScheduleRange.init(wire:)),
            comment: wire.comment.isEmpty ? nil : wire.comment)
    }
}

extension ScheduleRange {
    var wireValue: Api.Schedule.V1.Range {
        .with {
            $0.start = Int32(clamping: start)
            $0.end = Int32(clamping: end)
            $0.step = Int32(clamping: step)
        }
    }

    init(wire: Api.Schedule.V1.Range) {
        self.init(wireStart: Int(wire.start), end: Int(wire.end), step: Int(wire.step))
    }
}

extension ScheduleIntervalSpecification {
    var wireValue: Api.Schedule.V1.IntervalSpec {
        .with {
            $0.interval = Google_Protobuf_Duration(duration: every)
            if let offset { $0.phase = Google_Protobuf_Duration(duration: offset) }
        }
    }

    init(wire: Api.Schedule.V1.IntervalSpec) {
        self.init(
            every: Duration(protobufDuration: wire.interval),
            offset: wire.hasPhase ? Duration(protobufDuration: wire.phase) : nil)
    }
}
