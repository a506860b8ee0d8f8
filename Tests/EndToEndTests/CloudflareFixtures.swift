import Foundation
import Generated
import Spec2SwiftRuntime
import TestSupport

/// A loopback host standing in for the Cloudflare API, and clients for both of its auth schemes.
struct CloudflareHarness {
    static let token = "cf-api-token-Xk3vQ"
    static let email = "ops@example.com"
    static let key = "cf-global-key-7c1e"
    static let account = "01a7362d577a6c3019a474fd6f485823"
    static let store = "023e105f4ecef8ad9ca31a8372d0c353"
    static let secret = "3fd85f74b32742f1bff64a85009dda07"

    /// Which credentials a route requires.
    enum Credentials: Sendable {
        case token
        case key
    }

    let router = Router()
    let server: LoopbackServer
    /// Sends `Authorization: Bearer`.
    let tokenClient: APIClient
    /// Sends `X-Auth-Email` and `X-Auth-Key`.
    let keyClient: APIClient

    init(transport: TransportKind = .urlSession, retryPolicy: RetryPolicy = fastRetries) throws {
        server = try LoopbackServer(handler: router.handle)
        // On a clock no one advances: no attempt times out because the machine is busy.
        let clock = ClientClock(ManualClock())
        tokenClient = APIClient(authentication: Cloudflare.Auth.apiToken(Self.token), transport: transport.make(),
                                baseURL: server.url, timeout: .seconds(60), retryPolicy: retryPolicy, clock: clock)
        keyClient = APIClient(authentication: Cloudflare.Auth.apiKey(email: Self.email, key: Self.key),
                              transport: transport.make(), baseURL: server.url, timeout: .seconds(60), retryPolicy: retryPolicy,
                              clock: clock)
    }

    func stop() {
        server.stop()
    }

    /// A route under `/accounts/{account}/secrets_store` that checks the credentials and then `check`.
    func on(_ method: String, _ path: String, _ credentials: Credentials,
            check: @escaping @Sendable (inout Inspection) -> Void = { _ in },
            reply: @escaping @Sendable (LoopbackServer.Request, Int) -> LoopbackServer.Response) {
        router.on(method, "/accounts/\(Self.account)/secrets_store" + path, rejecting: cloudflareRejection, check: { inspection in
            switch credentials {
            case .token:
                inspection.header("Authorization", "Bearer " + Self.token)
                inspection.header("X-Auth-Email", nil)
                inspection.header("X-Auth-Key", nil)
            case .key:
                inspection.header("Authorization", nil)
                inspection.header("X-Auth-Email", Self.email)
                inspection.header("X-Auth-Key", Self.key)
            }
            inspection.header("Accept", "application/json")
            check(&inspection)
        }, answer: reply)
    }

    func on(_ method: String, _ path: String, _ credentials: Credentials,
            check: @escaping @Sendable (inout Inspection) -> Void = { _ in }, status: Int = 200, json: String) {
        on(method, path, credentials, check: check) { _, _ in .json(status, json) }
    }
}

/// Cloudflare answers: the envelope, and the seed's example secret.
enum CloudflareJSON {
    static let created = "2023-09-21T18:56:32.624632Z"

    static func envelope(_ result: String, resultInfo: String? = nil) -> String {
        #"{"success":true,"errors":[],"messages":[],"result":\#(result)"#
            + (resultInfo.map { #","result_info":\#($0)"# } ?? "") + "}"
    }

    static func secret(id: String = CloudflareHarness.secret, name: String = "MY_API_KEY") -> String {
        #"""
        {"id":"\#(id)","created":"\#(created)","modified":"\#(created)","name":"\#(name)","status":"pending",
         "store_id":"\#(CloudflareHarness.store)","comment":"info about my secret","scopes":["workers","ai_gateway","dex","access"]}
        """#
    }

    static let store = #"""
        {"id":"\#(CloudflareHarness.store)","created":"\#(created)","modified":"2023-09-22T08:00:00Z","name":"service_x_keys",
         "account_id":"\#(CloudflareHarness.account)"}
        """#

    static func resultInfo(page: Int, totalPages: Int, count: Int, perPage: Int = 2, totalCount: Int = 5) -> String {
        #"{"count":\#(count),"page":\#(page),"per_page":\#(perPage),"total_count":\#(totalCount),"total_pages":\#(totalPages)}"#
    }
}
