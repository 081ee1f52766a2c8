import Foundation
import TernAPI

public typealias TaskQueueVersionSets = Tern_Internal_V1_TaskQueueVersionSets
public typealias BuildIDCompatibilityUpdate = Temporal_Api_Workflowservice_V1_UpdateWorkerBuildIdCompatibilityRequest
public typealias BuildIDCompatibility = Temporal_Api_Workflowservice_V1_GetWorkerBuildIdCompatibilityResponse
public typealias TaskReachability = Temporal_Api_Enums_V1_TaskReachability

/// The deprecated version-set API (UpdateWorkerBuildIdCompatibility and friends), with Temporal's
/// rules and messages: a task queue has a list of compatible sets, oldest first, the last being
/// the queue's default; within a set the last build id is the set's default.
public enum VersionSetRules {
    /// `limit.workerBuildIdSize`, `limit.versionCompatibleSetLimitPerQueue`,
    /// `limit.versionBuildIdLimitPerQueue`: Temporal's defaults.
    public static let maxBuildIDLength = 255
    public static let maxSets = 10
    public static let maxBuildIDs = 100

    public static let disabled = TernError(
        .permissionDenied, "Worker versioning v0.1 (Version Set-based, deprecated) is disabled on this namespace.")

    /// The request's shape, checked before anything is read (Temporal lists every missing field).
    public static func validate(_ request: BuildIDCompatibilityUpdate) throws(TernError) {
        var details = ["request to update worker build ID compatability requires: "]
        func checkLength(_ id: String) {
            if id.utf8.count > maxBuildIDLength {
                details.append(" Worker build IDs to be no larger than \(maxBuildIDLength) characters")
            }
        }
        if request.namespace.isEmpty { details.append("`namespace` to be set") }
        if request.taskQueue.isEmpty { details.append("`task_queue` to be set") }
        switch request.operation {
        case nil:
            details.append("an operation to be specified")
        case .addNewCompatibleBuildID(let add):
            if add.newBuildID.isEmpty { details.append("`add_new_compatible_version` to be set") } else { checkLength(add.newBuildID) }
            if add.existingCompatibleBuildID.isEmpty { details.append("`existing_compatible_version` to be set") }
        case .addNewBuildIDInNewDefaultSet(let id):
            if id.isEmpty { details.append("`add_new_version_id_in_new_default_set` to be set") } else { checkLength(id) }
        case .promoteSetByBuildID(let id):
            if id.isEmpty { details.append("`promote_set_by_version_id` to be set") } else { checkLength(id) }
        case .promoteBuildIDWithinSet(let id):
            if id.isEmpty { details.append("`promote_version_id_within_set` to be set") } else { checkLength(id) }
        case .mergeSets:
            break
        }
        if details.count > 1 { throw .invalidArgument(details.joined(separator: ", ")) }
    }

    /// Where `buildID` is: its set's index and its index within that set.
    public static func find(_ data: TaskQueueVersionSets, _ buildID: String) -> (set: Int, index: Int)? {
        for (s, set) in data.sets.enumerated() {
            if let i = set.buildIds.firstIndex(where: { $0.id == buildID }) { return (s, i) }
        }
        return nil
    }

    /// The sets after `request` (validated), or Temporal's error. Repeating a request that is
    /// already in force changes nothing.
    public static func apply(
        _ request: BuildIDCompatibilityUpdate, to data: TaskQueueVersionSets, now: Date
    ) throws(TernError) -> TaskQueueVersionSets {
        var data = data
        let clock = data.clock + 1
        let target = targetedBuildID(request)
        let found = find(data, target)
        let lastSet = data.sets.count - 1
        func isSetDefault(_ at: (set: Int, index: Int)) -> Bool { at.index == data.sets[at.set].buildIds.count - 1 }

        switch request.operation {
        case .addNewBuildIDInNewDefaultSet:
            if let found, found.set == lastSet, found.index == 0, data.sets[lastSet].buildIds.count == 1 { return data }
            if found != nil { throw .invalidArgument("version \(target) already exists") }
            data.sets.append(.with {
                $0.setIds = [target]
                $0.buildIds = [.with { $0.id = target; $0.becameDefaultClock = clock }]
            })
            makeDefaultSet(&data, data.sets.count - 1, clock: clock, now: now)
        case .addNewCompatibleBuildID(let add):
            guard let compatible = find(data, add.existingCompatibleBuildID) else {
                throw TernError(.notFound, "targeted compatible_version \(add.existingCompatibleBuildID) not found")
            }
            if let found {
                guard found.set == compatible.set else {
                    throw .invalidArgument(
                        "\(target) requested to be made compatible with \(add.existingCompatibleBuildID) but both versions exist and are incompatible")
                }
                if add.makeSetDefault, found.set != lastSet {
                    throw .invalidArgument("version \(target) already exists and is not default for queue")
                }
                if !isSetDefault(found) { throw .invalidArgument("version \(target) already exists and is not default in set") }
                return data
            }
            data.sets[compatible.set].buildIds.append(.with { $0.id = target; $0.becameDefaultClock = clock })
            if add.makeSetDefault { makeDefaultSet(&data, compatible.set, clock: clock, now: now) }
        case .promoteSetByBuildID:
            guard let found else { throw TernError(.notFound, "targeted version \(target) not found") }
            if found.set == lastSet { return data }
            makeDefaultSet(&data, found.set, clock: clock, now: now)
        case .promoteBuildIDWithinSet:
            guard let found else { throw TernError(.notFound, "targeted version \(target) not found") }
            if isSetDefault(found) { return data }
            var ids = data.sets[found.set].buildIds
            var promoted = ids.remove(at: found.index)
            promoted.becameDefaultClock = clock
            ids.append(promoted)
            data.sets[found.set].buildIds = ids
        case .mergeSets(let merge):
            guard let primary = found else { throw TernError(.notFound, "targeted primary version \(target) not found") }
            guard let secondary = find(data, merge.secondarySetBuildID) else {
                throw TernError(.notFound, "targeted secondary version \(merge.secondarySetBuildID) not found")
            }
            if primary.set == secondary.set { return data }
            mergeSets(&data, primary: primary.set, secondary: secondary.set, clock: clock)
        case nil:
            throw .invalidArgument("request to update worker build ID compatability requires: , an operation to be specified")
        }
        data.clock = clock
        data.updateTime = now.timestamp
        try checkLimits(data)
        return data
    }

