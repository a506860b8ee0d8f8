import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Spec2SwiftRuntime
import Testing
import TestSupport

/// `RequestOptions`: one call's timeout, retries, headers, query and base URL, on a clock the test
/// advances; the client's own settings are untouched.
@Suite struct RequestOptionsTests {
    typealias Scripted = VirtualTimeTests.ScriptedTransport

    static let ok = VirtualTimeTests.answer(200, #"{"id":"1"}"#)

    static var get: Request<VirtualTimeTests.Item> {
        var request = VirtualTimeTests.get
        request.query.append("fields", "id")
        request.headers["X-Mode"] = "operation"
        return request
    }

    @Test func headersAndQueryAreAddedToThisCallOnly() async throws {
        let transport = Scripted([Self.ok, Self.ok])
        let client = VirtualTimeTests.client(transport, ManualClock())
        let options = RequestOptions(headers: HTTPHeaders([("x-mode", "call"), ("X-Trace", "t 1")]),
                                     query: [(name: "debug", value: "a&b")])
        _ = try await client.send(Self.get, options: options)
        _ = try await client.send(Self.get)
        let (first, second) = (transport.requests[0], transport.requests[1])
        #expect(first.url?.absoluteString == "https://api.example.com/items/1?fields=id&debug=a%26b")
        #expect(first.value(forHTTPHeaderField: "X-Mode") == "call")
        #expect(first.value(forHTTPHeaderField: "X-Trace") == "t 1")
        #expect(second.url?.absoluteString == "https://api.example.com/items/1?fields=id")
        #expect(second.value(forHTTPHeaderField: "X-Mode") == "operation")
        #expect(second.value(forHTTPHeaderField: "X-Trace") == nil)
    }

    @Test func theBaseURLIsReplacedForThisCallOnly() async throws {
        let transport = Scripted([Self.ok, Self.ok])
        var client = VirtualTimeTests.client(transport, ManualClock())
        client.baseURL = URL(string: "https://proxy.example.com/v2")
        _ = try await client.send(Self.get, options: RequestOptions(baseURL: URL(string: "http://127.0.0.1:8080")))
        _ = try await client.send(Self.get)
        #expect(transport.requests.map { $0.url?.host } == ["127.0.0.1", "proxy.example.com"])
    }

    @Test func aCallCanRetryWhereTheClientDoesNot() async throws {
        let clock = ManualClock()
        let transport = Scripted([VirtualTimeTests.answer(503), Self.ok])
        let client = VirtualTimeTests.client(transport, clock, retries: .none)
        let retrying = RetryPolicy(maxAttempts: 2, initialDelay: .seconds(2), maxDelay: .seconds(10), jitter: 0)
        let call = Task { try await client.send(Self.get, options: RequestOptions(retryPolicy: retrying)) }
        await clock.waitForSleep(of: .seconds(2))
        #expect(transport.attempts == 1)
        clock.advance(by: .seconds(2))
        #expect(try await call.value.id == "1")
        #expect(transport.attempts == 2)
    }

    @Test func aCallsTimeoutReplacesTheClients() async throws {
        let clock = ManualClock()
        let transport = Scripted([nil])
        let client = VirtualTimeTests.client(transport, clock, timeout: .seconds(60))
        let call = Task {
            await VirtualTimeTests.failure { () async throws(APIError) in
                _ = try await client.send(Self.get, options: RequestOptions(timeout: .seconds(5)))
            }
        }
        await clock.waitForSleep(of: .seconds(5))
        clock.advance(by: .seconds(5))
        guard case .timedOut(_, let after)? = await call.value else {
            Issue.record("expected timedOut")
            return
        }
        #expect(after == .seconds(5))
        #expect(clock.now.offset == .seconds(5))
    }

    @Test func middlewareSeesTheOptionsOnEveryAttempt() async throws {
        struct Recorder: ClientMiddleware {
            let seen: Recorded
            func intercept(_ request: URLRequest, context: MiddlewareContext,
                           next: (URLRequest) async throws -> HTTPAnswer) async throws -> HTTPAnswer {
                seen.append("\(context.attempt) \(context.options.headers["X-Trace"] ?? "-")")
                return try await next(request)
            }
        }
        final class Recorded: @unchecked Sendable {
            private let lock = NSLock()
            private var lines: [String] = []
            func append(_ line: String) { lock.withLock { lines.append(line) } }
            var all: [String] { lock.withLock { lines } }
        }
        let clock = ManualClock()
        let seen = Recorded()
        let transport = Scripted([VirtualTimeTests.answer(503), Self.ok, Self.ok])
        var configured = VirtualTimeTests.client(transport, clock)
        configured.middleware = [Recorder(seen: seen)]
        let client = configured
        let retrying = RetryPolicy(maxAttempts: 2, initialDelay: .seconds(1), maxDelay: .seconds(1), jitter: 0)
        let call = Task {
            try await client.send(Self.get, options: RequestOptions(retryPolicy: retrying, headers: HTTPHeaders([("X-Trace", "abc")])))
        }
        await clock.waitForSleep(of: .seconds(1))
        clock.advance(by: .seconds(1))
        _ = try await call.value
        _ = try await client.send(Self.get)
        #expect(seen.all == ["1 abc", "2 abc", "1 -"])
    }

    @Test func everyPageIsFetchedWithTheOptions() async throws {
        let transport = Scripted([VirtualTimeTests.answer(200, #"[{"id":"1"}]"#), VirtualTimeTests.answer(200, "[]")])
        let client = VirtualTimeTests.client(transport, ManualClock())
        let list = Request<[VirtualTimeTests.Item]>(method: .get, server: "https://api.example.com", path: "/items",
                                                     operationID: "listItems", decoding: .json)
        let paged = PagedRequest<VirtualTimeTests.Item>(first: .offset(0)) { cursor in
            var request = list
            request.query.append("offset", cursor.offset)
            return request.paged(offset: cursor.offset, items: { $0 })
        }
        let items = try await client.all(paged, options: RequestOptions(headers: HTTPHeaders([("X-Trace", "p")])))
        #expect(items.map(\.id) == ["1"])
        #expect(transport.requests.map { $0.value(forHTTPHeaderField: "X-Trace") } == ["p", "p"])
    }
}
