import Foundation
import Generated
import Spec2SwiftRuntime
import Testing
import TestSupport

/// The client under network faults, over loopback, through each transport: every fault ends in the
/// typed error it calls for (or in success) within its timeout, with no connection left open behind a
/// failed call, and with the credential in no rendering of the error. Retries happen only where the
/// policy says.
@Suite struct NetworkFaultTests {
    /// A credential that no message may show; sent in a header and in the query.
    static let credential = "cred-" + UUID().uuidString

    static func client(_ server: FaultServer, _ transport: TransportKind, timeout: Duration = .seconds(60),
                       retryPolicy: RetryPolicy = .none) -> APIClient {
        APIClient(authentication: Authentication(headers: [("Authorization", "Bearer " + credential)],
                                                 query: [("key", credential)]),
                  transport: transport.make(), baseURL: server.url, timeout: timeout, retryPolicy: retryPolicy)
    }

    /// A GET (idempotent, so retried on connection errors) and a POST (not retried unless the policy says).
    static let quota = Cloudflare.Stores.quota(accountID: "a")
    static let quotaBody = #"{"success":true,"errors":[],"messages":[],"result":{"secrets":{"quota":100,"usage":1}}}"#
    static let create = Cloudflare.Stores.create(accountID: "a", body: Cloudflare.CreateStoreRequest(name: "n"))
    static let storeBody = #"{"success":true,"errors":[],"messages":[],"result":{"id":"s","name":"n","#
        + #""created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z"}}"#

    /// The error `body` throws, which must be of `kind` and must not show the credential.
    func expectError<T>(_ kind: String, sourceLocation: SourceLocation = #_sourceLocation,
                        _ body: () async throws -> T) async -> APIError? {
        let error = await expectAPIError(sourceLocation: sourceLocation, body)
        guard let error else { return nil }
        #expect(ClientBehaviourTests.kind(error) == kind, "got \(error)", sourceLocation: sourceLocation)
        for (way, text) in renderings(error) {
            #expect(!text.contains(Self.credential), "\(way) shows the credential: \(text)", sourceLocation: sourceLocation)
        }
        return error
    }

