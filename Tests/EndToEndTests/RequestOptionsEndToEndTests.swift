import Foundation
import Spec2SwiftRuntime
import Testing

/// Per-call options and idempotency keys over real HTTP on loopback, through both transports: what the
/// server receives.
@Suite struct RequestOptionsEndToEndTests {
    struct Charge: Codable, Sendable, Equatable { var id: String }

    static func charge(amount: Int) -> Request<Charge> {
        var request = Request<Charge>(method: .post, server: "https://payments.invalid", path: "/charges",
                                      operationID: "createCharge", decoding: .json)
        request.body = ["amount": amount]
        request.idempotencyKeyHeader = "Idempotency-Key"
        return request
    }

    /// Retries come at once (no pause), so nothing here waits for time to pass.
    static let retryAtOnce = RetryPolicy(maxAttempts: 3, initialDelay: .zero, maxDelay: .zero, jitter: 0)

    @Test(arguments: TransportKind.allCases)
    func aKeyedPostIsRetriedWithOneKeyAndTheNextCallGetsAnother(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("POST", "/charges") { _, call in
            call % 3 < 2 ? .json(503, #"{"message":"busy"}"#) : .json(200, #"{"id":"ch_\#(call)"}"#)
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let client = APIClient(authentication: .bearer("t"), transport: transport.make(), baseURL: server.url,
                               retryPolicy: Self.retryAtOnce)
        #expect(try await client.send(Self.charge(amount: 5)) == Charge(id: "ch_2"))
        #expect(try await client.send(Self.charge(amount: 5)) == Charge(id: "ch_5"))
        let keys = server.requests.map { $0.headers["idempotency-key"] ?? "" }
        #expect(keys.count == 6)
        #expect(Set(keys[0..<3]).count == 1 && Set(keys[3..<6]).count == 1, "one key per call: \(keys)")
        #expect(keys[0] != keys[3] && keys[0].count == 36, "a new UUID per call: \(keys)")
    }

    @Test(arguments: TransportKind.allCases)
    func aKeyTheCallerGivesIsSentOnEveryAttempt(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("POST", "/charges") { _, call in call == 0 ? .json(502, "{}") : .json(200, #"{"id":"ch_1"}"#) }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let client = APIClient(transport: transport.make(), baseURL: server.url, retryPolicy: Self.retryAtOnce)
        var request = Self.charge(amount: 1)
        request.headers["Idempotency-Key"] = "order-42"
        _ = try await client.send(request)
        #expect(server.requests.map { $0.headers["idempotency-key"] } == ["order-42", "order-42"])
    }

    @Test(arguments: TransportKind.allCases)
    func aPostWithoutAKeyIsNotRetried(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("POST", "/charges") { _, _ in .json(503, "{}") }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let client = APIClient(transport: transport.make(), baseURL: server.url, retryPolicy: Self.retryAtOnce)
        var request = Self.charge(amount: 1)
        request.idempotencyKeyHeader = nil
        await #expect(throws: APIError.self) { try await client.send(request) }
        #expect(server.requests.count == 1)
    }

    @Test(arguments: TransportKind.allCases)
    func optionsReachTheServerOfThisCallOnly(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("POST", "/charges") { _, _ in .json(200, #"{"id":"ch"}"#) }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let elsewhere = try LoopbackServer(handler: router.handle)
        defer { elsewhere.stop() }
        let client = APIClient(transport: transport.make(), baseURL: server.url, retryPolicy: .none)
        let options = RequestOptions(headers: HTTPHeaders([("X-Trace", "abc")]), query: [(name: "expand", value: "a b")],
                                     baseURL: elsewhere.url)
        _ = try await client.send(Self.charge(amount: 1), options: options)
        _ = try await client.send(Self.charge(amount: 1))
        #expect(elsewhere.requests.map(\.query) == ["expand=a%20b"])
        #expect(elsewhere.requests.map { $0.headers["x-trace"] } == ["abc"])
        #expect(server.requests.map(\.query) == [""])
        #expect(server.requests.map { $0.headers["x-trace"] } == [nil])
    }
}
