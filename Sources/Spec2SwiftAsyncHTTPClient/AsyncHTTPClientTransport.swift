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
        self.maxBodySize = maxBodySize
    }

    deinit {
        // The client holds itself alive until it has shut down.
        client.shutdown { _ in }
    }

    public func send(_ request: URLRequest) async throws -> HTTPAnswer {
        let outgoing = try Self.outgoing(request)
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
        let outgoing = try Self.outgoing(request)
        let response = try await client.execute(outgoing, deadline: .distantFuture)
        var headers = Spec2SwiftRuntime.HTTPHeaders()
        for field in response.headers { headers[field.name] = field.value }
        // Read when asked for: AsyncHTTPClient then holds back reading from the connection.
        let reader = BodyReader(response.body.makeAsyncIterator())
        let chunks = AsyncThrowingStream<Data, any Error> { try await reader.next() }
        return HTTPStreamedAnswer(status: Int(response.status.code), headers: headers, body: chunks)
    }

    private static func outgoing(_ request: URLRequest) throws -> HTTPClientRequest {
        guard let url = request.url else { throw URLError(.badURL) }
        var outgoing = HTTPClientRequest(url: url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.httpMethod ?? "GET")
        for (name, value) in (request.allHTTPHeaderFields ?? [:]).sorted(by: { $0.key < $1.key }) {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.httpBody {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
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
