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
    let decode: @Sendable (RawEvent, JSONDecoder) throws -> Element

    /// A stream of Server-Sent Events whose `data` are JSON of `Item` (or text, when `Item` is `String`).
    public static func serverSentEvents<Item: Decodable & Sendable>(
        _ request: Request<some Any>, of item: Item.Type, accept: String = "text/event-stream", terminator: String? = nil
    ) -> Self where Element == ServerSentEvent<Item> {
        Self(request: request.streamed(accept: accept), format: .serverSentEvents, terminator: terminator) { raw, decoder in
            ServerSentEvent(event: raw.event, id: raw.id, retry: raw.retry, data: try decodeItem(Item.self, raw.data, decoder))
        }
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
        var urlRequest: URLRequest
        do {
            urlRequest = try request.urlRequest(baseURL: client.baseURL ?? client.servers[request.server])
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.invalidRequest(String(describing: error))
        }
        if let provider = client.credentials {
            let authentication = try await withDeadline(deadline, on: client.clock, timedOut: timedOut) { () async throws(APIError) -> Authentication in
                do {
                    return try await provider.authentication(rejected: nil)
                } catch let error as APIError {
                    throw error
                } catch {
                    throw APIError.credentialsUnavailable(operationID: operationID, error: error)
                }
            }
            urlRequest = urlRequest.adding(authentication)
        }
        let sent = urlRequest
        let transport = client.transport
        let answer = try await withDeadline(deadline, on: client.clock, timedOut: timedOut) { () async throws(APIError) -> HTTPStreamedAnswer in
            do {
                if let streaming = transport as? any HTTPStreamingTransport { return try await streaming.stream(sent) }
                let whole = try await transport.send(sent)
                return HTTPStreamedAnswer(status: whole.status, headers: whole.headers,
                                          body: AsyncThrowingStream { $0.yield(whole.body); $0.finish() })
            } catch let error as APIError {
                throw error
            } catch is CancellationError {
                throw APIError.cancelled
            } catch {
                throw APIError.transport(operationID: operationID, message: String(describing: error))
            }
        }
        guard (200...299).contains(answer.status) else {
            if (300...399).contains(answer.status) {
                throw APIError.redirectRefused(operationID: operationID, reason: "a streamed answer is not followed through a redirect")
            }
            var body = Data()
            do {
                for try await chunk in answer.body where body.count < 1 << 20 { body += chunk }
            } catch {}
            throw APIError.forStatus(ErrorResponse(
                status: answer.status, messages: ProviderMessage.messages(in: body, shape: request.errorShape), body: body,
                headers: answer.headers.dictionary, operationID: operationID))
        }
        return ResponseStream(status: answer.status, headers: answer.headers,
                              items: Self.items(of: answer.body, streamed, operationID: operationID))
    }

    private static func items<Element>(of body: AsyncThrowingStream<Data, any Error>, _ streamed: StreamRequest<Element>,
                                       operationID: String) -> AsyncThrowingStream<Element, any Error> {
        AsyncThrowingStream { continuation in
            let reader = Task {
                var framer = StreamFramer(format: streamed.format)
                let decoder = JSONDecoder()
                /// Yields the frames' items; false once the terminator has come.
                func deliver(_ frames: [RawEvent]) throws -> Bool {
                    for frame in frames {
                        if let terminator = streamed.terminator, frame.data == terminator { return false }
                        do {
                            continuation.yield(try streamed.decode(frame, decoder))
                        } catch {
                            throw APIError.decoding(operationID: operationID, message: UnionDecodingFailures.describe(error),
                                                    body: Data(frame.data.utf8))
                        }
                    }
                    return true
                }
                do {
                    for try await chunk in body {
                        guard try deliver(framer.frames(in: chunk)) else {
                            continuation.finish()
                            return
                        }
                    }
                    _ = try deliver(framer.finish())
                    continuation.finish()
                } catch let error as APIError {
                    continuation.finish(throwing: error)
                } catch {
                    continuation.finish(throwing: Task.isCancelled ? APIError.cancelled
                                            : APIError.transport(operationID: operationID, message: String(describing: error)))
                }
            }
            continuation.onTermination = { _ in reader.cancel() }
        }
    }
}
