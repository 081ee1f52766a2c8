public import Foundation

/// Whether a namespace keeps a copy of its data past the retention period, and where.
public enum NamespaceArchivalState: Hashable, Sendable {
    /// Archived to the store this URI names (`file:///…`, `s3://…`, as the server's archiver reads it).
    case enabled(URL)

    /// Not archived: the data is gone once retention ends.
    case disabled
}
