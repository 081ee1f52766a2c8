public import GRPCCore
import Foundation
import TernAPI

extension TemporalClient.NamespaceService {
    /// Every namespace on the server, fetched a page at a time as the sequence is iterated.
    /// Deleted namespaces are left out unless `includeDeleted` is set.
    public func listNamespaces(
        includeDeleted: Bool = false,
        callOptions: CallOptions? = nil
    ) async throws -> some (AsyncSequence<NamespaceDescription, any Error> & Sendable) {
        listNamespaces(includeDeleted: includeDeleted, pageSize: 100, callOptions: callOptions)
    }

    /// The same listing with the page size chosen (the public call's is fixed, as in Apple's
    /// SDK); tests use small pages to cross page boundaries with few namespaces.
    package func listNamespaces(
        includeDeleted: Bool, pageSize: Int, callOptions: CallOptions?
    ) -> some (AsyncSequence<NamespaceDescription, any Error> & Sendable) {
        let service = self.service
        return PaginatedSequence { token in
            let response = try await service.listNamespaces(
                .with {
                    $0.pageSize = Int32(clamping: pageSize)
                    $0.nextPageToken = token
                    $0.namespaceFilter.includeDeleted = includeDeleted
                }, options: callOptions ?? .defaults)
            return (response.namespaces.map(NamespaceDescription.init(proto:)), response.nextPageToken)
        }
    }
}
