import Foundation
import Generated
import Spec2SwiftRuntime
import Testing
import TestSupport

/// Gcore's paging and task waiting, as its profile declares them, over real HTTP on loopback.
@Suite struct GcoreSDKTests {
    static let secretID = "bfc7824b-31b6-4a28-a0c4-7df137139215"

    /// A secret's JSON as Gcore answers it.
    static func secret(_ index: Int) -> String {
        #"{"id":"00000000-0000-0000-0000-00000000000\#(index)","name":"secret \#(index)","secret_type":"opaque","status":"ACTIVE"}"#
    }

    /// The query's values by name.
    static func query(_ request: LoopbackServer.Request) -> [String: String] {
        var values: [String: String] = [:]
        for pair in request.query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            values[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return values
    }

    @Test(arguments: TransportKind.allCases)
    func listSecretsWalksThreePagesByOffset(_ transport: TransportKind) async throws {
        // Five secrets, two a page: offsets 0, 2 and 4; the count says when to stop.
        let server = try LoopbackServer { request in
            let query = Self.query(request)
            guard request.path == "/cloud/v1/secrets/1/2", query["limit"] == "2", let offset = query["offset"].flatMap(Int.init) else {
                return .json(400, #"{"message":"bad request \#(request)"}"#)
            }
            let items = (offset..<min(offset + 2, 5)).map(Self.secret).joined(separator: ",")
            return .json(200, #"{"count":5,"results":[\#(items)]}"#)
        }
        defer { server.stop() }
        let client = APIClient(authentication: Gcore.Auth.apiKey("k"), transport: transport.make(), baseURL: server.url)
        var names: [String] = []
        for try await secret in client.items(Gcore.Secrets.listSecretsPages(projectID: 1, regionID: 2, limit: 2)) {
            names.append(secret.name)
        }
        #expect(names == (0..<5).map { "secret \($0)" })
        #expect(server.requests.map { Self.query($0)["offset"] } == ["0", "2", "4"])

        var numbers: [Int] = []
        for try await page in client.pages(Gcore.Secrets.listSecretsPages(projectID: 1, regionID: 2, limit: 2)) {
            numbers.append(page.number)
            #expect(page.totalItems == 5)
        }
        #expect(numbers == [1, 2, 3])
    }

    @Test(arguments: TransportKind.allCases)
    func pagesAreFetchedOnlyWhenReached(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { request in
            let offset = Self.query(request)["offset"].flatMap(Int.init) ?? 0
            return .json(200, #"{"count":100,"results":[\#(Self.secret(offset % 10))]}"#)
        }
        defer { server.stop() }
        let client = APIClient(authentication: Gcore.Auth.apiKey("k"), transport: transport.make(), baseURL: server.url)
        var seen = 0
        for try await _ in client.items(Gcore.Secrets.listSecretsPages(projectID: 1, regionID: 2, limit: 1)) {
            seen += 1
            if seen == 2 { break }
        }
        #expect(server.requests.count == 2)
    }

    /// Creating answers a task ID; the task is polled through RUNNING to FINISHED, and the finished
    /// task names the created secret.
    @Test(arguments: TransportKind.allCases)
    func createSecretWaitsForItsTaskAndReadsTheCreatedSecret(_ transport: TransportKind) async throws {
        let polls = PollCounter()
        let router = Router()
        router.on("POST", "/cloud/v2/secrets/1/2") { request, _ in
            guard request.headers["authorization"] == "APIKey k",
                  JSONBody(request.body)["name"].string == "tls",
                  JSONBody(request.body)["payload", "private_key"].string == "pk" else {
                return .json(400, #"{"message":"bad create \#(request.bodyText)"}"#)
            }
            return .json(200, #"{"tasks":["t-1"]}"#)
        }
        router.on("GET", "/cloud/v1/tasks/t-1") { _, _ in
            let poll = polls.next()
            let state = poll < 2 ? (poll == 0 ? "NEW" : "RUNNING") : "FINISHED"
            let created = state == "FINISHED" ? #","created_resources":{"secrets":["\#(Self.secretID)"]}"# : ""
            return .json(200, #"{"id":"t-1","state":"\#(state)","task_type":"create_secret","user_id":7,"created_on":"2026-01-01T00:00:00"\#(created)}"#)
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let client = APIClient(authentication: Gcore.Auth.apiKey("k"), transport: transport.make(), baseURL: server.url)
        let body = try JSONDecoder().decode(Gcore.CreateSecretRequest.self, from: Data(#"""
            {"name":"tls","payload":{"certificate":"c","certificate_chain":"cc","private_key":"pk"}}
            """#.utf8))
        let tasks = try await Gcore.Secrets.createSecretAndWait(projectID: 1, regionID: 2, body: body, client: client,
                                                               interval: .zero)
        #expect(tasks.count == 1)
        #expect(tasks.first?.state == .finished)
        #expect(tasks.first?.createdResources?.secrets == [Self.secretID])
        #expect(polls.value == 3)
    }

    @Test(arguments: TransportKind.allCases)
    func aTaskThatEndsInErrorThrowsItsErrorText(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("DELETE", "/cloud/v1/secrets/1/2/\(Self.secretID)") { _, _ in .json(200, #"{"tasks":["t-9"]}"#) }
        router.on("GET", "/cloud/v1/tasks/t-9") { _, _ in
            .json(200, #"{"id":"t-9","state":"ERROR","task_type":"delete_secret","user_id":7,"created_on":"2026-01-01T00:00:00","error":"Secret is in use by a load balancer"}"#)
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let client = APIClient(authentication: Gcore.Auth.apiKey("k"), transport: transport.make(), baseURL: server.url)
        do {
            _ = try await Gcore.Secrets.deleteSecretAndWait(projectID: 1, regionID: 2, secretID: UUIDString(Self.secretID),
                                                            client: client, interval: .zero)
            Issue.record("the failed task did not throw")
        } catch {
            guard case .operationFailed(let response) = error else {
                Issue.record("expected operationFailed, got \(error)")
                return
            }
            #expect(response.messages == [ProviderMessage(code: "ERROR", message: "Secret is in use by a load balancer")])
            #expect(response.operationID == "t-9")
        }
    }

    @Test(arguments: TransportKind.allCases)
    func deleteSecretWaitsUntilItsTaskFinishes(_ transport: TransportKind) async throws {
        let polls = PollCounter()
        let router = Router()
        router.on("DELETE", "/cloud/v1/secrets/1/2/\(Self.secretID)") { _, _ in .json(200, #"{"tasks":["t-2"]}"#) }
        router.on("GET", "/cloud/v1/tasks/t-2") { _, _ in
            let state = polls.next() == 0 ? "RUNNING" : "FINISHED"
            return .json(200, #"{"id":"t-2","state":"\#(state)","task_type":"delete_secret","user_id":7,"created_on":"2026-01-01T00:00:00"}"#)
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let client = APIClient(authentication: Gcore.Auth.apiKey("k"), transport: transport.make(), baseURL: server.url)
        let tasks = try await Gcore.Secrets.deleteSecretAndWait(projectID: 1, regionID: 2, secretID: UUIDString(Self.secretID),
                                                                client: client, interval: .zero)
        #expect(tasks.map(\.id) == ["t-2"])
        #expect(server.requests.map(\.method) == ["DELETE", "GET", "GET"])
    }

    @Test(arguments: TransportKind.allCases)
    func waitingStopsAtItsTimeout(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("DELETE", "/cloud/v1/secrets/1/2/\(Self.secretID)") { _, _ in .json(200, #"{"tasks":["t-3"]}"#) }
        router.on("GET", "/cloud/v1/tasks/t-3") { _, _ in .json(200, #"{"id":"t-3","state":"RUNNING","task_type":"delete_secret","user_id":7,"created_on":"2026-01-01T00:00:00"}"#) }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let clock = ManualClock()
        let client = APIClient(authentication: Gcore.Auth.apiKey("k"), transport: transport.make(), baseURL: server.url,
                               clock: ClientClock(clock))
        let wait = Task {
            try await Gcore.Secrets.deleteSecretAndWait(projectID: 1, regionID: 2, secretID: UUIDString(Self.secretID),
                                                        client: client, timeout: .seconds(10))
        }
        // Polls at 0, 3, 6 and 9 s (the default interval); the pause after the last is cut to the deadline.
        for _ in 1...3 {
            await clock.waitForSleep(of: .seconds(3))
            clock.advance(by: .seconds(3))
        }
        await clock.waitUntil { $0.filter { $0 == .seconds(1) }.count == 2 }
        clock.advance(by: .seconds(1))
        let result = await wait.result
        guard case .failure(let failure) = result, case .timedOut(_, let after)? = failure as? APIError else {
            Issue.record("expected timedOut, got \(result)")
            return
        }
        #expect(after == .seconds(10), "the timeout, not the two-hour default, ended the wait")
        #expect(server.requests.map(\.method) == ["DELETE", "GET", "GET", "GET", "GET"])
    }
}

/// A thread-safe counter for server handlers.
final class PollCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// The value before this call, then one more.
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count - 1
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

/// Lockbox's lists, paged by token as its descriptor's profile declares.
@Suite struct LockboxPagingTests {
    @Test(arguments: TransportKind.allCases)
    func listIsWalkedByPageToken(_ transport: TransportKind) async throws {
        // Three pages: no token, then "p2", then "p3", whose answer has an empty next token.
        let server = try LoopbackServer { request in
            let query = GcoreSDKTests.query(request)
            guard request.path == "/lockbox/v1/secrets", query["folderId"] == "f1", query["pageSize"] == "2" else {
                return .json(400, #"{"code":3,"message":"bad request \#(request)"}"#)
            }
            let (names, next) = switch query["pageToken"] {
            case nil: (["a", "b"], "p2")
            case "p2": (["c", "d"], "p3")
            default: (["e"], "")
            }
            let secrets = names.map { #"{"id":"\#($0)","folderId":"f1","name":"\#($0)"}"# }.joined(separator: ",")
            return .json(200, #"{"secrets":[\#(secrets)],"nextPageToken":"\#(next)"}"#)
        }
        defer { server.stop() }
        let client = APIClient(authentication: Lockbox.Auth.iamToken("t"), transport: transport.make(), baseURL: server.url)
        let names = try await client.all(Lockbox.Secrets.listPages(folderID: "f1", pageSize: 2)).map(\.name)
        #expect(names == ["a", "b", "c", "d", "e"])
        #expect(server.requests.map { GcoreSDKTests.query($0)["pageToken"] } == [nil, "p2", "p3"])
    }
}
