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

/// The items of a streamed answer, delivered as they arrive and read only as fast as they are asked
/// for: a consumer slower than the network makes the transport wait (URLSession's task is suspended,
/// AsyncHTTPClient stops reading), so memory holds a few chunks, not the body. Breaking out of the
/// loop, or cancelling the task that iterates, ends the connection. It is read once: a second
/// iteration finds it ended.
public struct ResponseStream<Element: Sendable>: AsyncSequence, Sendable {
    /// The answer's status and headers.
    public let status: Int
    public let headers: HTTPHeaders
    let reader: StreamReader<Element>

    public struct AsyncIterator: AsyncIteratorProtocol {
        let handle: Handle

        public mutating func next() async throws -> Element? {
            try await handle.reader.next()
        }
    }

    /// The iteration's hold on the reader: when the loop ends, so does the connection.
    final class Handle: Sendable {
        let reader: StreamReader<Element>

        init(_ reader: StreamReader<Element>) {
            self.reader = reader
        }

        deinit { reader.close() }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(handle: Handle(reader))
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
        let call = try await OneAttempt(streamed.request, client: self, options: options)
        defer { call.end() }
        return try await stream(streamed, through: call)
    }

    /// `stream(_:options:)` once the call is prepared.
    private func stream<Element>(_ streamed: StreamRequest<Element>,
                                 through call: OneAttempt<Data>) async throws(APIError) -> ResponseStream<Element> {
        let answer = try await call.withinTimeout { transport, request, bodyFile throws -> HTTPStreamedAnswer in
            if let streaming = transport as? any HTTPStreamingTransport {
                if let bodyFile { return try await streaming.stream(request, bodyFrom: bodyFile) }
                return try await streaming.stream(request)
            }
            let whole = if let bodyFile { try await transport.send(request, bodyFrom: bodyFile) } else { try await transport.send(request) }
            return HTTPStreamedAnswer(status: whole.status, headers: whole.headers,
                                      body: AsyncThrowingStream { $0.yield(whole.body); $0.finish() })
        }
        guard (200...299).contains(answer.status) else {
            // An error body is small; past 1 MiB the rest is not read (and the connection ends).
            var body = Data()
            do {
                for try await chunk in answer.body {
                    body += chunk
                    if body.count >= 1 << 20 { break }
                }
            } catch {}
            throw call.failure(status: answer.status, headers: answer.headers, body: body)
        }
        return ResponseStream(status: answer.status, headers: answer.headers,
                              reader: StreamReader(body: answer.body, streamed: streamed, operationID: call.operationID))
    }
}

/// One attempt of a call whose answer is read as it comes (`stream`, `download`): the options applied,
/// a body that needs it spooled to a file (removed by `end()`), the credentials added, and the
/// client's timeout counted until the answer's head.
private struct OneAttempt<Response>: Sendable {
    let client: APIClient
    let request: Request<Response>
    let urlRequest: URLRequest
    let bodyFile: URL?
    let spooled: SpooledBody?
    let deadline: ClientClock.Instant
    var operationID: String { request.operationID }

    init(_ request: Request<Response>, client: APIClient, options: RequestOptions) async throws(APIError) {
        let client = options.applied(to: client)
        let request = options.applied(to: request)
        let deadline = client.clock.now + client.timeout
        let spooled = try await SpooledBody.spool(request)
        let sending = spooled?.0 ?? request
        do throws(APIError) {
            let urlRequest = try client.urlRequest(for: sending)
            self.urlRequest = urlRequest.adding(try await client.credentials(operationID: request.operationID, rejected: nil,
                                                                             deadline: deadline))
        } catch {
            spooled?.1.remove()
            throw error
        }
        self.client = client
        self.request = request
        self.bodyFile = sending.bodyFile
        self.spooled = spooled?.1
        self.deadline = deadline
    }

    /// Removes a spooled body: by the time the head has come, it has been sent.
    func end() {
        spooled?.remove()
    }

    /// `send` to the transport within the client's timeout, with its errors as `APIError`.
    func withinTimeout<Head: Sendable>(
        _ send: @escaping @Sendable (any HTTPTransport, URLRequest, URL?) async throws -> Head
    ) async throws(APIError) -> Head {
        let (transport, timeout, operationID) = (client.transport, client.timeout, request.operationID)
        let (sent, bodyFile) = (urlRequest, self.bodyFile)
        return try await withDeadline(deadline, on: client.clock, timedOut: .timedOut(operationID: operationID, after: timeout)) {
            () async throws(APIError) -> Head in
            do {
                return try await send(transport, sent, bodyFile)
            } catch let error as APIError {
                throw error
            } catch {
                throw APIClient.transportError(error, operationID: operationID, timeout: timeout)
            }
        }
    }

