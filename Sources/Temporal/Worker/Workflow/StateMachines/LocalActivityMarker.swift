import Foundation

/// Local activity markers as core's SDKs write them: a `core_local_activity` marker whose `data`
/// detail is JSON naming the activity (`seq`, `attempt`, `activity_id`, `activity_type`, …), whose
/// `result` detail holds the result, and whose `failure` holds a failure.
enum LocalActivityMarker {
    static let name = "core_local_activity"

    struct Data: Codable {
        var seq: Int
        var attempt: Int
        var activityID: String
        var activityType: String
        var completeTime: String?

        enum CodingKeys: String, CodingKey {
            case seq, attempt
            case activityID = "activity_id"
            case activityType = "activity_type"
            case completeTime = "complete_time"
        }
    }

    static func data(of marker: Api.History.V1.MarkerRecordedEventAttributes) -> Data? {
        guard marker.markerName == name, let payload = marker.details["data"]?.payloads.first else { return nil }
        return try? JSONDecoder().decode(Data.self, from: payload.data)
    }

    /// The key that matches a marker to the local activity that recorded it.
    static func key(of event: Api.History.V1.HistoryEvent) -> String? {
        guard case .markerRecordedEventAttributes(let marker) = event.attributes, let data = data(of: marker) else { return nil }
        return key(sequence: data.seq)
    }

    static func key(sequence: Int) -> String { "local-activity-\(sequence)" }

    static func details(_ data: Data, result: Api.Common.V1.Payload?) -> [String: Api.Common.V1.Payloads] {
        var payload = Api.Common.V1.Payload()
        payload.metadata["encoding"] = Foundation.Data("json/plain".utf8)
        payload.data = (try? JSONEncoder().encode(data)) ?? Foundation.Data()
        var details: [String: Api.Common.V1.Payloads] = ["data": .with { $0.payloads = [payload] }]
        if let result { details["result"] = .with { $0.payloads = [result] } }
        return details
    }
}