    static func targetedBuildID(_ request: BuildIDCompatibilityUpdate) -> String {
        switch request.operation {
        case .addNewCompatibleBuildID(let add): add.newBuildID
        case .addNewBuildIDInNewDefaultSet(let id), .promoteSetByBuildID(let id), .promoteBuildIDWithinSet(let id): id
        case .mergeSets(let merge): merge.primarySetBuildID
        case nil: ""
        }
    }

    static func makeDefaultSet(_ data: inout TaskQueueVersionSets, _ index: Int, clock: Int64, now: Date) {
        var set = data.sets.remove(at: index)
        set.becameDefaultClock = clock
        set.becameDefaultTime = now.timestamp
        data.sets.append(set)
    }

    /// One set holding both sets' build ids, ordered by when each became its set's default, with
    /// the primary's default last; it takes the place of whichever set became a default later.
    static func mergeSets(_ data: inout TaskQueueVersionSets, primary: Int, secondary: Int, clock: Int64) {
        let (p, s) = (data.sets[primary], data.sets[secondary])
        var primaryDefault = p.buildIds[p.buildIds.count - 1]
        primaryDefault.becameDefaultClock = clock
        var merged = Tern_Internal_V1_CompatibleBuildIDSet()
        merged.setIds = Array(Set(p.setIds + s.setIds)).sorted()
        let others = (p.buildIds.dropLast() + s.buildIds).filter { $0.id != primaryDefault.id }
        merged.buildIds = others.sorted { $0.becameDefaultClock < $1.becameDefaultClock } + [primaryDefault]
        let later = p.becameDefaultClock >= s.becameDefaultClock ? p : s
        merged.becameDefaultClock = later.becameDefaultClock
        if later.hasBecameDefaultTime { merged.becameDefaultTime = later.becameDefaultTime }
        var sets = data.sets.enumerated().filter { $0.offset != primary && $0.offset != secondary }.map(\.element)
        sets.append(merged)
        data.sets = sets.enumerated()
            .sorted { ($0.element.becameDefaultClock, $0.offset) < ($1.element.becameDefaultClock, $1.offset) }
            .map(\.element)
    }

    static func checkLimits(_ data: TaskQueueVersionSets) throws(TernError) {
        if data.sets.count > maxSets {
            throw TernError(.failedPrecondition, 
                "update would exceed number of compatible version sets permitted in namespace dynamic config (\(data.sets.count)/\(maxSets))")
        }
        let buildIDs = data.sets.reduce(0) { $0 + $1.buildIds.count }
        if buildIDs > maxBuildIDs {
            throw TernError(.failedPrecondition, 
                "update would exceed number of build IDs permitted in namespace dynamic config (\(buildIDs)/\(maxBuildIDs))")
        }
    }

    /// GetWorkerBuildIdCompatibility's answer: the newest `maxSets` sets (all when 0), oldest first.
    public static func compatibility(_ data: TaskQueueVersionSets?, maxSets: Int) -> BuildIDCompatibility {
        let sets = data?.sets ?? []
        let shown = maxSets > 0 ? sets.suffix(maxSets) : sets[...]
        return .with { response in
            response.majorVersionSets = shown.map { set in .with { $0.buildIds = set.buildIds.map(\.id) } }
        }
    }
}