    /// The error for an answer that is not a success: a redirect, which is not followed, or the status's error.
    func failure(status: Int, headers: HTTPHeaders, body: Data) -> APIError {
        if (300...399).contains(status) {
            return .redirectRefused(operationID: operationID, reason: "a streamed answer is not followed through a redirect")
        }
        return .forStatus(APIClient.errorResponse(to: request, status: status, headers: headers, body: body))
    }

    /// A transport error of this call.
    func transportError(_ error: any Error) -> APIError {
        if let error = error as? APIError { return error }
        return APIClient.transportError(error, operationID: operationID, timeout: client.timeout)
    }
}

/// The state of one stream's items: the body's iterator, the framing, and frames cut but not yet
/// delivered. One task calls `next`, one call at a time; `close` lets go of the body (which ends the
/// connection) once no call runs.
final class StreamReader<Element: Sendable>: @unchecked Sendable {
    private var chunks: AsyncThrowingStream<Data, any Error>.AsyncIterator?
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

    /// Ends the stream: the body's iterator goes, and with it the connection.
    func close() {
        ended = true
        ready = []
        chunks = nil
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
            guard !ended, var iterator = chunks else { return nil }
            let chunk: Data?
            do {
                chunk = try await iterator.next()
                chunks = iterator
            } catch {
                chunks = nil
                ended = true
                throw Task.isCancelled ? APIError.cancelled : APIError.transport(operationID: operationID, message: String(describing: error))
            }
            guard let chunk else {
                ended = true
                chunks = nil
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
    /// Like `stream(_:)`, one attempt, without redirects, `timeout` counted until the answer's head.
    /// A transport that writes files itself (`HTTPDownloadingTransport`: URLSession's download task)
    /// does so at the network's pace; through any other the chunks are written as they are read.
    public func download(_ request: Request<Data>, to file: URL,
                         options: RequestOptions = RequestOptions()) async throws(APIError) -> APIResponse<Int64> {
        let folder = file.deletingLastPathComponent()
        let partial = folder.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString).part")
        defer { try? FileManager.default.removeItem(at: partial) }
        let (status, headers) = try await download(request, into: partial, options: options)
        let count = Int64(FileSize.of(partial) ?? 0)
        do {
            if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
            try FileManager.default.moveItem(at: partial, to: file)
        } catch {
            throw .transport(operationID: request.operationID, message: "the download to \(file.path) failed: \(error)")
        }
        return APIResponse(value: count, status: status, headers: headers)
    }

    /// The body of a successful answer written into `partial`, whichever way the transport can.
    private func download(_ request: Request<Data>, into partial: URL,
                          options: RequestOptions) async throws(APIError) -> (Int, HTTPHeaders) {
        let streamed = StreamRequest.bytes(request, accept: request.decoding.accept)
        let call = try await OneAttempt(streamed.request, client: self, options: options)
        defer { call.end() }
        guard call.client.transport is any HTTPDownloadingTransport, call.bodyFile == nil else {
            return try await write(try await stream(streamed, through: call), into: partial, operationID: call.operationID)
        }
        let head = try await call.withinTimeout { transport, request, _ throws -> HTTPDownloadAnswer in
            guard let downloading = transport as? any HTTPDownloadingTransport else { throw URLError(.unsupportedURL) }
            return try await downloading.download(request, to: partial)
        }
        do {
            try await head.completion()
        } catch {
            throw call.transportError(error)
        }
        guard (200...299).contains(head.status) else {
            // The error body is in the file; the first MiB of it is read.
            let body = (try? FileHandle(forReadingFrom: partial)).flatMap { handle in
                defer { try? handle.close() }
                return try? handle.read(upToCount: 1 << 20)
            } ?? Data()
            throw call.failure(status: head.status, headers: head.headers, body: body)
        }
        return (head.status, head.headers)
    }

    /// The chunks of `chunks` written into `partial` as they are read.
    private func write(_ chunks: ResponseStream<Data>, into partial: URL,
                       operationID: String) async throws(APIError) -> (Int, HTTPHeaders) {
        guard FileManager.default.createFile(atPath: partial.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: partial) else {
            throw .transport(operationID: operationID, message: "cannot write \(partial.path)")
        }
        defer { try? handle.close() }
        do {
            for try await chunk in chunks { try handle.write(contentsOf: chunk) }
        } catch let error as APIError {
            throw error
        } catch {
            throw .transport(operationID: operationID, message: "the download to \(partial.path) failed: \(error)")
        }
        return (chunks.status, chunks.headers)
    }
}
