import Foundation

/// Patch markers as core's SDKs write them: a `core_patch` marker whose `patch-data` detail is the
/// JSON `{"id": …, "deprecated": …}` (older histories carry raw `patch_id` and `deprecated`
/// details instead), so histories written by the Python SDK and by this one read the same.
enum PatchMarker {
    static let name = "core_patch"
    static let detailsKey = "patch-data"
    static let searchAttribute = "TemporalChangeVersion"

    struct PatchData: Codable {
        var id: String
        var deprecated: Bool
    }

    static func decode(_ marker: Api.History.V1.MarkerRecordedEventAttributes) -> PatchData? {
        guard marker.markerName == name else { return nil }
        if let payload = marker.details[detailsKey]?.payloads.first {
            return try? JSONDecoder().decode(PatchData.self, from: payload.data)
        }
        guard let id = marker.details["patch_id"]?.payloads.first.flatMap({ String(data: $0.data, encoding: .utf8) }) else {
            return nil
        }
        let deprecated = (marker.details["deprecated"]?.payloads.first?.data.first).map { $0 != 0 } ?? false
        return PatchData(id: id, deprecated: deprecated)
    }

    static func patchID(of marker: Api.History.V1.MarkerRecordedEventAttributes, payloadConverter: any PayloadConverter) -> String? {
        decode(marker)?.id
    }

    static func isDeprecatedPatchMarker(_ event: Api.History.V1.HistoryEvent, payloadConverter: any PayloadConverter) -> Bool {
        guard case .markerRecordedEventAttributes(let marker) = event.attributes else { return false }
        return decode(marker)?.deprecated ?? false
    }

    static func details(id: String, deprecated: Bool) -> [String: Api.Common.V1.Payloads] {
        var payload = Api.Common.V1.Payload()
        payload.metadata["encoding"] = Data("json/plain".utf8)
        payload.data = (try? JSONEncoder().encode(PatchData(id: id, deprecated: deprecated))) ?? Data()
        return [detailsKey: .with { $0.payloads = [payload] }]
    }
}
