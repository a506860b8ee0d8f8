import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Generated
import Spec2SwiftRuntime
import Testing

/// Redirects over loopback: credentials stay on their origin, methods and bodies follow the HTTP rules,
/// and there is a limit. The second server is another host (127.0.0.2) or another port.
@Suite struct RedirectTests {
    /// A server that answers `status` with `Location: <location>` on every path but `/final`, where it
    /// answers `answer`.
    static func redirecting(_ status: Int = 302, to location: @escaping @Sendable (LoopbackServer.Request) -> String,
                            host: String = "127.0.0.1") throws -> LoopbackServer {
        try LoopbackServer(host: host) { request in
            .json(status, "{}", headers: [("Location", location(request))])
        }
    }

    static func target(host: String = "127.0.0.2", json: String = #"{"ok":true}"#) throws -> LoopbackServer {
        try LoopbackServer(host: host) { _ in .json(200, json) }
    }

    static let credentialHeaders = ["authorization", "x-auth-key", "x-auth-email", "cookie"]

    /// The headers among `credentialHeaders` that `request` carried.
    static func credentials(in request: LoopbackServer.Request?) -> [String] {
        credentialHeaders.filter { request?.headers[$0] != nil }
    }

    static let gcoreSecret = #"{"id":"s1","name":"n","secret_type":"opaque","status":"ACTIVE"}"#
    static let lockboxSecret = #"{"id":"e6q1","folderId":"b1g","name":"n","status":"ACTIVE"}"#
    static let cloudflareSecret = #"{"success":true,"errors":[],"messages":[],"result":{"id":"3fd8","name":"n","status":"active","created":"2024-01-01T00:00:00Z","modified":"2024-01-01T00:00:00Z","store_id":"023e"}}"#

    @Test(arguments: TransportKind.allCases)
    func gcoreLockboxAndCloudflareKeysNeverReachAnotherHost(_ transport: TransportKind) async throws {
        for (name, json, send) in Self.clients(transport) {
            let other = try Self.target(json: json)
            defer { other.stop() }
            let origin = try Self.redirecting { "http://127.0.0.2:\(other.port)" + $0.path }
            defer { origin.stop() }
            try await send(origin.url)
            #expect(origin.requests.count == 1, "\(name)")
            #expect(!Self.credentials(in: origin.requests.first).isEmpty, "\(name): the origin gets the credentials")
            #expect(other.requests.count == 1, "\(name)")
            #expect(Self.credentials(in: other.requests.first) == [], "\(name): another host must get no credentials")
            #expect(other.requests.first?.path == origin.requests.first?.path, "\(name)")
        }
    }

    /// One call per generated client, each with its API's credentials.
    static func clients(_ transport: TransportKind) -> [(String, String, @Sendable (URL) async throws -> Void)] {
        [
            ("Gcore", gcoreSecret, { url in
                let client = APIClient(authentication: Gcore.Auth.apiKey("gcore-key"), transport: transport.make(), baseURL: url)
                _ = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1"))
            }),
            ("Lockbox", lockboxSecret, { url in
                let client = APIClient(authentication: Lockbox.Auth.iamToken("iam-token"), transport: transport.make(), baseURL: url)
                _ = try await client.send(Lockbox.Secrets.get(secretID: "e6q1"))
            }),
            ("Cloudflare", cloudflareSecret, { url in
                let client = APIClient(authentication: Cloudflare.Auth.apiKey(email: "a@example.com", key: "cf-key"),
                                       transport: transport.make(), baseURL: url)
                _ = try await client.send(Cloudflare.Secrets.get(accountID: "a", storeID: "s", secretID: "3fd8"))
            }),
        ]
    }

    @Test(arguments: TransportKind.allCases)
    func anotherPortIsAnotherOrigin(_ transport: TransportKind) async throws {
        let other = try Self.target(host: "127.0.0.1", json: Self.gcoreSecret)
        defer { other.stop() }
        let origin = try Self.redirecting(307) { "http://127.0.0.1:\(other.port)" + $0.path }
        defer { origin.stop() }
        let client = APIClient(authentication: Gcore.Auth.apiKey("gcore-key"), transport: transport.make(), baseURL: origin.url)
        _ = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1"))
        #expect(Self.credentials(in: origin.requests.first) == ["authorization"])
        #expect(Self.credentials(in: other.requests.first) == [])
    }

