import Foundation
import Generated
import Spec2SwiftRuntime
import Testing
import TestSupport

/// How `APIClient` over `URLSessionTransport` treats error statuses, retries, timeouts, refused
/// connections and cancellation, against a loopback server.
@Suite struct ClientBehaviourTests {
    /// The three error shapes the runtime knows, each with an operation of its API.
    enum Provider: String, CaseIterable, Sendable {
        case cloudflare, yandex, gcore

        var errorBody: String {
            switch self {
            case .cloudflare:
                return #"{"success":false,"errors":[{"code":10000,"message":"Authentication error"},"#
                    + #"{"code":10001,"message":"store_not_empty"}],"messages":[],"result":null}"#
            case .yandex:
                return #"{"code":16,"message":"The token is invalid","details":[]}"#
            case .gcore:
                return #"{"message":"Secret not found","exception_class":"NotFound"}"#
            }
        }

        var messages: [ProviderMessage] {
            switch self {
            case .cloudflare:
                return [ProviderMessage(code: "10000", message: "Authentication error"),
                        ProviderMessage(code: "10001", message: "store_not_empty")]
            case .yandex: return [ProviderMessage(code: "16", message: "The token is invalid")]
            case .gcore: return [ProviderMessage(message: "Secret not found")]
            }
        }

        var operationID: String {
            switch self {
            case .cloudflare: return "secrets-store.get-store"
            case .yandex: return "SecretService.Get"
            case .gcore: return Gcore.Secrets.getSecret(projectID: 1, regionID: 1, secretID: "s").operationID
            }
        }

