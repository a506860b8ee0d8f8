#if AsyncHTTPClient
import AsyncHTTPClient
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOCore
import NIOHTTP1
import Spec2SwiftRuntime

/// The transport over AsyncHTTPClient (SwiftNIO), for server-side Swift (Vapor, Hummingbird) and for
/// Linux services that would rather not use FoundationNetworking's `URLSession`.
///
///     let transport = AsyncHTTPClientTransport()
///     let client = APIClient(authentication: auth, transport: transport)
///
/// Like every transport it follows no redirect: `APIClient` does, keeping credentials on their origin.
public final class AsyncHTTPClientTransport: HTTPStreamingTransport {
    private let client: HTTPClient
    /// The group's event loops, which a body read from a file waits on between chunks.
    private let loops: [any EventLoop]
    /// The largest answer body accepted; a longer one fails the attempt.
    public let maxBodySize: Int

    /// A transport with an `HTTPClient` of its own, shut down when the transport goes away. Whatever
    /// `configuration` says, the client follows no redirect (`APIClient` does, keeping credentials on
    /// their origin), and a connection that cannot be made fails the attempt at once (AsyncHTTPClient
    /// would otherwise keep trying until the deadline), so that `APIClient`'s retry policy decides, as
    /// it does with `URLSessionTransport`. There is no initializer over a client of your own: its
    /// redirect setting cannot be read, and a client that follows redirects would send credentials on.
    public init(configuration: HTTPClient.Configuration = HTTPClient.Configuration(),
                eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup, maxBodySize: Int = 256 << 20) {
        var configuration = configuration
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
        self.loops = Array(eventLoopGroup.makeIterator())
        self.maxBodySize = maxBodySize
    }

    deinit {
        // The client holds itself alive until it has shut down.
        client.shutdown { _ in }
    }

    public func send(_ request: URLRequest) async throws -> HTTPAnswer {
        let outgoing = try outgoing(request)
        do {
            return try await execute(outgoing)
        } catch ChannelError.ioOnClosedChannel {
            // The pool gave out a kept-alive connection the server had just closed, and the request
            // could not be written: no server saw it, so it goes out once more, on a new connection
            // (the pool has dropped the closed one), whatever its method. A connection that closes
            // after the request went out is a transport error for `APIClient`'s retry policy.
            return try await execute(outgoing)
        }
    }

    /// Sends `request` and returns once the answer's head has arrived; the body's chunks follow as
    /// they are read. Ending the body's iteration closes the connection.
    public func stream(_ request: URLRequest) async throws -> HTTPStreamedAnswer {
        let outgoing = try outgoing(request)
        let response = try await client.execute(outgoing, deadline: .distantFuture)
        var headers = Spec2SwiftRuntime.HTTPHeaders()
        for field in response.headers { headers[field.name] = field.value }
        // Read when asked for: AsyncHTTPClient then holds back reading from the connection.
        let reader = BodyReader(response.body.makeAsyncIterator())
        let chunks = AsyncThrowingStream<Data, any Error> { try await reader.next() }
        return HTTPStreamedAnswer(status: Int(response.status.code), headers: headers, body: chunks)
    }

    private func outgoing(_ request: URLRequest) throws -> HTTPClientRequest {
        guard let url = request.url else { throw URLError(.badURL) }
        var outgoing = HTTPClientRequest(url: url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.httpMethod ?? "GET")
        let headers = request.allHTTPHeaderFields ?? [:]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) where name.lowercased() != "content-length" {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.httpBody {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        } else if let stream = request.httpBodyStream {
            // A body read as it is sent (a file): its length is the request's `Content-Length`.
            let length = headers.first { $0.key.lowercased() == "content-length" }.flatMap { Int64($0.value) }
            outgoing.body = .stream(StreamChunks(stream, loops: loops), length: length.map { .known($0) } ?? .unknown)
        }
        return outgoing
    }

    private func execute(_ outgoing: HTTPClientRequest) async throws -> HTTPAnswer {
        let response = try await client.execute(outgoing, deadline: .distantFuture)
        let buffer = try await response.body.collect(upTo: maxBodySize)
        var headers = Spec2SwiftRuntime.HTTPHeaders()
        for field in response.headers { headers[field.name] = field.value }
        return HTTPAnswer(status: Int(response.status.code), headers: headers, body: Data(buffer.readableBytesView))
    }
}
/// The bytes of an `InputStream` (a file's, for a body read as it is sent), 256 KiB at a time.
/// Reading a file blocks for no longer than a disk read.
///
/// AsyncHTTPClient stops asking for chunks once the connection has more to write than it takes
/// (its writability), but learns that on the event loop, after the chunks it was handed: a disk
/// faster than the network would run ahead of it and fill memory (a 200 MiB upload grew the process
/// by as much). So each chunk after the first waits until every event loop has done what was handed
/// to it before, and with it the last chunk's write.
private struct StreamChunks: AsyncSequence, @unchecked Sendable {
    typealias Element = ByteBuffer
    let stream: InputStream
    let loops: [any EventLoop]

    init(_ stream: InputStream, loops: [any EventLoop]) {
        self.stream = stream
        self.loops = loops
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let stream: InputStream
        let loops: [any EventLoop]
        var opened = false

        mutating func next() async throws -> ByteBuffer? {
            if !opened {
                stream.open()
                opened = true
            } else {
                for loop in loops { try await loop.submit {}.get() }
            }
            var buffer = ByteBuffer()
            var result = 0
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 256 << 10) { raw in
                guard let base = raw.baseAddress else { return 0 }
                result = stream.read(base.assumingMemoryBound(to: UInt8.self), maxLength: raw.count)
                return Swift.max(0, result)
            }
            guard result > 0 else {
                stream.close()
                // (`streamError` is not read: FoundationNetworking traps on it.)
                if result < 0 { throw URLError(.cannotOpenFile) }
                return nil
            }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(stream: stream, loops: loops)
    }
}

/// A response body's iterator, advanced by one consumer at a time.
private final class BodyReader: @unchecked Sendable {
    private var iterator: HTTPClientResponse.Body.AsyncIterator

    init(_ iterator: HTTPClientResponse.Body.AsyncIterator) {
        self.iterator = iterator
    }

    func next() async throws -> Data? {
        try await iterator.next().map { Data($0.readableBytesView) }
    }
}
#else
#error("Spec2SwiftAsyncHTTPClient needs the package trait \"AsyncHTTPClient\": depend on spec2swift with traits: [.defaults] or traits: [\"AsyncHTTPClient\"]")
#endif
