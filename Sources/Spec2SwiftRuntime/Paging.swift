import Foundation

/// Which page of a list to ask for, in the way the API counts pages.
public enum PageCursor: Hashable, Sendable {
    /// A 1-based page number.
    case number(Int)
    /// The number of items to skip.
    case offset(Int)
    /// The token the previous page's answer gave; nil for the first page.
    case token(String?)

    /// The page number (1 when the cursor is not a number).
    public var number: Int {
        if case .number(let number) = self { return number }
        return 1
    }

    /// The items to skip (0 when the cursor is not an offset).
    public var offset: Int {
        if case .offset(let offset) = self { return offset }
        return 0
    }

    /// The page token (nil, the first page, when the cursor is not a token).
    public var token: String? {
        if case .token(let token) = self { return token }
        return nil
    }
}

/// One page of a paged list: its items, its place in the walk, and how to ask for the next one.
public struct Page<Element: Sendable>: Sendable {
    public var items: [Element]
    /// The 1-based position of the page in the walk through the list.
    public var number: Int
    /// The number of pages the answer reports; nil when it does not say.
    public var totalPages: Int?
    /// The number of items in the whole list, when the answer says.
    public var totalItems: Int?
    /// How to ask for the next page; nil on the last page.
    public var next: PageCursor?

    /// `number` is set by the walk (`APIClient.pages(_:)`); a page fetched alone is page 1 unless numbered.
    public init(items: [Element], number: Int = 1, totalPages: Int? = nil, totalItems: Int? = nil, next: PageCursor?) {
        self.items = items
        self.number = number
        self.totalPages = totalPages
        self.totalItems = totalItems
        self.next = next
    }

    /// A page of a list paged by page number: the next follows while the answer's page count says so,
    /// or, when it does not say, while pages are not empty.
    public init(items: [Element], number: Int, totalPages: Int?) {
        let more = totalPages.map { number < $0 } ?? !items.isEmpty
        self.init(items: items, number: number, totalPages: totalPages, next: more ? .number(number + 1) : nil)
    }

    /// Whether another page follows.
    public var hasNext: Bool { next != nil }
}

/// How to ask for any page of a list operation. Generated `...Pages` functions return one;
/// `APIClient.pages(_:)` and `APIClient.items(_:)` walk it.
public struct PagedRequest<Element: Sendable>: Sendable {
    public let request: @Sendable (_ cursor: PageCursor) -> Request<Page<Element>>
    public let first: PageCursor
    /// A bound on pages, for answers that never say where the list ends.
    public var maxPages: Int

    public init(first: PageCursor, maxPages: Int = 10_000, request: @escaping @Sendable (_ cursor: PageCursor) -> Request<Page<Element>>) {
        self.first = first
        self.maxPages = maxPages
        self.request = request
    }

    /// Pages by number, from `firstPage`.
    public init(firstPage: Int = 1, maxPages: Int = 10_000, request: @escaping @Sendable (_ page: Int) -> Request<Page<Element>>) {
        self.init(first: .number(firstPage), maxPages: maxPages) { request($0.number) }
    }
}

extension Request {
    /// This request reading its answer as a page made by `page` from the decoded answer.
    func pagedAnswer<Element: Sendable>(_ page: @escaping @Sendable (Response) -> Page<Element>) -> Request<Page<Element>> {
        let decode = decoding.decodeWithEnvelope
        return withDecoding(ResponseDecoding(kind: .json, accept: decoding.accept, withEnvelope: { data, contentType, decoder in
            let (value, envelope) = try decode(data, contentType, decoder)
            return (page(value), envelope)
        }))
    }

    /// This list request answering one page numbered `page`, its page count in the envelope.
    public func paged<Element: Sendable, Envelope: ResponseEnvelope>(
        _ envelope: Envelope.Type, page: Int, totalPages: @escaping @Sendable (Envelope) -> Double?
    ) -> Request<Page<Element>> where Response == [Element], Envelope.Result == [Element] {
        withDecoding(ResponseDecoding(kind: .json, accept: decoding.accept, withEnvelope: { data, _, decoder in
            let body = try decoder.decode(Envelope.self, from: data)
            let items = try body.unwrap()
            return (Page(items: items, number: page, totalPages: Self.count(totalPages(body))), body)
        }))
    }

