public import Foundation

/// Worker builds the namespace has marked as bad: the server fails workflow tasks that one of
/// them completes rather than accept its commands.
public struct NamespaceBadBinaries: Hashable, Sendable {
    /// Why each binary was marked, by its binary checksum.
    public var binaries: [String: Self.Info]
}

extension NamespaceBadBinaries {
    /// The record kept for one marked binary.
    public struct Info: Hashable, Sendable {
        /// The reason given when it was marked.
        public var reason: String?

        /// Who marked it.
        public var `operator`: String?

        /// When the server recorded the mark.
        public var createdAt: Date?
    }
}
