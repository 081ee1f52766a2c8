import Foundation
import TernAPI

/// Upserts of memo and search-attribute maps, with Temporal's rule for removing a key: a value
/// that encodes nothing (empty data, JSON `null` or an empty list `[]`) deletes the key.
public enum PayloadMaps {
    public static func isNil(_ payload: Temporal_Api_Common_V1_Payload) -> Bool {
        payload.data.isEmpty || payload.data == Data("null".utf8) || payload.data == Data("[]".utf8)
    }

    /// `target` with `upserts` merged in: new values replace old ones, nil values remove keys.
    public static func merge(
        _ upserts: [String: Temporal_Api_Common_V1_Payload], into target: inout [String: Temporal_Api_Common_V1_Payload]
    ) {
        for (key, value) in upserts {
            if isNil(value) { target[key] = nil } else { target[key] = value }
        }
    }
}
