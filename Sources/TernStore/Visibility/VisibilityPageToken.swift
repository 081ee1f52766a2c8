import Foundation
import TernCore

/// Where a visibility page ends: the last row of the default order (keyset paging), or an
/// offset for a query with its own ORDER BY. Opaque to clients (JSON); the same for every store.
struct VisibilityPageToken: Codable {
    var closeKey: Int64?
    var startTime: Int64?
    var runID: String?
    var offset = 0

    var lastRow: (closeKey: Int64, startTime: Int64, runID: String)? {
        guard let closeKey, let startTime, let runID else { return nil }
        return (closeKey, startTime, runID)
    }

    init(lastRow: (Int64, Int64, String)) {
        closeKey = lastRow.0
        startTime = lastRow.1
        runID = lastRow.2
    }

    init(offset: Int) { self.offset = offset }

    init(_ data: Data) throws {
        if data.isEmpty { self.init(offset: 0); return }
        do {
            self = try JSONDecoder().decode(Self.self, from: data)
        } catch {
            throw TernError.invalidArgument("Invalid NextPageToken: it was not issued by this server for this query.")
        }
    }

    var encoded: Data { (try? JSONEncoder().encode(self)) ?? Data() }
}
