import Foundation
import Generated
import Spec2SwiftRuntime
import Testing

/// Every generated Cloudflare Secrets Store operation over real HTTP, with both auth schemes, the
/// response envelope, and page-number paging.
@Suite struct CloudflareEndToEndTests {
    typealias C = CloudflareHarness
    typealias J = CloudflareJSON
    static let secretsPath = "/stores/\(C.store)/secrets"

    @Test(arguments: TransportKind.allCases)
    func storesAreListedWithSortAndPageParameters(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        cloudflare.on("GET", "/stores", .token, check: {
            $0.query("direction=desc&order=created&page=2&per_page=20")
            $0.noBody()
        }, json: J.envelope("[\(J.store)]", resultInfo: J.resultInfo(page: 2, totalPages: 2, count: 1, perPage: 20, totalCount: 21)))
        let stores = try await cloudflare.tokenClient.send(Cloudflare.Stores.list(
            accountID: C.account, direction: .desc, order: .created, page: 2, perPage: 20))
        #expect(stores.map(\.id) == [C.store])
        #expect(stores.first?.name == "service_x_keys")
        #expect(stores.first?.accountID == C.account)
        #expect(stores.first?.created.rfc3339 == J.created)
        #expect(stores.first?.created.nanoseconds == 624_632_000)
        #expect(stores.first?.modified == Timestamp(rfc3339: "2023-09-22T08:00:00Z"))
    }

