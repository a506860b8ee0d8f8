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
public final class AsyncHTTPClientTransport: HTTPTransport {
    public let client: HTTPClient
    /// The largest answer body accepted; a longer one fails the attempt.
    public let maxBodySize: Int
    private let ownsClient: Bool

    /// A transport with an `HTTPClient` of its own, on the shared event loop group, shut down when the
    /// transport goes away. It follows no redirect, and a connection that cannot be made fails the
    /// attempt at once (AsyncHTTPClient would otherwise keep trying until the deadline), so that
    /// `APIClient`'s retry policy decides, as it does with `URLSessionTransport`.
    public convenience init(maxBodySize: Int = 256 << 20) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        self.init(client: HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration),
                  maxBodySize: maxBodySize, ownsClient: true)
    }

    /// A transport over a client of your own, which stays yours to shut down. Configure it with
    /// `redirectConfiguration = .disallow`: an answer the client reached through a redirect is refused,
    /// since the credentials may have gone with it.
    public convenience init(client: HTTPClient, maxBodySize: Int = 256 << 20) {
        self.init(client: client, maxBodySize: maxBodySize, ownsClient: false)
    }

    private init(client: HTTPClient, maxBodySize: Int, ownsClient: Bool) {
        self.client = client
        self.maxBodySize = maxBodySize
        self.ownsClient = ownsClient
    }

    deinit {
        if ownsClient {
            // The client holds itself alive until it has shut down.
            client.shutdown { _ in }
        }
    }

    public struct FollowedRedirect: Error, CustomStringConvertible {
        public var description: String {
            "the HTTPClient followed a redirect; configure it with redirectConfiguration = .disallow"
        }
    }

    public func send(_ request: URLRequest) async throws -> HTTPAnswer {
        guard let url = request.url else { throw URLError(.badURL) }
        var outgoing = HTTPClientRequest(url: url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.httpMethod ?? "GET")
        for (name, value) in (request.allHTTPHeaderFields ?? [:]).sorted(by: { $0.key < $1.key }) {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.httpBody {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(outgoing, deadline: .distantFuture)
        if response.history.count > 1 { throw FollowedRedirect() }
        let buffer = try await response.body.collect(upTo: maxBodySize)
        var headers = Spec2SwiftRuntime.HTTPHeaders()
        for field in response.headers { headers[field.name] = field.value }
        return HTTPAnswer(status: Int(response.status.code), headers: headers, body: Data(buffer.readableBytesView))
    }
}
