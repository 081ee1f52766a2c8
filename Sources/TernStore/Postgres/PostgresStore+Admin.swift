import Foundation
import PostgresNIO

extension PostgresStore {
    /// Runs one statement outside any transaction (CREATE/DROP DATABASE need that): for admin
    /// commands and tests. `values` are bound as $1, $2, …
    func execute(_ sql: String, _ values: [SQLValue] = []) async throws {
        _ = try await access.query(sql, PostgresBindings(values))
    }

    /// The first column of every row, as text (NULL as nil): for admin commands and tests.
    func column(_ sql: String, _ values: [SQLValue] = []) async throws -> [String?] {
        try await access.query(sql, PostgresBindings(values)).map { row in
            try row.first.flatMap { cell in try cell.decode(String?.self) }
        }
    }
}