    @Test(arguments: TransportKind.allCases)
    func aStoreIsCreatedReadCountedAndForceDeletedWithTheAPIKey(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        cloudflare.on("POST", "/stores", .key, check: {
            $0.query("")
            $0.jsonBody(keys: ["name"])
            $0.string(["name"], "service_x_keys")
        }, json: J.envelope(J.store))
        cloudflare.on("GET", "/stores/\(C.store)", .key, check: { $0.query(""); $0.noBody() }, json: J.envelope(J.store))
        cloudflare.on("GET", "/quota", .key, check: { $0.noBody() },
                      json: J.envelope(#"{"secrets":{"quota":100,"usage":3}}"#))
        cloudflare.on("DELETE", "/stores/\(C.store)", .key, check: { $0.query("force=true"); $0.noBody() },
                      json: J.envelope("null"))
        let client = cloudflare.keyClient

        let created = try await client.send(Cloudflare.Stores.create(accountID: C.account, body: .init(name: "service_x_keys")))
        #expect(created.id == C.store)
        let fetched = try await client.send(Cloudflare.Stores.get(accountID: C.account, storeID: C.store))
        #expect(fetched == created)
        let quota = try await client.send(Cloudflare.Stores.quota(accountID: C.account))
        #expect(quota.secrets == Cloudflare.QuotaUsage(quota: 100, usage: 3))
        let deleted = try await client.send(Cloudflare.Stores.delete(accountID: C.account, storeID: C.store, force: true))
        #expect(deleted == NoContent())
        #expect(cloudflare.server.requests.map(\.method) == ["POST", "GET", "GET", "DELETE"])
    }

    @Test(arguments: TransportKind.allCases)
    func deletingANonEmptyStoreWithoutForceIsAConflict(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        cloudflare.on("DELETE", "/stores/\(C.store)", .token, check: { $0.query("") }, status: 409, json: #"""
            {"success":false,"errors":[{"code":10001,"message":"store_not_empty"}],"messages":[],"result":null}
            """#)
        let error = await expectAPIError {
            try await cloudflare.tokenClient.send(Cloudflare.Stores.delete(accountID: C.account, storeID: C.store))
        }
        guard case .conflict(let response)? = error else {
            Issue.record("expected conflict, got \(String(describing: error))")
            return
        }
        #expect(response.messages == [ProviderMessage(code: "10001", message: "store_not_empty")])
        #expect(response.operationID == "secrets-store.delete-store")
    }

    @Test(arguments: TransportKind.allCases)
    func secretsAreListedWithFilters(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        // `scopes` travels as JSON text; every reserved character and the space are percent-encoded.
        cloudflare.on("GET", Self.secretsPath, .token, check: {
            $0.query("direction=asc&order=name&page=1&per_page=5"
                + "&scopes=%5B%5B%22workers%22%2C%22ai_gateway%22%5D%2C%5B%22dex%22%5D%5D&search=MY%20API")
            $0.noBody()
        }, json: J.envelope("[\(J.secret())]", resultInfo: J.resultInfo(page: 1, totalPages: 1, count: 1, perPage: 5, totalCount: 1)))
        let secrets = try await cloudflare.tokenClient.send(Cloudflare.Secrets.list(
            accountID: C.account, storeID: C.store, direction: .asc, order: .name, page: 1, perPage: 5,
            scopes: [["workers", "ai_gateway"], ["dex"]], search: "MY API"))
        #expect(secrets.map(\.id) == [C.secret])
    }

    @Test(arguments: TransportKind.allCases)
    func aSecretIsReadWithTheAPIKeyAsTheSeedShowsIt(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        cloudflare.on("GET", "\(Self.secretsPath)/\(C.secret)", .key, check: { $0.query(""); $0.noBody() },
                      json: J.envelope(J.secret(), resultInfo: J.resultInfo(page: 1, totalPages: 100, count: 1, perPage: 20,
                                                                          totalCount: 2000)))
        let secret = try await cloudflare.keyClient.send(Cloudflare.Secrets.get(accountID: C.account, storeID: C.store, secretID: C.secret))
        #expect(secret.id == "3fd85f74b32742f1bff64a85009dda07")
        #expect(secret.created.rfc3339 == "2023-09-21T18:56:32.624632Z")
        #expect(secret.created.secondsSince1970 == 1_695_322_592)
        #expect(secret.created.nanoseconds == 624_632_000)
        #expect(secret.modified == secret.created)
        #expect(secret.name == "MY_API_KEY")
        #expect(secret.status == .pending)
        #expect(secret.storeID == "023e105f4ecef8ad9ca31a8372d0c353")
        #expect(secret.comment == "info about my secret")
        #expect(secret.scopes == ["workers", "ai_gateway", "dex", "access"])
    }

    @Test(arguments: TransportKind.allCases)
    func secretsAreCreatedFromAnArrayBody(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        cloudflare.on("POST", Self.secretsPath, .token, check: {
            $0.query("")
            $0.header("Content-Type", "application/json")
            $0.require($0.body.array?.count == 2, "expected an array of 2, got \($0.request.bodyText)")
            $0.require($0.body[0].keys == ["name", "scopes", "value", "comment"], "keys of the first secret: \($0.request.bodyText)")
            $0.require($0.body[1].keys == ["name", "scopes", "value"], "keys of the second secret: \($0.request.bodyText)")
            $0.string([0, "name"], "MY_API_KEY")
            $0.strings([0, "scopes"], ["workers", "ai_gateway"])
            $0.string([0, "value"], "api-key-value-1")
            $0.string([0, "comment"], "info about my secret")
            $0.string([1, "name"], "OTHER")
            $0.string([1, "value"], "api-key-value-2")
        }, json: J.envelope("[\(J.secret()),\(J.secret(id: "aaaabbbbccccddddeeeeffff00001111", name: "OTHER"))]"))
        let created = try await cloudflare.tokenClient.send(Cloudflare.Secrets.create(accountID: C.account, storeID: C.store, body: [
            .init(name: "MY_API_KEY", scopes: ["workers", "ai_gateway"], value: "api-key-value-1", comment: "info about my secret"),
            .init(name: "OTHER", scopes: ["dex"], value: "api-key-value-2"),
        ]))
        #expect(created.map(\.name) == ["MY_API_KEY", "OTHER"])
        #expect(created.map(\.status) == [.pending, .pending])
    }

    @Test(arguments: TransportKind.allCases)
    func aSecretIsPatchedDuplicatedAndDeleted(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        let path = "\(Self.secretsPath)/\(C.secret)"
        cloudflare.on("PATCH", path, .key, check: {
            $0.jsonBody(keys: ["comment", "value"])
            $0.string(["comment"], "rotated")
            $0.string(["value"], "new-value-2")
        }, json: J.envelope(J.secret()))
        cloudflare.on("POST", "\(path)/duplicate", .token, check: {
            $0.jsonBody(keys: ["name", "scopes", "comment"])
            $0.string(["name"], "MY_API_KEY_COPY")
            $0.strings(["scopes"], ["workers"])
            $0.string(["comment"], "a copy")
        }, json: J.envelope(J.secret(id: "0123456789abcdef0123456789abcdef", name: "MY_API_KEY_COPY")))
        cloudflare.on("DELETE", path, .token, check: { $0.query(""); $0.noBody() }, json: J.envelope("null"))

        let patched = try await cloudflare.keyClient.send(Cloudflare.Secrets.patch(
            accountID: C.account, storeID: C.store, secretID: C.secret, body: .init(comment: "rotated", value: "new-value-2")))
        #expect(patched.id == C.secret)
        let copy = try await cloudflare.tokenClient.send(Cloudflare.Secrets.duplicate(
            accountID: C.account, storeID: C.store, secretID: C.secret,
            body: .init(name: "MY_API_KEY_COPY", scopes: ["workers"], comment: "a copy")))
        #expect(copy.id == "0123456789abcdef0123456789abcdef")
        #expect(copy.name == "MY_API_KEY_COPY")
        let deleted = try await cloudflare.tokenClient.send(Cloudflare.Secrets.delete(accountID: C.account, storeID: C.store, secretID: C.secret))
        #expect(deleted == NoContent())
        #expect(cloudflare.server.requests.map(\.method) == ["PATCH", "POST", "DELETE"])
    }

    @Test(arguments: TransportKind.allCases)
    func severalSecretsAreDeletedWithAJSONBodyOnDelete(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        let ids = [C.secret, "aaaabbbbccccddddeeeeffff00001111"]
        cloudflare.on("DELETE", Self.secretsPath, .key, check: {
            $0.query("")
            $0.jsonBody(keys: ["ids"])
            $0.strings(["ids"], ids)
        }, status: 202, json: J.envelope("null"))
        let result = try await cloudflare.keyClient.send(Cloudflare.Secrets.deleteMany(
            accountID: C.account, storeID: C.store, body: .init(ids: ids)))
        #expect(result == NoContent())
        #expect(cloudflare.server.requests.first?.headers["content-type"] == "application/json")
        #expect(JSONBody(cloudflare.server.requests.first?.body ?? Data())["ids"].strings == ids)
    }

    /// The fact sheet allows deletes to answer `"result": {}` as well as `null`.
    @Test(arguments: TransportKind.allCases)
    func aDeleteAnsweringAnEmptyObjectSucceeds(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        cloudflare.on("DELETE", "\(Self.secretsPath)/\(C.secret)", .token, json: J.envelope("{}"))
        let result = try await cloudflare.tokenClient.send(Cloudflare.Secrets.delete(accountID: C.account, storeID: C.store, secretID: C.secret))
        #expect(result == NoContent())
        #expect(cloudflare.server.requests.count == 1)
    }

    /// A route that answers page N of 3 from the `page` query value: 2, 2 and 1 secrets.
    static func pagedRoute(_ cloudflare: C) {
        cloudflare.on("GET", secretsPath, .token, check: {
            $0.require($0.request.query.hasSuffix("&per_page=2") && $0.request.query.hasPrefix("page="),
                       "query is \($0.request.query)")
        }) { request, _ in
            let page = request.query.split(separator: "&").first { $0.hasPrefix("page=") }.flatMap { Int($0.dropFirst(5)) } ?? 0
            let ids = [1: ["s1", "s2"], 2: ["s3", "s4"], 3: ["s5"]][page] ?? []
            let items = ids.map { J.secret(id: $0, name: $0.uppercased()) }.joined(separator: ",")
            return .json(200, J.envelope("[\(items)]", resultInfo: J.resultInfo(page: page, totalPages: 3, count: ids.count)))
        }
    }

    static func pagesSeen(_ cloudflare: C) -> [String] {
        cloudflare.server.requests.map { $0.query.split(separator: "&").first.map(String.init) ?? "" }
    }

    @Test(arguments: TransportKind.allCases)
    func pagesWalkExactlyThreePagesInOrder(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        Self.pagedRoute(cloudflare)
        var numbers: [Int] = []
        var items: [String] = []
        for try await page in cloudflare.tokenClient.pages(Cloudflare.Secrets.listPages(accountID: C.account, storeID: C.store, perPage: 2)) {
            numbers.append(page.number)
            #expect(page.totalPages == 3)
            items += page.items.map(\.id)
        }
        #expect(numbers == [1, 2, 3])
        #expect(items == ["s1", "s2", "s3", "s4", "s5"])
        #expect(Self.pagesSeen(cloudflare) == ["page=1", "page=2", "page=3"])
    }

    @Test(arguments: TransportKind.allCases)
    func pagesAreFetchedOnlyWhenReached(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        Self.pagedRoute(cloudflare)
        var first: Page<Cloudflare.Secret>?
        for try await page in cloudflare.tokenClient.pages(Cloudflare.Secrets.listPages(accountID: C.account, storeID: C.store, perPage: 2)) {
            first = page
            break
        }
        #expect(first?.number == 1)
        #expect(first?.hasNext == true)
        #expect(first?.items.map(\.id) == ["s1", "s2"])
        #expect(Self.pagesSeen(cloudflare) == ["page=1"])
    }

    @Test(arguments: TransportKind.allCases)
    func allCollectsTheItemsOfEveryPage(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        Self.pagedRoute(cloudflare)
        let all = try await cloudflare.tokenClient.all(Cloudflare.Secrets.listPages(accountID: C.account, storeID: C.store, perPage: 2))
        #expect(all.map(\.id) == ["s1", "s2", "s3", "s4", "s5"])
        #expect(all.map(\.name) == ["S1", "S2", "S3", "S4", "S5"])
        #expect(Self.pagesSeen(cloudflare) == ["page=1", "page=2", "page=3"])
    }

    @Test(arguments: TransportKind.allCases)
    func aSuccessfulStatusWithSuccessFalseThrowsUnsuccessful(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        let body = #"{"success":false,"errors":[{"code":10001,"message":"store_not_empty"}],"messages":[],"result":null}"#
        cloudflare.on("DELETE", "/stores/\(C.store)", .token, json: body)
        let error = await expectAPIError {
            try await cloudflare.tokenClient.send(Cloudflare.Stores.delete(accountID: C.account, storeID: C.store))
        }
        guard case .unsuccessful(let response)? = error else {
            Issue.record("expected unsuccessful, got \(String(describing: error))")
            return
        }
        #expect(response.status == 200)
        #expect(response.messages == [ProviderMessage(code: "10001", message: "store_not_empty")])
        #expect(String(decoding: response.body, as: UTF8.self) == body)
        #expect(cloudflare.server.requests.count == 1)
    }

    @Test(arguments: TransportKind.allCases)
    func aListPageWithSuccessFalseThrowsUnsuccessfulFromThePages(_ transport: TransportKind) async throws {
        let cloudflare = try C(transport: transport)
        defer { cloudflare.stop() }
        cloudflare.on("GET", Self.secretsPath, .token,
                      json: #"{"success":false,"errors":[{"code":1003,"message":"store not found"}],"messages":[]}"#)
        let error = await expectAPIError {
            try await cloudflare.tokenClient.all(Cloudflare.Secrets.listPages(accountID: C.account, storeID: C.store))
        }
        guard case .unsuccessful(let response)? = error else {
            Issue.record("expected unsuccessful, got \(String(describing: error))")
            return
        }
        #expect(response.messages == [ProviderMessage(code: "1003", message: "store not found")])
    }
}