    /// After a failed call, the client has let go of every connection it opened: the server sees each
    /// one end. (A connection that stays open fails the test after 60 s, a bound far from the
    /// milliseconds a close takes.)
    func expectNoOpenConnection(_ server: FaultServer, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let closed = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await server.waitUntil { _, open in open == 0 }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(60))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(closed, "\(server.openConnections) connection(s) still open", sourceLocation: sourceLocation)
    }

    /// A client on a virtual clock: its timeouts and retry pauses pass only when the test advances it.
    static func client(_ server: FaultServer, _ transport: TransportKind, timeout: Duration, retryPolicy: RetryPolicy = .none,
                       clock: ManualClock) -> APIClient {
        APIClient(authentication: Authentication(headers: [("Authorization", "Bearer " + credential)],
                                                 query: [("key", credential)]),
                  transport: transport.make(), baseURL: server.url, timeout: timeout, retryPolicy: retryPolicy,
                  clock: ClientClock(clock))
    }

    // MARK: - Resets

    @Test(arguments: TransportKind.allCases)
    func aResetBeforeTheStatusLineIsATransportErrorRetriedOnlyForIdempotentCalls(transport: TransportKind) async throws {
        let server = try FaultServer { connection in
            connection.readRequest()
            connection.reset()
        }
        defer { server.stop() }
        let client = Self.client(server, transport, retryPolicy: fastRetries)
        _ = await expectError("transport") { try await client.send(Self.quota) }
        #expect(server.connections == 3, "a GET is retried up to the policy's 3 attempts")
        _ = await expectError("transport") { try await client.send(Self.create) }
        #expect(server.connections == 4, "a POST is not retried")
        let retryingPosts = Self.client(server, transport, retryPolicy: fastRetriesForAllMethods)
        _ = await expectError("transport") { try await retryingPosts.send(Self.create) }
        #expect(server.connections == 7, "a POST is retried when the policy says so")
        try await expectNoOpenConnection(server)
    }

    /// The connection is reset after the head, or after half of the body.
    @Test(arguments: TransportKind.allCases, [false, true])
    func aResetAfterTheHeadIsATransportError(transport: TransportKind, midBody: Bool) async throws {
        let server = try FaultServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
            if midBody { connection.write(String(repeating: " ", count: 500)) }
            // The reset comes after what was written has reached the client's socket.
            connection.waitUntilSent()
            connection.reset()
        }
        defer { server.stop() }
        _ = await expectError("transport") { try await Self.client(server, transport).send(Self.quota) }
        #expect(server.connections == 1)
        try await expectNoOpenConnection(server)
    }

    // MARK: - Bodies that end early

    enum IncompleteAnswer: String, CaseIterable, Sendable {
        /// A `Content-Length` longer than the body, then an orderly close.
        case shorterThanItsContentLength
        /// A chunked body without its last chunk.
        case chunkedCutShort

        var text: String {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            switch self {
            case .shorterThanItsContentLength:
                return head + "Content-Length: \(quotaBody.utf8.count + 50)\r\n\r\n" + quotaBody
            case .chunkedCutShort:
                return head + "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"success\":true,\r\n"
            }
        }
    }

    /// An answer that ends before it is complete is a transport error, never a shorter success.
    @Test(arguments: TransportKind.allCases, IncompleteAnswer.allCases)
    func anIncompleteAnswerIsATransportError(transport: TransportKind, answer: IncompleteAnswer) async throws {
        let server = try FaultServer { connection in
            connection.readRequest()
            connection.write(answer.text)
        }
        defer { server.stop() }
        _ = await expectError("transport") { try await Self.client(server, transport).send(Self.quota) }
        #expect(server.connections == 1)
        try await expectNoOpenConnection(server)
    }

    // MARK: - Bodies that are not the answer

    enum BadBody: String, CaseIterable, Sendable {
        case notJSON, notUTF8, wrongShape

        var bytes: Data {
            switch self {
            case .notJSON: return Data("<html>hello</html>".utf8)
            case .notUTF8: return Data([0xFF, 0xFE, 0x7B, 0x80, 0x22])
            case .wrongShape: return Data(#"{"success":true,"errors":[],"messages":[],"result":{"secrets":"many"}}"#.utf8)
            }
        }
    }

    /// A complete answer that does not decode is a decoding error carrying the body, and is not retried.
    @Test(arguments: TransportKind.allCases, BadBody.allCases)
    func aBodyThatIsNotTheAnswerIsADecodingErrorWithItsBody(transport: TransportKind, body: BadBody) async throws {
        let server = try FaultServer { connection in
            connection.readRequest()
            connection.write(Data("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.bytes.count)\r\n\r\n".utf8)
                             + body.bytes)
        }
        defer { server.stop() }
        let error = await expectError("decoding") { try await Self.client(server, transport, retryPolicy: fastRetries).send(Self.quota) }
        if case .decoding(_, _, let received)? = error { #expect(received == body.bytes) }
        #expect(server.connections == 1)
    }

    // MARK: - Size, time and load

    @Test(arguments: TransportKind.allCases)
    func aTenMegabyteAnswerArrivesWhole(transport: TransportKind) async throws {
        let text = String(repeating: "0123456789abcdef", count: 10 * 1_024 * 1_024 / 16)
        let body = #"{"versionId":"v","entries":[{"key":"big","textValue":""# + text + #""}]}"#
        let server = try FaultServer { connection in
            while connection.readRequest() { connection.answer(200, body) }
        }
        defer { server.stop() }
        let payload = try await Self.client(server, transport, timeout: .seconds(60)).send(Lockbox.Payloads.get(secretID: "s"))
        guard case .textValue(let value)? = payload.entries?.first?.value else {
            Issue.record("expected one text entry, got \(payload)")
            return
        }
        #expect(value.value.utf8.count == 10 * 1_024 * 1_024)
        #expect(value.value == text)
    }

    /// A head that never ends times out; the attempt's connection is closed, and the GET is retried
    /// as the policy says. Time is virtual: each attempt's timeout passes when the test advances the
    /// clock, once the server holds the attempt's connection.
    @Test(arguments: TransportKind.allCases)
    func headersThatNeverFinishTimeOut(transport: TransportKind) async throws {
        let headsStarted = ScriptEvents()
        let server = try FaultServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
            connection.waitUntilSent()
            headsStarted.signal()
            _ = connection.waitForClientToClose(within: .seconds(60))
        }
        defer { server.stop() }
        let clock = ManualClock()
        let client = Self.client(server, transport, timeout: .seconds(1),
                                 retryPolicy: RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(10), maxDelay: .milliseconds(10),
                                                          jitter: 0),
                                 clock: clock)
        let call = Task { await expectError("timedOut") { try await client.send(Self.quota) } }
        // Each attempt times out once its request has been read and the head has begun.
        await headsStarted.wait(for: 1)
        await clock.waitForSleep(of: .seconds(1))
        clock.advance(by: .seconds(1))
        await clock.waitForSleep(of: .milliseconds(10))
        clock.advance(by: .milliseconds(10))
        await headsStarted.wait(for: 2)
        await clock.waitForSleep(of: .seconds(1))
        clock.advance(by: .seconds(1))
        _ = await call.value
        #expect(server.connections == 2)
        #expect(clock.now.offset == .milliseconds(2010), "two attempts of 1 s and a pause of 10 ms")
        try await expectNoOpenConnection(server)
    }

    /// An answer that keeps trickling is still incomplete when the timeout comes: bytes arriving do not
    /// move the deadline. The server writes a byte each time the test asks, between advances of the
    /// virtual clock.
    @Test(arguments: TransportKind.allCases)
    func anAnswerThatTricklesTimesOut(transport: TransportKind) async throws {
        let steps = Steps()
        let requestsRead = ScriptEvents()
        let server = try FaultServer { connection in
            connection.readRequest()
            requestsRead.signal()
            let answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(Self.quotaBody.utf8.count)\r\n\r\n"
                + Self.quotaBody
            for byte in answer.utf8 {
                guard steps.next(), connection.write(Data([byte])) else { break }
                connection.waitUntilSent()
                steps.done()
            }
            _ = connection.waitForClientToClose(within: .seconds(60))
        }
        defer { server.stop() }
        let clock = ManualClock()
        let client = Self.client(server, transport, timeout: .milliseconds(1_500), clock: clock)
        let call = Task { await expectError("timedOut") { try await client.send(Self.quota) } }
        await requestsRead.wait(for: 1)
        await clock.waitForSleep(of: .milliseconds(1_500))
        for _ in 0..<3 {
            await steps.writeOne()
            clock.advance(by: .milliseconds(500))
        }
        _ = await call.value
        steps.finish()
        #expect(clock.now.offset == .milliseconds(1_500))
        try await expectNoOpenConnection(server)
    }

    /// The trickling server's orders: write one more byte, or stop writing.
    final class Steps: @unchecked Sendable {
        private let lock = NSLock()
        private var finished = false
        private let order = DispatchSemaphore(value: 0)
        private var written: CheckedContinuation<Void, Never>?

        /// The server's side: whether to write the next byte (false once the test has finished).
        func next() -> Bool {
            // Bounded far from what the test needs, in case it ends without saying so.
            guard order.wait(timeout: .now() + 60) == .success else { return false }
            return lock.withLock { !finished }
        }

        /// The server's side: the byte has reached the client's socket.
        func done() {
            lock.withLock { () -> CheckedContinuation<Void, Never>? in
                defer { written = nil }
                return written
            }?.resume()
        }

        /// The test's side: has the server write one byte, and returns once it has.
        func writeOne() async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                lock.withLock { written = continuation }
                order.signal()
            }
        }

        func finish() {
            lock.withLock { finished = true }
            order.signal()
        }
    }

    @Test(arguments: TransportKind.allCases)
    func aHundredConcurrentRequestsThroughOneClientAllSucceed(transport: TransportKind) async throws {
        let server = try FaultServer { connection in
            while connection.readRequest() { connection.answer(200, Self.quotaBody) }
        }
        defer { server.stop() }
        let client = Self.client(server, transport, timeout: .seconds(60))
        let (usages, elapsed) = try await measure {
            try await withThrowingTaskGroup(of: Double.self) { group in
                for _ in 0..<100 { group.addTask { try await client.send(Self.quota).secrets.usage } }
                return try await group.reduce(into: [Double]()) { $0.append($1) }
            }
        }
        #expect(usages == Array(repeating: 1, count: 100))
        #expect(server.connections >= 1 && server.connections <= 100)
        #expect(elapsed < .seconds(60))
    }

    /// The server answers as if it kept the connection, then closes it, and each call starts after
    /// the server has closed the last connection (as when a server ends idle connections). The client
    /// may not have seen the close yet when it sends the next request, which then ends in a transport
    /// error: the policy retries the GET, which always succeeds; the POST is not retried (RFC 9110,
    /// 9.2.2), and it never reaches the server twice, or without the client knowing.
    @Test(arguments: TransportKind.allCases)
    func aServerThatClosesKeepAliveConnectionsBetweenRequests(transport: TransportKind) async throws {
        let posts = Counter()
        let server = try FaultServer { connection in
            guard connection.readRequest() else { return }
            connection.answer(200, posts.answeredPost() ? Self.storeBody : Self.quotaBody)
        }
        defer { server.stop() }
        let client = Self.client(server, transport, retryPolicy: fastRetries)
        var postsThatSucceeded = 0
        for round in 0..<5 {
            posts.expectPost(false)
            #expect(try await client.send(Self.quota).secrets.quota == 100, "GET \(round)")
            try await expectNoOpenConnection(server)
            posts.expectPost(true)
            do {
                #expect(try await client.send(Self.create).id == "s", "POST \(round)")
                postsThatSucceeded += 1
            } catch {
                #expect(ClientBehaviourTests.kind(error) == "transport", "POST \(round): \(error)")
            }
            try await expectNoOpenConnection(server)
        }
        #expect(posts.postsAnswered == postsThatSucceeded, "every POST the server answered, and only those, succeeded")
        #expect(postsThatSucceeded >= 1)
    }

    /// Which answer the keep-alive test's server gives next (calls are sequential), and how many POSTs it answered.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var post = false
        private var answered = 0

        func expectPost(_ value: Bool) {
            lock.lock()
            post = value
            lock.unlock()
        }

        /// Whether the request just read is the POST; counts it.
        func answeredPost() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if post { answered += 1 }
            return post
        }

        var postsAnswered: Int {
            lock.lock()
            defer { lock.unlock() }
            return answered
        }
    }
}
