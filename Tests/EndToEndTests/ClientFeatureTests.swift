import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Generated
import Logging
import Spec2SwiftLogging
import Spec2SwiftRuntime
import Testing
import TestSupport

/// Lines and records shared between a test and what it installs (middleware, log handlers, providers).
final class Recorder<Entry: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Entry] = []

    func append(_ entry: Entry) {
        lock.lock()
        stored.append(entry)
        lock.unlock()
    }

    var entries: [Entry] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

/// A swift-log handler that keeps every line, with its metadata, as text.
struct CapturingLogHandler: LogHandler {
    let lines: Recorder<String>
    var logLevel: Logger.Level = .debug
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = (metadata.merging(event.metadata ?? [:]) { $1 }).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        lines.append("\(event.level) \(event.message) [\(fields.joined(separator: " "))]")
    }
}

/// Records what it sees of each attempt: its name, the attempt, the operation, and the request's
/// `Authorization` header.
struct RecordingMiddleware: ClientMiddleware {
    let name: String
    let seen: Recorder<String>

    func intercept(_ request: URLRequest, context: MiddlewareContext,
                   next: (URLRequest) async throws -> HTTPAnswer) async throws -> HTTPAnswer {
        seen.append("\(name) \(context.attempt) \(context.operationID) auth=\(request.value(forHTTPHeaderField: "Authorization") ?? "none")")
        return try await next(request)
    }
}

/// Adds a header to each request and rewrites each answer's body.
struct RewritingMiddleware: ClientMiddleware {
    func intercept(_ request: URLRequest, context: MiddlewareContext,
                   next: (URLRequest) async throws -> HTTPAnswer) async throws -> HTTPAnswer {
        var request = request
        request.setValue("from-middleware", forHTTPHeaderField: "X-Custom")
        var answer = try await next(request)
        answer.body = Data(#"{"id":"rewritten","name":"n","secret_type":"opaque","status":"ACTIVE"}"#.utf8)
        return answer
    }
}

struct FailingMiddleware: ClientMiddleware {
    struct Refusal: Error {}

    func intercept(_ request: URLRequest, context: MiddlewareContext,
                   next: (URLRequest) async throws -> HTTPAnswer) async throws -> HTTPAnswer {
        throw Refusal()
    }
}

/// A provider that counts its calls and gives `token-N` after N refusals (`token-0` at first).
final class CountingProvider: CredentialProvider, @unchecked Sendable {
    let calls = Recorder<Bool>()

    func authentication(rejected: Authentication?) async throws -> Authentication {
        calls.append(rejected != nil)
        return .bearer("token-\(calls.entries.filter { $0 }.count)")
    }
}

@Suite struct ClientFeatureTests {
    static let gcoreSecret = #"{"id":"s1","name":"n","secret_type":"opaque","status":"ACTIVE"}"#

    // MARK: Middleware

