import Foundation

/// One page of a paged list: its items, its 1-based number, and how many pages there are.
public struct Page<Element: Sendable>: Sendable {
    public var items: [Element]
    public var number: Int
    /// The number of pages the answer reports; nil when it does not say.
    public var totalPages: Int?

    public init(items: [Element], number: Int, totalPages: Int?) {
        self.items = items
        self.number = number
        self.totalPages = totalPages
    }

    /// Whether another page follows: the answer says so, or, when it does not, this page was not empty.
    public var hasNext: Bool {
        totalPages.map { number < $0 } ?? !items.isEmpty
    }
}

/// How to ask for any page of a list operation. Generated `...Pages` functions return one;
/// `APIClient.pages(_:)` turns it into an async sequence.
public struct PagedRequest<Element: Sendable>: Sendable {
    public let request: @Sendable (_ page: Int) -> Request<Page<Element>>
    public let firstPage: Int
    /// A bound on pages, for answers that never say how many there are.
    public var maxPages: Int

    public init(firstPage: Int = 1, maxPages: Int = 10_000, request: @escaping @Sendable (_ page: Int) -> Request<Page<Element>>) {
        self.firstPage = firstPage
        self.maxPages = maxPages
        self.request = request
    }
}

extension Request {
    /// This list request answering one page: the result is the page's items, and `totalPages` reads
    /// the page count from the envelope.
    public func paged<Element: Sendable, Envelope: ResponseEnvelope>(
        _ envelope: Envelope.Type, page: Int, totalPages: @escaping @Sendable (Envelope) -> Double?
    ) -> Request<Page<Element>> where Response == [Element], Envelope.Result == [Element] {
        var request = Request<Page<Element>>(method: method, server: server, path: path, operationID: operationID,
                                             decoding: ResponseDecoding { data, decoder in
            let body = try decoder.decode(Envelope.self, from: data)
            let count = totalPages(body).flatMap { $0.isFinite ? Int(exactly: $0.rounded()) : nil }
            return Page(items: try body.unwrap(), number: page, totalPages: count)
        })
        request.query = query
        request.headers = headers
        request.body = body
        request.contentType = contentType
        return request
    }
}

/// The pages of a list, fetched one at a time as the sequence is iterated, never ahead of it.
public struct PageSequence<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page<Item>
    let client: APIClient
    let paged: PagedRequest<Item>

    public struct AsyncIterator: AsyncIteratorProtocol {
        let client: APIClient
        let paged: PagedRequest<Item>
        var next: Int?

        public mutating func next() async throws -> Page<Item>? {
            guard let number = next else { return nil }
            let page = try await client.send(paged.request(number))
            self.next = page.hasNext && number - paged.firstPage + 1 < paged.maxPages ? number + 1 : nil
            return page
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(client: client, paged: paged, next: paged.firstPage)
    }
}

extension APIClient {
    /// The pages of a paged list operation, each fetched when the sequence reaches it.
    ///
    ///     for try await page in client.pages(Cloudflare.Secrets.listPages(accountID: a, storeID: s)) { ... }
    public func pages<Element: Sendable>(_ paged: PagedRequest<Element>) -> PageSequence<Element> {
        PageSequence(client: self, paged: paged)
    }

    /// Every item of a paged list operation, fetching pages as they are needed.
    public func all<Element: Sendable>(_ paged: PagedRequest<Element>) async throws -> [Element] {
        var items: [Element] = []
        for try await page in pages(paged) { items += page.items }
        return items
    }
}