    /// This request answering page number `page`, whose items and page count are in the answer.
    public func paged<Element: Sendable>(
        page: Int, items: @escaping @Sendable (Response) -> [Element], totalPages: @escaping @Sendable (Response) -> Double?
    ) -> Request<Page<Element>> {
        pagedAnswer { Page(items: items($0), number: page, totalPages: Self.count(totalPages($0))) }
    }

    /// This request answering the page that skips `offset` items; the answer holds the items and, when
    /// `total` reads it, how many there are. The next page skips the items seen so far; an empty page,
    /// or reaching the total, ends the list.
    public func paged<Element: Sendable>(
        offset: Int, items: @escaping @Sendable (Response) -> [Element], total: (@Sendable (Response) -> Double?)? = nil
    ) -> Request<Page<Element>> {
        pagedAnswer { answer in
            let found = items(answer)
            let count = total.flatMap { Self.count($0(answer)) }
            let seen = offset + found.count
            let more = !found.isEmpty && count.map { seen < $0 } ?? true
            return Page(items: found, totalItems: count, next: more ? .offset(seen) : nil)
        }
    }

    /// This request answering the page of `token`; the answer holds the items and the next page's
    /// token, which is empty or absent on the last page.
    public func paged<Element: Sendable>(
        token: String?, items: @escaping @Sendable (Response) -> [Element], nextToken: @escaping @Sendable (Response) -> String?
    ) -> Request<Page<Element>> {
        pagedAnswer { answer in
            let next = nextToken(answer).flatMap { $0.isEmpty || $0 == token ? nil : PageCursor.token($0) }
            return Page(items: items(answer), next: next)
        }
    }

    private static func count(_ value: Double?) -> Int? {
        value.flatMap { $0.isFinite ? Int(exactly: $0.rounded()) : nil }
    }
}

/// The pages of a list, fetched one at a time as the sequence is iterated, never ahead of it.
public struct PageSequence<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page<Item>
    let client: APIClient
    let paged: PagedRequest<Item>
    let options: RequestOptions

    public struct AsyncIterator: AsyncIteratorProtocol {
        let client: APIClient
        let paged: PagedRequest<Item>
        let options: RequestOptions
        var next: PageCursor?
        var fetched = 0

        public mutating func next() async throws -> Page<Item>? {
            guard let cursor = next, fetched < paged.maxPages else { return nil }
            var page = try await client.send(paged.request(cursor), options: options)
            fetched += 1
            page.number = fetched
            next = page.next
            return page
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(client: client, paged: paged, options: options, next: paged.first)
    }
}

/// The items of a list, page after page, each page fetched when the sequence reaches it.
public struct ItemSequence<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item
    let pages: PageSequence<Item>

    public struct AsyncIterator: AsyncIteratorProtocol {
        var pages: PageSequence<Item>.AsyncIterator
        var buffered: [Item] = []
        var index = 0

        public mutating func next() async throws -> Item? {
            while index == buffered.count {
                guard let page = try await pages.next() else { return nil }
                buffered = page.items
                index = 0
            }
            defer { index += 1 }
            return buffered[index]
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: pages.makeAsyncIterator())
    }
}

extension APIClient {
    /// The pages of a paged list operation, each fetched when the sequence reaches it, every one with
    /// `options`.
    ///
    ///     for try await page in client.pages(Cloudflare.Secrets.listPages(accountID: a, storeID: s)) { ... }
    public func pages<Element: Sendable>(_ paged: PagedRequest<Element>,
                                         options: RequestOptions = RequestOptions()) -> PageSequence<Element> {
        PageSequence(client: self, paged: paged, options: options)
    }

    /// The items of a paged list operation, fetching each page when the sequence reaches it.
    ///
    ///     for try await secret in client.items(Gcore.Secrets.listSecretsPages(projectID: 1, regionID: 1)) { ... }
    public func items<Element: Sendable>(_ paged: PagedRequest<Element>,
                                         options: RequestOptions = RequestOptions()) -> ItemSequence<Element> {
        ItemSequence(pages: pages(paged, options: options))
    }

    /// Every item of a paged list operation, fetching pages as they are needed.
    public func all<Element: Sendable>(_ paged: PagedRequest<Element>,
                                       options: RequestOptions = RequestOptions()) async throws -> [Element] {
        var items: [Element] = []
        for try await page in pages(paged, options: options) { items += page.items }
        return items
    }
}