        /// Sends this provider's operation and returns the error it throws.
        func call(_ client: APIClient) async -> APIError? {
            switch self {
            case .cloudflare: return await expectAPIError { try await client.send(Cloudflare.Stores.get(accountID: "a", storeID: "s")) }
            case .yandex: return await expectAPIError { try await client.send(Lockbox.Secrets.get(secretID: "s")) }
            case .gcore:
                return await expectAPIError { try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 1, secretID: "s")) }
            }
        }
    }

    /// The name of an error's case, and the answer it carries.
    static func kind(_ error: APIError) -> String {
        switch error {
        case .badRequest: return "badRequest"
        case .unauthorized: return "unauthorized"
        case .forbidden: return "forbidden"
        case .notFound: return "notFound"
        case .conflict: return "conflict"
        case .rateLimited: return "rateLimited"
        case .serverError: return "serverError"
        case .unexpectedStatus: return "unexpectedStatus"
        case .unsuccessful: return "unsuccessful"
        case .operationFailed: return "operationFailed"
        case .timedOut: return "timedOut"
        case .transport: return "transport"
        case .decoding: return "decoding"
        case .invalidRequest: return "invalidRequest"
        case .cancelled: return "cancelled"
        case .redirectRefused: return "redirectRefused"
        case .middlewareFailed: return "middlewareFailed"
        case .credentialsUnavailable: return "credentialsUnavailable"
        }
    }

    static let expectedKinds = [
        400: "badRequest", 401: "unauthorized", 403: "forbidden", 404: "notFound", 409: "conflict",
        429: "rateLimited", 500: "serverError", 422: "badRequest", 418: "unexpectedStatus",
    ]

    /// A client on `clock`: a clock no test advances unless it checks time, so that no attempt ever
    /// times out because the machine is busy.
    static func client(_ server: LoopbackServer, _ transport: TransportKind = .urlSession, timeout: Duration = .seconds(60),
                       retryPolicy: RetryPolicy = .none, clock: ManualClock = ManualClock()) -> APIClient {
        APIClient(authentication: .bearer("t"), transport: transport.make(), baseURL: server.url, servers: [:],
                  timeout: timeout, retryPolicy: retryPolicy, clock: ClientClock(clock))
    }

    @Test(arguments: [400, 401, 403, 404, 409, 429, 500, 422, 418], Provider.allCases)
    func anErrorStatusBecomesItsCaseWithTheProviderMessages(status: Int, provider: Provider) async throws {
        for transport in TransportKind.allCases {
            let server = try LoopbackServer { _ in .json(status, provider.errorBody, headers: [("X-Request-Id", "req-1")]) }
            defer { server.stop() }
            let error = await provider.call(Self.client(server, transport))
            guard let error else { continue }
            #expect(Self.kind(error) == Self.expectedKinds[status])
            #expect(error.status == status)
            #expect(error.response?.messages == provider.messages)
            #expect(error.response?.body == Data(provider.errorBody.utf8))
            #expect(error.response?.operationID == provider.operationID)
            #expect(error.response?.headers.first { $0.key.lowercased() == "x-request-id" }?.value == "req-1")
            #expect(server.requests.count == 1)
        }
    }

    @Test(arguments: TransportKind.allCases)
    func aRateLimitWithRetryAfterZeroIsRetriedAndSucceeds(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("GET", "/accounts/a/secrets_store/quota") { _, count in
            count == 0
                ? .json(429, #"{"success":false,"errors":[{"code":971,"message":"slow down"}],"messages":[]}"#,
                        headers: [("Retry-After", "0")])
                : .json(200, #"{"success":true,"errors":[],"messages":[],"result":{"secrets":{"quota":100,"usage":1}}}"#)
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let quota = try await Self.client(server, transport, retryPolicy: fastRetries).send(Cloudflare.Stores.quota(accountID: "a"))
        #expect(quota.secrets.usage == 1)
        #expect(server.requests.count == 2)
    }

    /// Retrying before the server's `Retry-After` would only be refused again, so the client gives up at once.
    @Test(arguments: TransportKind.allCases)
    func aRetryAfterLongerThanMaxDelayIsNotRetried(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { _ in .json(503, #"{"message":"later"}"#, headers: [("Retry-After", "120")]) }
        defer { server.stop() }
        let clock = ManualClock()
        let error = await expectAPIError {
            try await Self.client(server, transport, retryPolicy: fastRetries, clock: clock).send(Cloudflare.Stores.quota(accountID: "a"))
        }
        guard case .serverError(let response)? = error else {
            Issue.record("expected serverError, got \(String(describing: error))")
            return
        }
        #expect(response.headers.first { $0.key.lowercased() == "retry-after" }?.value == "120")
        #expect(server.requests.count == 1)
        #expect(clock.requestedSleeps.allSatisfy { $0 == .seconds(60) }, "no pause, only the attempt's deadline")
    }

    @Test(arguments: TransportKind.allCases)
    func anErrorBodyThatIsNotJSONKeepsTheBodyWithoutMessages(_ transport: TransportKind) async throws {
        let html = "<html><body>502 Bad Gateway</body></html>"
        let server = try LoopbackServer { _ in
            LoopbackServer.Response(status: 502, headers: [("Content-Type", "text/html")], body: Data(html.utf8))
        }
        defer { server.stop() }
        let error = await expectAPIError { try await Self.client(server, transport).send(Lockbox.Secrets.get(secretID: "s")) }
        guard case .serverError(let response)? = error else {
            Issue.record("expected serverError, got \(String(describing: error))")
            return
        }
        #expect(response.status == 502)
        #expect(response.messages.isEmpty)
        #expect(String(decoding: response.body, as: UTF8.self) == html)
    }

    @Test(arguments: TransportKind.allCases)
    func aSuccessfulAnswerOfTheWrongShapeIsADecodingError(_ transport: TransportKind) async throws {
        let body = #"{"id":42,"name":"not a secret"}"#
        let server = try LoopbackServer { _ in .json(200, body) }
        defer { server.stop() }
        let error = await expectAPIError { try await Self.client(server, transport).send(Lockbox.Secrets.get(secretID: "s")) }
        guard case .decoding(let operationID, let message, let received)? = error else {
            Issue.record("expected decoding, got \(String(describing: error))")
            return
        }
        #expect(operationID == "SecretService.Get")
        #expect(message.contains("id"))
        #expect(received == Data(body.utf8))
    }

    @Test(arguments: TransportKind.allCases)
    func threeServerErrorsExhaustTheAttempts(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { _ in .json(503, #"{"message":"unavailable"}"#) }
        defer { server.stop() }
        let error = await expectAPIError {
            try await Self.client(server, transport, retryPolicy: fastRetries).send(Gcore.Secrets.getSecret(projectID: 1, regionID: 1, secretID: "s"))
        }
        guard case .serverError(let response)? = error else {
            Issue.record("expected serverError, got \(String(describing: error))")
            return
        }
        #expect(response.status == 503)
        #expect(response.messages == [ProviderMessage(message: "unavailable")])
        #expect(server.requests.count == 3)
    }

    @Test(arguments: TransportKind.allCases)
    func aPOSTIsNotRetriedByDefault(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { _ in .json(503, #"{"success":false,"errors":[{"code":1,"message":"busy"}],"messages":[]}"#) }
        defer { server.stop() }
        let error = await expectAPIError {
            try await Self.client(server, transport, retryPolicy: fastRetries).send(Cloudflare.Stores.create(accountID: "a", body: .init(name: "n")))
        }
        if case .serverError? = error {} else { Issue.record("expected serverError, got \(String(describing: error))") }
        #expect(server.requests.map(\.method) == ["POST"])
    }

    @Test(arguments: TransportKind.allCases)
    func aPOSTIsRetriedWhenThePolicyAllowsIt(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("POST", "/accounts/a/secrets_store/stores") { _, count in
            count == 0
                ? .json(503, #"{"success":false,"errors":[{"code":1,"message":"busy"}],"messages":[]}"#)
                : .json(200, CloudflareJSON.envelope(CloudflareJSON.store))
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let store = try await Self.client(server, transport, retryPolicy: fastRetriesForAllMethods)
            .send(Cloudflare.Stores.create(accountID: "a", body: .init(name: "n")))
        #expect(store.name == "service_x_keys")
        #expect(server.requests.map(\.method) == ["POST", "POST"])
        #expect(server.requests.map(\.bodyText) == [#"{"name":"n"}"#, #"{"name":"n"}"#])
    }

    @Test(arguments: TransportKind.allCases)
    func aReplySlowerThanTheTimeoutTimesOut(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { _ in .json(200, #"{"message":"late"}"#, delay: .seconds(120)) }
        defer { server.stop() }
        let clock = ManualClock()
        let client = Self.client(server, transport, timeout: .seconds(30), clock: clock)
        let call = Task { await expectAPIError { try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 1, secretID: "s")) } }
        await server.waitForRequests(1)
        clock.advance(by: .seconds(30))
        let error = await call.value
        guard case .timedOut(let operationID, let after)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(operationID == Provider.gcore.operationID)
        #expect(after == .seconds(30))
        #expect(server.requests.count == 1)
    }

    @Test(arguments: TransportKind.allCases)
    func aTimedOutGETIsRetried(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { _ in .json(200, #"{"message":"late"}"#, delay: .seconds(120)) }
        defer { server.stop() }
        let clock = ManualClock()
        let client = Self.client(server, transport, timeout: .seconds(30), retryPolicy: fastRetries, clock: clock)
        let call = Task { await expectAPIError { try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 1, secretID: "s")) } }
        for attempt in 1...3 {
            // Each attempt has reached the server before its time runs out.
            await server.waitForRequests(attempt)
            clock.advance(by: .seconds(30))
        }
        let error = await call.value
        if case .timedOut? = error {} else { Issue.record("expected timedOut, got \(String(describing: error))") }
        #expect(server.requests.count == 3)
    }

    @Test(arguments: TransportKind.allCases)
    func aPortWithNoServerIsATransportError(_ transport: TransportKind) async throws {
        let nobody = try LoopbackServer.RefusingPort()
        let client = APIClient(authentication: .bearer("t"), transport: transport.make(), baseURL: nobody.url, servers: [:],
                               timeout: .seconds(120), retryPolicy: fastRetries)
        let (error, elapsed) = await measure {
            await expectAPIError { try await client.send(Cloudflare.Stores.quota(accountID: "a")) }
        }
        guard case .transport(let operationID, let message)? = error else {
            Issue.record("expected transport, got \(String(describing: error))")
            return
        }
        #expect(operationID == "secrets-store.quota")
        #expect(!message.isEmpty)
        #expect(elapsed < .seconds(60)) // refused at once, not timed out after 120 s
        withExtendedLifetime(nobody) {}
    }

    @Test(arguments: TransportKind.allCases)
    func cancellingTheTaskCancelsTheRequestQuickly(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { _ in .json(200, #"{"message":"late"}"#, delay: .seconds(120)) }
        defer { server.stop() }
        let client = Self.client(server, transport, retryPolicy: fastRetries)
        let task = Task { await expectAPIError { try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 1, secretID: "s")) } }
        // The request is in flight: the server has it and answers only after 120 s (or when it stops).
        await server.waitForRequests(1)
        let cancelled = ContinuousClock.now
        task.cancel()
        let error = await task.value
        guard case .cancelled? = error else {
            Issue.record("expected cancelled, got \(String(describing: error))")
            return
        }
        // Loose on purpose: it tells "at cancellation" from "when the answer comes".
        #expect(ContinuousClock.now - cancelled < .seconds(60))
        #expect(server.requests.count == 1)
    }

    @Test(arguments: TransportKind.allCases)
    func cancellingDuringARetryPauseStopsTheRetries(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { _ in .json(503, #"{"message":"later"}"#, headers: [("Retry-After", "120")]) }
        defer { server.stop() }
        let clock = ManualClock()
        let client = Self.client(server, transport, retryPolicy: RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(10), maxDelay: .seconds(300)),
                                 clock: clock)
        let task = Task { await expectAPIError { try await client.send(Lockbox.Secrets.get(secretID: "s")) } }
        await clock.waitForSleep(of: .seconds(120)) // the pause before a retry
        task.cancel()
        let error = await task.value
        if case .cancelled? = error {} else { Issue.record("expected cancelled, got \(String(describing: error))") }
        #expect(server.requests.count == 1)
    }
}
