import Foundation

/// The elements of a paged list call, one at a time: a page is fetched only when iteration has
/// used up the one before, and iteration ends after the page that carries no next-page token.
struct PaginatedSequence<Element: Sendable>: AsyncSequence, Sendable {
    typealias Failure = any Error

    /// Fetches the page that `token` names (empty for the first) and the token of the next.
    typealias PageFetcher = @Sendable (_ token: Data) async throws -> (elements: [Element], nextPageToken: Data)

    private let fetchPage: PageFetcher
    private let limit: Int?

    /// A sequence over the pages `fetchPage` returns, ending after `limit` elements if given.
    init(limit: Int? = nil, fetchPage: @escaping PageFetcher) {
        self.limit = limit
        self.fetchPage = fetchPage
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetchPage: fetchPage, remaining: limit)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        typealias Failure = any Error

        let fetchPage: PageFetcher
        var remaining: Int?
        var buffered: [Element] = []
        var position = 0
        /// The token of the page to fetch next; `nil` once the last page has been fetched.
        var nextToken: Data? = Data()

        init(fetchPage: @escaping PageFetcher, remaining: Int?) {
            self.fetchPage = fetchPage
            self.remaining = remaining
        }

        mutating func next() async throws -> Element? {
            if let remaining, remaining <= 0 { return nil }
            while position == buffered.count {
                guard let token = nextToken else { return nil }
                let page = try await fetchPage(token)
                buffered = page.elements
                position = 0
                nextToken = page.nextPageToken.isEmpty ? nil : page.nextPageToken
            }
            defer { position += 1 }
            if let remaining { self.remaining = remaining - 1 }
            return buffered[position]
        }
    }
}
