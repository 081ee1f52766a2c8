import Foundation
import SwiftProtobuf

extension SchedulePolicy {
    var wireValue: Api.Schedule.V1.SchedulePolicies {
        .with {
            $0.overlapPolicy = overlap.wireValue
            $0.catchupWindow = Google_Protobuf_Duration(duration: catchupWindow)
            $0.pauseOnFailure = pauseOnFailure
        }
    }

    /// A policy read from the server; values it leaves unset keep this type's defaults.
    init(wire: Api.Schedule.V1.SchedulePolicies) {
        self.init()
        if let overlap = ScheduleOverlapPolicy(wire: wire.overlapPolicy) { self.overlap = overlap }
        if wire.hasCatchupWindow { catchupWindow = Duration(protobufDuration: wire.catchupWindow) }
        pauseOnFailure = wire.pauseOnFailure
    }
}

extension ScheduleOverlapPolicy {
    var wireValue: Api.Enums.V1.ScheduleOverlapPolicy {
        switch self {
        case .skip: .skip
        case .bufferOne: .bufferOne
        case .bufferAll: .bufferAll
        case .cancelOther: .cancelOther
        case .terminateOther: .terminateOther
        case .allowAll: .allowAll
        }
    }

    /// The policy a wire value names; `nil` for unspecified or unknown values.
    init?(wire: Api.Enums.V1.ScheduleOverlapPolicy) {
        switch wire {
        case .skip: self = .skip
        case .bufferOne: self = .bufferOne
        case .bufferAll: self = .bufferAll
        case .cancelOther: self = .cancelOther
        case .terminateOther: self = .terminateOther
        case .allowAll: self = .allowAll
        default: return nil
        }
    }
}

extension ScheduleState {
    var wireValue: Api.Schedule.V1.ScheduleState {
        .with {
            $0.notes = note ?? ""
            $0.paused = paused
            $0.limitedActions = limitedActions
            $0.remainingActions = Int64(remainingActions)
        }
    }

    init(wire: Api.Schedule.V1.ScheduleState) {
        self.init(
            note: wire.notes.isEmpty ? nil : wire.notes, paused: wire.paused, limitedActions: wire.limitedActions,
            remainingActions: Int(wire.remainingActions))
    }
}

extension ScheduleBackfill {
    var wireValue: Api.Schedule.V1.BackfillRequest {
        .with {
            $0.startTime = Google_Protobuf_Timestamp(date: startAt)
            $0.endTime = Google_Protobuf_Timestamp(date: endAt)
            if let overlap { $0.overlapPolicy = overlap.wireValue }
        }
    }
}