    @Test(arguments: TransportKind.allCases)
    func queryCredentialsAreLeftOutEvenWhenTheLocationEchoesThem(_ transport: TransportKind) async throws {
        let other = try Self.target(json: #"{"ok":true}"#)
        defer { other.stop() }
        let origin = try Self.redirecting { "http://127.0.0.2:\(other.port)/final?" + $0.query }
        defer { origin.stop() }
        let key = Authentication(headers: [], query: [("api_key", "query-secret")])
        let client = APIClient(authentication: key, transport: transport.make(), baseURL: origin.url)
        var request = Request<JSONValue>(method: .get, server: "http://unused", path: "/start", operationID: "start", decoding: .json)
        request.query.append("page", 2)
        _ = try await client.send(request)
        #expect(origin.requests.first?.query == "page=2&api_key=query-secret")
        #expect(other.requests.first?.query == "page=2")
    }

    @Test(arguments: TransportKind.allCases)
    func aRedirectOnTheSameOriginKeepsTheCredentials(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { request in
            request.path == "/final" ? .json(200, Self.gcoreSecret) : .json(301, "{}", headers: [("Location", "/final")])
        }
        defer { server.stop() }
        let client = APIClient(authentication: Gcore.Auth.apiKey("gcore-key"), transport: transport.make(), baseURL: server.url)
        let secret = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1"))
        #expect(secret.id == "s1")
        #expect(server.requests.map(\.path) == ["/cloud/v1/secrets/1/2/s1", "/final"])
        #expect(server.requests.map { $0.headers["authorization"] } == ["APIKey gcore-key", "APIKey gcore-key"])
    }

    /// What the second hop of a `method` call with a body is, after `status`.
    static func secondHop(_ transport: TransportKind, status: Int, method: HTTPMethod) async throws -> LoopbackServer.Request? {
        let server = try LoopbackServer { request in
            request.path == "/final" ? .json(200, "{}") : .json(status, "{}", headers: [("Location", "/final")])
        }
        defer { server.stop() }
        let client = APIClient(transport: transport.make(), baseURL: server.url, retryPolicy: .none)
        var request = Request<JSONValue>(method: method, server: "http://unused", path: "/start", operationID: "start", decoding: .json)
        request.body = ["name": "value"] as [String: String]
        _ = try await client.send(request)
        #expect(server.requests.count == 2)
        return server.requests.last
    }

    @Test(arguments: TransportKind.allCases, [307, 308])
    func temporaryAndPermanentRedirectsKeepMethodAndBody(_ transport: TransportKind, status: Int) async throws {
        let hop = try await Self.secondHop(transport, status: status, method: .post)
        #expect(hop?.method == "POST")
        #expect(hop?.bodyText == #"{"name":"value"}"#)
        #expect(hop?.headers["content-type"] == "application/json")
    }

    @Test(arguments: TransportKind.allCases, [301, 302, 303])
    func aPostRedirectedBy301To303BecomesAGetWithoutBody(_ transport: TransportKind, status: Int) async throws {
        let hop = try await Self.secondHop(transport, status: status, method: .post)
        #expect(hop?.method == "GET")
        #expect(hop?.body.isEmpty == true)
        #expect(hop?.headers["content-type"] == nil)
    }

    @Test(arguments: TransportKind.allCases)
    func a302KeepsAPutAndA303TurnsItIntoAGet(_ transport: TransportKind) async throws {
        let kept = try await Self.secondHop(transport, status: 302, method: .put)
        #expect(kept?.method == "PUT")
        #expect(kept?.bodyText == #"{"name":"value"}"#)
        let changed = try await Self.secondHop(transport, status: 303, method: .put)
        #expect(changed?.method == "GET")
    }

    @Test(arguments: TransportKind.allCases)
    func endlessRedirectsStopAtTheLimit(_ transport: TransportKind) async throws {
        let server = try Self.redirecting { _ in "/again" }
        defer { server.stop() }
        let client = APIClient(transport: transport.make(), baseURL: server.url, retryPolicy: .none,
                               redirectPolicy: RedirectPolicy(maxRedirects: 4))
        let error = await expectAPIError {
            try await client.send(Request<JSONValue>(method: .get, server: "http://unused", path: "/start", operationID: "loop", decoding: .json))
        }
        guard case .redirectRefused(let operationID, let reason)? = error else {
            Issue.record("expected redirectRefused, got \(String(describing: error))")
            return
        }
        #expect(operationID == "loop")
        #expect(reason == "more than 4 redirects")
        #expect(server.requests.count == 5)
    }

    @Test(arguments: TransportKind.allCases)
    func withRedirectsOffTheAnswerIsAnError(_ transport: TransportKind) async throws {
        let server = try Self.redirecting { _ in "/final" }
        defer { server.stop() }
        let client = APIClient(transport: transport.make(), baseURL: server.url, retryPolicy: .none, redirectPolicy: .none)
        let error = await expectAPIError {
            try await client.send(Request<JSONValue>(method: .get, server: "http://unused", path: "/start", operationID: "x", decoding: .json))
        }
        #expect(error?.status == 302)
        #expect(server.requests.count == 1)
    }

    @Test(arguments: TransportKind.allCases)
    func aRedirectToAnotherSchemeIsRefused(_ transport: TransportKind) async throws {
        let server = try Self.redirecting { _ in "ftp://127.0.0.1/file" }
        defer { server.stop() }
        let client = APIClient(transport: transport.make(), baseURL: server.url, retryPolicy: .none)
        let error = await expectAPIError {
            try await client.send(Request<JSONValue>(method: .get, server: "http://unused", path: "/start", operationID: "x", decoding: .json))
        }
        guard case .redirectRefused? = error else {
            Issue.record("expected redirectRefused, got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: TransportKind.allCases)
    func aChainThatLeavesTheOriginNeverGetsCredentialsBack(_ transport: TransportKind) async throws {
        let home = Router()
        let origin = try LoopbackServer(handler: home.handle)
        defer { origin.stop() }
        let other = try Self.redirecting(307, to: { _ in "\(origin.url)/back" }, host: "127.0.0.2")
        defer { other.stop() }
        home.on("GET", "/cloud/v1/secrets/1/2/s1") { _, _ in .json(302, "{}", headers: [("Location", "http://127.0.0.2:\(other.port)/away")]) }
        home.on("GET", "/back") { _, _ in .json(200, Self.gcoreSecret) }
        let client = APIClient(authentication: Gcore.Auth.apiKey("gcore-key"), transport: transport.make(), baseURL: origin.url)
        _ = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "s1"))
        #expect(origin.requests.map(\.path) == ["/cloud/v1/secrets/1/2/s1", "/back"])
        #expect(origin.requests.map { Self.credentials(in: $0) } == [["authorization"], []])
        #expect(Self.credentials(in: other.requests.first) == [])
    }

    @Test(arguments: TransportKind.allCases)
    func aBodyIsNotSentToAnotherOriginUnlessThePolicySaysSo(_ transport: TransportKind) async throws {
        let other = try Self.target(json: "{}")
        defer { other.stop() }
        let origin = try Self.redirecting(307) { _ in "http://127.0.0.2:\(other.port)/final" }
        defer { origin.stop() }
        var request = Request<JSONValue>(method: .post, server: "http://unused", path: "/start", operationID: "create", decoding: .json)
        request.body = ["payload": SecretString("s3cret-value")]
        let client = APIClient(transport: transport.make(), baseURL: origin.url, retryPolicy: .none)
        let error = await expectAPIError { try await client.send(request) }
        guard case .redirectRefused(_, let reason)? = error else {
            Issue.record("expected redirectRefused, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("would send the body to another origin"))
        #expect(other.requests.isEmpty)
        let allowing = APIClient(transport: transport.make(), baseURL: origin.url, retryPolicy: .none,
                                 redirectPolicy: RedirectPolicy(sendsBodiesToOtherOrigins: true))
        _ = try await allowing.send(request)
        #expect(other.requests.first?.bodyText == #"{"payload":"s3cret-value"}"#)
    }

    /// Adds a cookie and a header of its own that carries a key.
    struct KeyMiddleware: ClientMiddleware {
        func intercept(_ request: URLRequest, context: MiddlewareContext,
                       next: (URLRequest) async throws -> HTTPAnswer) async throws -> HTTPAnswer {
            var request = request
            request.setValue("session=abc123", forHTTPHeaderField: "Cookie")
            request.setValue("middleware-key", forHTTPHeaderField: "X-Api-Key")
            request.setValue("kept", forHTTPHeaderField: "X-Trace")
            return try await next(request)
        }
    }

    @Test(arguments: TransportKind.allCases)
    func cookiesAndHeadersNamedSensitiveStayOnTheOrigin(_ transport: TransportKind) async throws {
        let other = try Self.target(json: "{}")
        defer { other.stop() }
        let origin = try Self.redirecting { _ in "http://127.0.0.2:\(other.port)/final" }
        defer { origin.stop() }
        var policy = RedirectPolicy.default
        policy.sensitiveHeaders.append("X-Api-Key")
        let client = APIClient(transport: transport.make(), baseURL: origin.url, redirectPolicy: policy, middleware: [KeyMiddleware()])
        _ = try await client.send(Request<JSONValue>(method: .get, server: "http://unused", path: "/start", operationID: "x", decoding: .json))
        #expect(origin.requests.first?.headers["cookie"] == "session=abc123")
        #expect(origin.requests.first?.headers["x-api-key"] == "middleware-key")
        #expect(other.requests.first?.headers["cookie"] == nil)
        #expect(other.requests.first?.headers["x-api-key"] == nil)
        #expect(other.requests.first?.headers["x-trace"] == "kept")
    }

    @Test(arguments: TransportKind.allCases)
    func aLocationThatHidesACredentialInAnotherParameterIsRefused(_ transport: TransportKind) async throws {
        let other = try Self.target(json: "{}")
        defer { other.stop() }
        let origin = try Self.redirecting { request in
            let back = "http://127.0.0.1/start?" + request.query
            let encoded = back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return "http://127.0.0.2:\(other.port)/login?return_to=" + encoded
        }
        defer { origin.stop() }
        let client = APIClient(authentication: Authentication(headers: [], query: [("api_key", "query-secret")]),
                               transport: transport.make(), baseURL: origin.url, retryPolicy: .none)
        let error = await expectAPIError {
            try await client.send(Request<JSONValue>(method: .get, server: "http://unused", path: "/start", operationID: "x", decoding: .json))
        }
        guard case .redirectRefused(_, let reason)? = error else {
            Issue.record("expected redirectRefused, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("would carry a credential in its URL"))
        #expect(other.requests.isEmpty)
    }
}
