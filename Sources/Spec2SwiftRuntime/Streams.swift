import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// An answer whose head has arrived and whose body is still coming, chunk by chunk.
public struct HTTPStreamedAnswer: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    /// The body's chunks as they arrive. Ending the iteration (or cancelling its task) ends the
    /// connection.
    public var body: AsyncThrowingStream<Data, any Error>

    public init(status: Int, headers: HTTPHeaders, body: AsyncThrowingStream<Data, any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// A transport that can hand over an answer's body as it arrives (`URLSessionTransport` and
/// `AsyncHTTPClientTransport` can). Like `send`, it must not follow redirects.
public protocol HTTPStreamingTransport: HTTPTransport {
    func stream(_ request: URLRequest) async throws -> HTTPStreamedAnswer

    /// `stream(_:)` with the bytes of `file` as the request's body, as `send(_:bodyFrom:)` sends them.
    func stream(_ request: URLRequest, bodyFrom file: URL) async throws -> HTTPStreamedAnswer
}

extension HTTPStreamingTransport {
    public func stream(_ request: URLRequest, bodyFrom file: URL) async throws -> HTTPStreamedAnswer {
        try await stream(request.withBodyStream(from: file))
    }
}

/// An operation whose answer is a stream of items (Server-Sent Events, JSON Lines, JSON text
/// sequences), not yet sent: `client.stream(request)` sends it.
public struct StreamRequest<Element: Sendable>: Sendable {
    /// The call, as the operation's buffered form would make it.
    public var request: Request<Data>
    public var format: StreamFormat
    /// For Server-Sent Events: a `data` that ends the stream instead of being an item (`[DONE]`), as
    /// the API's profile declares it; nil when the stream ends only with the connection.
    public var terminator: String?
    let reading: Reading

    /// How items come from the body: cut into frames, each decoded, or (`.bytes`) each chunk as it is.
    enum Reading: Sendable {
        case frames(@Sendable (RawEvent, JSONDecoder) throws -> Element)
        case chunks(@Sendable (Data) -> Element)
    }

    init(request: Request<Data>, format: StreamFormat, terminator: String?,
         decode: @escaping @Sendable (RawEvent, JSONDecoder) throws -> Element) {
        self.init(request: request, format: format, terminator: terminator, reading: .frames(decode))
    }

    init(request: Request<Data>, format: StreamFormat, terminator: String?, reading: Reading) {
        self.request = request
        self.format = format
        self.terminator = terminator
        self.reading = reading
    }

    /// A stream of Server-Sent Events whose `data` are JSON of `Item` (or text, when `Item` is `String`).
    public static func serverSentEvents<Item: Decodable & Sendable>(
        _ request: Request<some Any>, of item: Item.Type, accept: String = "text/event-stream", terminator: String? = nil
    ) -> Self where Element == ServerSentEvent<Item> {
        Self(request: request.streamed(accept: accept), format: .serverSentEvents, terminator: terminator) { raw, decoder in
            ServerSentEvent(event: raw.event, id: raw.id, retry: raw.retry, data: try decodeItem(Item.self, raw.data, decoder))
        }
    }
}

extension StreamRequest where Element == Data {
    /// The answer's bytes as they arrive, for a download of any size (`client.download(_:to:)` writes
    /// them to a file).
    public static func bytes(_ request: Request<some Any>, accept: String = "*/*") -> Self {
        Self(request: request.streamed(accept: accept), format: .bytes, terminator: nil, reading: .chunks { $0 })
    }
}

extension StreamRequest where Element: Decodable {
    /// A stream of JSON values, one a line (`.jsonLines`) or one a record (`.jsonSequence`).
    public static func jsonValues(_ request: Request<some Any>, format: StreamFormat, accept: String) -> Self {
        Self(request: request.streamed(accept: accept), format: format, terminator: nil) { raw, decoder in
            try decodeItem(Element.self, raw.data, decoder)
        }
    }
}

private func decodeItem<Item: Decodable>(_ type: Item.Type, _ text: String, _ decoder: JSONDecoder) throws -> Item {
    if let text = text as? Item, Item.self == String.self { return text }
    return try decoder.decode(Item.self, from: Data(text.utf8))
}

extension Request {
    /// This call asking for `accept`, its answer read as bytes (the stream's framing reads them).
    func streamed(accept: String) -> Request<Data> {
        withDecoding(.data(accepting: accept))
    }
}

/// The items of a streamed answer, delivered as they arrive. Breaking out of the loop, or cancelling
/// the task that iterates, ends the connection.
public struct ResponseStream<Element: Sendable>: AsyncSequence, Sendable {
    public typealias AsyncIterator = AsyncThrowingStream<Element, any Error>.AsyncIterator
    /// The answer's status and headers.
    public let status: Int
    public let headers: HTTPHeaders
    let items: AsyncThrowingStream<Element, any Error>

    public func makeAsyncIterator() -> AsyncIterator {
        items.makeAsyncIterator()
    }
}

extension APIClient {
    /// Sends a streaming operation and returns its items as they arrive. Credentials, `timeout` (until
    /// the answer's head), middleware-free: one attempt, no retries once the stream has begun, and no
    /// redirects (a 3xx is `APIError.redirectRefused`). An error status reads the whole (small) body
    /// and throws as `send` does. A transport that cannot stream (not `HTTPStreamingTransport`) gets
    /// the whole answer first, then its items.
    public func stream<Element>(_ streamed: StreamRequest<Element>,
                                options: RequestOptions = RequestOptions()) async throws(APIError) -> ResponseStream<Element> {
        let client = options.applied(to: self)
        let request = options.applied(to: streamed.request)
        let operationID = request.operationID
        let deadline = client.clock.now + client.timeout
        let timedOut = APIError.timedOut(operationID: operationID, after: client.timeout)
        // A spooled body's file is removed once the answer's head has come: the body has been sent by then.
        let spooled = try await SpooledBody.spool(request)
        defer { spooled?.1.remove() }
        let sending = spooled?.0 ?? request
        let bodyFile = sending.bodyFile
        var urlRequest = try client.urlRequest(for: sending)
        urlRequest = urlRequest.adding(try await client.credentials(operationID: operationID, rejected: nil, deadline: deadline))
        let sent = urlRequest
        let (transport, timeout) = (client.transport, client.timeout)
        let answer = try await withDeadline(deadline, on: client.clock, timedOut: timedOut) { () async throws(APIError) -> HTTPStreamedAnswer in
            do {
                if let streaming = transport as? any HTTPStreamingTransport {
                    if let bodyFile { return try await streaming.stream(sent, bodyFrom: bodyFile) }
                    return try await streaming.stream(sent)
                }
                let whole = if let bodyFile { try await transport.send(sent, bodyFrom: bodyFile) } else { try await transport.send(sent) }
                return HTTPStreamedAnswer(status: whole.status, headers: whole.headers,
                                          body: AsyncThrowingStream { $0.yield(whole.body); $0.finish() })
            } catch let error as APIError {
                throw error
            } catch {
                throw Self.transportError(error, operationID: operationID, timeout: timeout)
            }
        }
        guard (200...299).contains(answer.status) else {
            if (300...399).contains(answer.status) {
                throw APIError.redirectRefused(operationID: operationID, reason: "a streamed answer is not followed through a redirect")
            }
            // An error body is small; past 1 MiB the rest is not read (and the connection ends).
            var body = Data()
            do {
                for try await chunk in answer.body {
                    body += chunk
                    if body.count >= 1 << 20 { break }
                }
            } catch {}
            throw APIError.forStatus(Self.errorResponse(to: request, status: answer.status, headers: answer.headers, body: body))
        }
        return ResponseStream(status: answer.status, headers: answer.headers,
                              items: Self.items(of: answer.body, streamed, operationID: operationID))
    }

    /// The items, as the body's chunks are read and cut. Chunks are read as fast as the transport
    /// delivers them: a consumer slower than the network holds them in memory until it catches up.
    private static func items<Element>(of body: AsyncThrowingStream<Data, any Error>, _ streamed: StreamRequest<Element>,
                                       operationID: String) -> AsyncThrowingStream<Element, any Error> {
        AsyncThrowingStream { continuation in
            // Reading runs in a task of its own, which the stream's end cancels; cancelling it ends the
            // body's iteration, and with it the connection.
            let pump = Task {
                let reader = StreamReader(body: body, streamed: streamed, operationID: operationID)
                do {
                    while let item = try await reader.next() { continuation.yield(item) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in pump.cancel() }
        }
    }
}

/// The state of one stream's items: the body's iterator, the framing, and frames cut but not yet
/// delivered. One task calls `next`, one call at a time.
private final class StreamReader<Element: Sendable>: @unchecked Sendable {
    private var chunks: AsyncThrowingStream<Data, any Error>.AsyncIterator
    private let streamed: StreamRequest<Element>
    private let operationID: String
    private var framer: StreamFramer
    private var ready: [RawEvent] = []
    private var ended = false
    private let decoder = JSONDecoder()

    init(body: AsyncThrowingStream<Data, any Error>, streamed: StreamRequest<Element>, operationID: String) {
        chunks = body.makeAsyncIterator()
        self.streamed = streamed
        self.operationID = operationID
        framer = StreamFramer(format: streamed.format)
    }

    func next() async throws(APIError) -> Element? {
        while true {
            if !ready.isEmpty {
                let frame = ready.removeFirst()
                if let terminator = streamed.terminator, frame.data == terminator {
                    ended = true
                    ready = []
                    return nil
                }
                guard case .frames(let decode) = streamed.reading else { continue }
                do {
                    return try decode(frame, decoder)
                } catch {
                    ended = true
                    throw APIError.decoding(operationID: operationID, message: UnionDecodingFailures.describe(error),
                                            body: Data(frame.data.utf8))
                }
            }
            if ended { return nil }
            let chunk: Data?
            do {
                chunk = try await chunks.next()
            } catch {
                ended = true
                throw Task.isCancelled ? APIError.cancelled : APIError.transport(operationID: operationID, message: String(describing: error))
            }
            guard let chunk else {
                ended = true
                ready = framer.finish()
                continue
            }
            if case .chunks(let item) = streamed.reading { return item(chunk) }
            ready = framer.frames(in: chunk)
        }
    }
}

extension APIClient {
    /// Downloads the answer's bytes into `file` as they arrive, without holding the whole body in
    /// memory: they go to a temporary file beside it, moved into place once the last byte has come, so
    /// that `file` is never left half-written. Returns the status, the headers and the number of bytes.
    /// Like `stream(_:)`, one attempt, without redirects.
    public func download(_ request: Request<Data>, to file: URL,
                         options: RequestOptions = RequestOptions()) async throws(APIError) -> APIResponse<Int64> {
        let chunks = try await stream(.bytes(request, accept: request.decoding.accept), options: options)
        let folder = file.deletingLastPathComponent()
        let partial = folder.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).part")
        func failure(_ error: any Error) -> APIError {
            .transport(operationID: request.operationID, message: "the download to \(file.path) failed: \(error)")
        }
        guard FileManager.default.createFile(atPath: partial.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: partial) else {
            throw .transport(operationID: request.operationID, message: "cannot write in \(folder.path)")
        }
        var count: Int64 = 0
        do throws(APIError) {
            defer { try? handle.close() }
            do {
                for try await chunk in chunks {
                    try handle.write(contentsOf: chunk)
                    count += Int64(chunk.count)
                }
            } catch let error as APIError {
                throw error
            } catch {
                throw failure(error)
            }
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        do {
            if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
            try FileManager.default.moveItem(at: partial, to: file)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw failure(error)
        }
        return APIResponse(value: count, status: chunks.status, headers: chunks.headers)
    }
}