    @Test(arguments: TransportKind.allCases)
    func middlewareRunsInOrderOncePerAttemptWithoutSeeingCredentials(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { _ in .json(200, Self.gcoreSecret) }
        defer { server.stop() }
        let router = Router()
        router.on("GET", "/cloud/v1/secrets/1/2/s1") { _, count in count == 0 ? .json(503, "{}") : .json(200, Self.gcoreSecret) }
        let flaky = try LoopbackServer(handler: router.handle)
        defer { flaky.stop() }
        let seen = Recorder<String>()
        let client = APIClient(authentication: Gcore.Auth.apiKey("gcore-key"), transport: transport.make(), baseURL: flaky.url,
                               retryPolicy: fastRetries,
                               middleware: [RecordingMiddleware(name: "outer", seen: seen), RecordingMiddleware(name: "inner", seen: seen)])
        _ = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1"))
        let operation = "SecretViewSet.get"
        #expect(seen.entries == [
            "outer 1 \(operation) auth=none", "inner 1 \(operation) auth=none",
            "outer 2 \(operation) auth=none", "inner 2 \(operation) auth=none",
        ])
        #expect(flaky.requests.map { $0.headers["authorization"] } == ["APIKey gcore-key", "APIKey gcore-key"])
    }

    @Test(arguments: TransportKind.allCases)
    func middlewareChangesTheRequestAndTheAnswer(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { _ in .json(200, Self.gcoreSecret) }
        defer { server.stop() }
        let client = APIClient(transport: transport.make(), baseURL: server.url, middleware: [RewritingMiddleware()])
        let secret = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1"))
        #expect(secret.id == "rewritten")
        #expect(server.requests.first?.headers["x-custom"] == "from-middleware")
    }

    @Test func aMiddlewareErrorIsMiddlewareFailedAndNothingIsSent() async throws {
        let server = try LoopbackServer { _ in .json(200, Self.gcoreSecret) }
        defer { server.stop() }
        let client = APIClient(baseURL: server.url, retryPolicy: fastRetries, middleware: [FailingMiddleware()])
        let error = await expectAPIError { try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1")) }
        guard case .middlewareFailed(let operationID, let underlying)? = error else {
            Issue.record("expected middlewareFailed, got \(String(describing: error))")
            return
        }
        #expect(operationID == "SecretViewSet.get")
        #expect(underlying is FailingMiddleware.Refusal)
        #expect(server.requests.isEmpty)
    }

    // MARK: Logging

    @Test(arguments: TransportKind.allCases)
    func theLoggingMiddlewareLogsEachAttemptWithEverySecretRedacted(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        let base = "/lockbox/v1/secrets"
        lockbox.onPayload("GET", "\(base)/\(LockboxJSON.secretID)/payload",
                          json: #"{"versionId":"v1","entries":[{"key":"password","textValue":"\#(LockboxPayload.text)"},"#
                              + #"{"key":"cert","binaryValue":"\#(LockboxPayload.base64)"}]}"#)
        lockbox.onSecrets("POST", base, json: LockboxJSON.operation(done: true, metadataType: LockboxJSON.lockboxType("CreateSecretMetadata"),
                                                                    metadata: LockboxJSON.secretMetadata, response: LockboxJSON.secretResponse))
        let lines = Recorder<String>()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        var client = lockbox.client
        client.middleware = [LoggingMiddleware(logger: logger)]

        _ = try await client.send(Lockbox.Payloads.get(secretID: LockboxJSON.secretID, versionID: "v1"))
        _ = try await client.send(Lockbox.Secrets.create(body: Lockbox.CreateSecretRequest(
            folderID: LockboxJSON.folderID, name: "db", versionPayloadEntries: [
                .init(key: "password", value: .textValue(SecretString(LockboxPayload.text))),
                .init(key: "cert", value: .binaryValue(SecretBytes(LockboxPayload.bytes))),
            ])))

        let log = lines.entries.joined(separator: "\n")
        for secret in [LockboxHarness.token, LockboxPayload.text, LockboxPayload.base64, "v1&", "versionId=v1"] {
            #expect(!log.contains(secret), "the log shows \(secret):\n\(log)")
        }
        #expect(log.contains("info GET \(lockbox.payloadHost.url)\(base)/\(LockboxJSON.secretID)/payload?versionId=… -> 200 in "))
        #expect(log.contains("(attempt 1) [attempt=1 duration_ms="))
        #expect(log.contains("operation=\(Lockbox.Payloads.get(secretID: "x").operationID)"))
        #expect(log.contains(#"debug answer body: {"entries":[{"key":"password","textValue":"<redacted>"},{"binaryValue":"<redacted>","key":"cert"}]"#))
        #expect(log.contains(#"debug request body: {"folderId":"\#(LockboxJSON.folderID)","name":"db","versionPayloadEntries":[{"key":"password","textValue":"<redacted>"},{"binaryValue":"<redacted>","key":"cert"}]}"#))
        #expect(log.contains("info POST \(lockbox.secretsHost.url)\(base) -> 200 in "))
    }

    @Test func anErrorBodyIsNotLogged() async throws {
        let server = try LoopbackServer { _ in .json(400, #"{"code":3,"message":"echo of p@ss"}"#) }
        defer { server.stop() }
        let lines = Recorder<String>()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        let client = APIClient(baseURL: server.url, retryPolicy: .none, middleware: [LoggingMiddleware(logger: logger)])
        _ = await expectAPIError { try await client.send(Lockbox.Secrets.get(secretID: "s")) }
        let log = lines.entries.joined(separator: "\n")
        #expect(!log.contains("p@ss"))
        #expect(log.contains("debug answer body: <35 bytes, not shown>"))
        #expect(log.contains("-> 400 in "))
    }

    // MARK: Raw answers

    @Test(arguments: TransportKind.allCases)
    func aRawAnswerCarriesStatusHeadersAndTheEnvelopesResultInfo(_ transport: TransportKind) async throws {
        let cloudflare = try CloudflareHarness(transport: transport)
        defer { cloudflare.stop() }
        cloudflare.router.on("GET", "/accounts/\(CloudflareHarness.account)/secrets_store/stores/\(CloudflareHarness.store)/secrets") { _, _ in
            .json(200, CloudflareJSON.envelope("[\(CloudflareJSON.secret())]",
                                               resultInfo: CloudflareJSON.resultInfo(page: 1, totalPages: 3, count: 1, totalCount: 42)),
                  headers: [("X-Request-Id", "req-9")])
        }
        let response = try await cloudflare.tokenClient.response(for: Cloudflare.Secrets.list(accountID: CloudflareHarness.account,
                                                                                               storeID: CloudflareHarness.store))
        #expect(response.status == 200)
        #expect(response.headers["x-request-id"] == "req-9")
        #expect(response.value.map(\.id) == [CloudflareHarness.secret])
        let envelope = response.envelope(Cloudflare.Envelope.self)
        #expect(envelope?.resultInfo?.totalCount == 42)
        #expect(envelope?.resultInfo?.totalPages == 3)
        #expect(envelope?.success == true)
    }

    @Test func anAnswerWithoutEnvelopeHasNone() async throws {
        let server = try LoopbackServer { _ in .json(200, Self.gcoreSecret) }
        defer { server.stop() }
        let response = try await APIClient(baseURL: server.url).response(for: Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1"))
        #expect(response.envelope == nil)
        #expect(response.value.id == "s1")
    }

    // MARK: Credentials

    @Test(arguments: TransportKind.allCases)
    func aProviderIsAskedForEveryAttemptAndOnceMoreAfterA401(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("GET", "/cloud/v1/secrets/1/2/s1") { request, count in
            switch count {
            case 0: return .json(503, "{}")
            case 1: return .json(401, #"{"message":"token expired"}"#)
            default: return request.headers["authorization"] == "Bearer token-1" ? .json(200, Self.gcoreSecret) : .json(401, "{}")
            }
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let provider = CountingProvider()
        let client = APIClient(credentials: provider, transport: transport.make(), baseURL: server.url, retryPolicy: fastRetries)
        let secret = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1"))
        #expect(secret.id == "s1")
        #expect(provider.calls.entries == [false, false, true])
        #expect(server.requests.map { $0.headers["authorization"] } == ["Bearer token-0", "Bearer token-0", "Bearer token-1"])
    }

    @Test func aSecond401StandsAndFixedCredentialsAreNotAskedAgain() async throws {
        let server = try LoopbackServer { _ in .json(401, #"{"message":"no"}"#) }
        defer { server.stop() }
        let provider = CountingProvider()
        let refreshing = APIClient(credentials: provider, baseURL: server.url, retryPolicy: fastRetries)
        let error = await expectAPIError { try await refreshing.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1")) }
        #expect(error?.status == 401)
        #expect(provider.calls.entries == [false, true])
        #expect(server.requests.count == 2)

        let fixed = APIClient(authentication: .bearer("fixed"), baseURL: server.url, retryPolicy: fastRetries)
        _ = await expectAPIError { try await fixed.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1")) }
        #expect(server.requests.count == 3)
    }

    @Test func refreshingCredentialsFetchOnceUntilTheyExpireOrAreInvalidated() async throws {
        let fetches = Recorder<Int>()
        let credentials = RefreshingCredentials(renewBefore: .seconds(60)) {
            fetches.append(fetches.entries.count)
            // The first token is about to expire; the second lives an hour.
            let lifetime: TimeInterval = fetches.entries.count == 1 ? 30 : 3600
            return (.bearer("t\(fetches.entries.count)"), expires: Date().addingTimeInterval(lifetime))
        }
        #expect(try await credentials.authentication(rejected: nil).headers.first?.value == "Bearer t1")
        #expect(try await credentials.authentication(rejected: nil).headers.first?.value == "Bearer t2")
        #expect(try await credentials.authentication(rejected: nil).headers.first?.value == "Bearer t2")
        #expect(try await credentials.authentication(rejected: .bearer("t2")).headers.first?.value == "Bearer t3")
        // Credentials that were already replaced are not fetched again.
        #expect(try await credentials.authentication(rejected: .bearer("t2")).headers.first?.value == "Bearer t3")
        await credentials.invalidate()
        #expect(try await credentials.authentication(rejected: nil).headers.first?.value == "Bearer t4")
        #expect(fetches.entries.count == 4)
    }

    @Test func concurrent401sForTheSameCredentialsShareOneRefresh() async throws {
        let server = try LoopbackServer { request in
            request.headers["authorization"] == "Bearer t2" ? .json(200, Self.gcoreSecret) : .json(401, "{}")
        }
        defer { server.stop() }
        let fetches = Recorder<Int>()
        let provider = RefreshingCredentials {
            fetches.append(0)
            await Task.yield()
            return (.bearer("t\(fetches.entries.count)"), expires: nil)
        }
        let client = APIClient(credentials: provider, baseURL: server.url, retryPolicy: .none)
        let request = Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await client.send(request) } }
            try await group.waitForAll()
        }
        #expect(fetches.entries.count == 2, "one fetch for t1, one refresh for t2")
    }

    @Test func aCredentialFetchIsBoundByTheTimeoutAndByCancellation() async throws {
        let server = try LoopbackServer { _ in .json(200, Self.gcoreSecret) }
        defer { server.stop() }
        // A fetch that never ends: it sleeps on a clock no one advances, until it is cancelled.
        let hanging = RefreshingCredentials {
            try? await ManualClock().sleep(until: .init(offset: .seconds(3600)))
            return (.bearer("late"), expires: nil)
        }
        let clock = ManualClock()
        let client = APIClient(credentials: hanging, baseURL: server.url, timeout: .seconds(30), retryPolicy: .none,
                               clock: ClientClock(clock))
        let request = Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1")
        let call = Task { await expectAPIError { try await client.send(request) } }
        await clock.waitForSleep(of: .seconds(30))
        clock.advance(by: .seconds(30))
        let error = await call.value
        if case .timedOut? = error {} else { Issue.record("expected timedOut, got \(String(describing: error))") }

        let patientClock = ManualClock()
        let patient = APIClient(credentials: hanging, baseURL: server.url, timeout: .seconds(600), retryPolicy: .none,
                                clock: ClientClock(patientClock))
        let task = Task { try await patient.send(request) }
        await patientClock.waitForSleep(of: .seconds(600)) // the fetch has begun, bounded by the attempt's deadline
        let cancelled = ContinuousClock.now
        task.cancel()
        let result = await task.result
        guard case .failure(let failure) = result, let apiError = failure as? APIError else {
            Issue.record("expected an APIError, got \(result)")
            return
        }
        #expect(apiError.isCancellation, "got \(apiError)")
        #expect(ContinuousClock.now - cancelled < .seconds(60))
        #expect(server.requests.isEmpty)
    }

    @Test func a401FromAnotherOriginAsksForNoFreshCredentials() async throws {
        let other = try LoopbackServer(host: "127.0.0.2") { _ in .json(401, "{}") }
        defer { other.stop() }
        let origin = try LoopbackServer { _ in .json(302, "{}", headers: [("Location", "http://127.0.0.2:\(other.port)/x")]) }
        defer { origin.stop() }
        let provider = CountingProvider()
        let client = APIClient(credentials: provider, baseURL: origin.url, retryPolicy: .none)
        let error = await expectAPIError { try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1")) }
        #expect(error?.status == 401)
        #expect(provider.calls.entries == [false])
        #expect(other.requests.first?.headers["authorization"] == nil)
    }

    @Test func aProviderThatFailsIsCredentialsUnavailable() async throws {
        struct Offline: Error {}
        let server = try LoopbackServer { _ in .json(200, Self.gcoreSecret) }
        defer { server.stop() }
        let client = APIClient(credentials: RefreshingCredentials { throw Offline() }, baseURL: server.url, retryPolicy: .none)
        let error = await expectAPIError { try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1")) }
        guard case .credentialsUnavailable(_, let underlying)? = error else {
            Issue.record("expected credentialsUnavailable, got \(String(describing: error))")
            return
        }
        #expect(underlying is Offline)
        #expect(server.requests.isEmpty)
    }

    @Test func swappingTheProviderOfAClientInUseTakesEffectOnTheNextCall() async throws {
        let server = try LoopbackServer { _ in .json(200, Self.gcoreSecret) }
        defer { server.stop() }
        var client = APIClient(authentication: .bearer("first"), baseURL: server.url)
        let request = Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1")
        let before = client
        async let inFlight = before.send(request)
        _ = try await client.send(request)
        client.credentials = RefreshingCredentials { (.bearer("second"), expires: nil) }
        _ = try await client.send(request)
        _ = try await inFlight
        let sent = server.requests.map { $0.headers["authorization"] ?? "none" }
        #expect(sent.filter { $0 == "Bearer first" }.count == 2)
        #expect(sent.last == "Bearer second")
    }

    // MARK: Conventions

    @Test func anEmptyPathParameterIsRefusedBeforeSending() async throws {
        let server = try LoopbackServer { _ in .json(200, "{}") }
        defer { server.stop() }
        let error = await expectAPIError {
            try await APIClient(baseURL: server.url).send(Cloudflare.Secrets.delete(accountID: "a", storeID: "s", secretID: ""))
        }
        guard case .invalidRequest(let message)? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(message.contains("secrets-store.delete-secret"))
        #expect(message == "the path parameter `secret_id` of secrets-store.delete-secret is empty; an empty value would send the request to another path")
        #expect(server.requests.isEmpty)
    }

    @Test func anErrorIsLocalizedWithoutSecrets() async throws {
        let server = try LoopbackServer { _ in .json(403, #"{"message":"forbidden for this key"}"#) }
        defer { server.stop() }
        let client = APIClient(authentication: Gcore.Auth.apiKey("very-secret-key"), baseURL: server.url)
        do {
            _ = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1"))
            Issue.record("expected an error")
        } catch {
            let any: any Error = error
            #expect(any.localizedDescription == "forbidden: HTTP 403 from SecretViewSet.get: forbidden for this key")
            #expect(!any.localizedDescription.contains("very-secret-key"))
            #expect(!error.isCancellation)
        }
    }

    @Test func aNoContentAnswerNeedsNoResultVariable() async throws {
        let server = try LoopbackServer { _ in .json(200, #"{"success":true,"errors":[],"messages":[],"result":null}"#) }
        defer { server.stop() }
        // No `_ =`: the build has no warnings, so this line proves `send` of NoContent is discardable.
        try await APIClient(baseURL: server.url).send(Cloudflare.Secrets.delete(accountID: "a", storeID: "s", secretID: "x"))
        #expect(server.requests.count == 1)
    }
}
