import Foundation
import Generated
import Spec2SwiftRuntime
import Testing
import TestSupport

/// The seed operations' request builders give exact URLRequests, without any network.
@Suite struct RequestBuilderTests {
    /// A path value holding `/`, space, `?`, `%`, `#` and non-ASCII: it must arrive as one segment.
    static let hostileID = "a/b c?d%e#f/ключ"
    static let encodedHostileID = "a%2Fb%20c%3Fd%25e%23f%2F%D0%BA%D0%BB%D1%8E%D1%87"

    @Test func gcoreGetSecret() throws {
        let request = try Gcore.Secrets.getSecret(projectID: 1, regionID: 7, secretID: Self.hostileID)
            .urlRequest(authentication: Gcore.Auth.apiKey("1234$abcdef"))
        #expect(request.httpMethod == "GET")
        #expect(request.url?.absoluteString == "https://api.gcore.com/cloud/v1/secrets/1/7/" + Self.encodedHostileID)
        #expect(request.value(forHTTPHeaderField: "Authorization") == "APIKey 1234$abcdef")
        #expect(request.value(forHTTPHeaderField: "Accept") == "application/json")
        #expect(request.httpBody == nil)
        #expect(request.url?.pathComponents.count == 7, "the ID must stay one path segment")
    }

    @Test func lockboxGetSecretOnTheSecretServiceHost() throws {
        let request = try Lockbox.Secrets.get(secretID: Self.hostileID).urlRequest(authentication: Lockbox.Auth.iamToken("t1.abc"))
        #expect(request.httpMethod == "GET")
        #expect(request.url?.absoluteString == "https://lockbox.api.cloud.yandex.net/lockbox/v1/secrets/" + Self.encodedHostileID)
        #expect(request.value(forHTTPHeaderField: "Authorization") == "Bearer t1.abc")
    }

    @Test func lockboxPayloadOnThePayloadHost() throws {
        let request = try Lockbox.Payloads.get(secretID: "e6q", versionID: "v 2").urlRequest()
        #expect(request.url?.absoluteString == "https://payload.lockbox.api.cloud.yandex.net/lockbox/v1/secrets/e6q/payload?versionId=v%202")
    }

    @Test func lockboxCustomMethodWithBody() throws {
        let body = Lockbox.ScheduleVersionDestructionRequest(versionID: "v1", pendingPeriod: ProtobufDuration(seconds: 86_400))
        let request = try Lockbox.Secrets.scheduleVersionDestruction(secretID: "s1", body: body).urlRequest()
        #expect(request.httpMethod == "POST")
        #expect(request.url?.absoluteString == "https://lockbox.api.cloud.yandex.net/lockbox/v1/secrets/s1:scheduleVersionDestruction")
        #expect(String(decoding: try #require(request.httpBody), as: UTF8.self) == #"{"pendingPeriod":"86400s","versionId":"v1"}"#)
        #expect(request.value(forHTTPHeaderField: "Content-Type") == "application/json")
    }

    @Test func cloudflareGetSecretWithLegacyKey() throws {
        let request = try Cloudflare.Secrets.get(accountID: "acc", storeID: "023e105f4ecef8ad9ca31a8372d0c353", secretID: Self.hostileID)
            .urlRequest(authentication: Cloudflare.Auth.apiKey(email: "me@example.com", key: "global-key"))
        #expect(request.httpMethod == "GET")
        #expect(request.url?.absoluteString == "https://api.cloudflare.com/client/v4/accounts/acc/secrets_store/stores/"
                + "023e105f4ecef8ad9ca31a8372d0c353/secrets/" + Self.encodedHostileID)
        #expect(request.value(forHTTPHeaderField: "X-Auth-Email") == "me@example.com")
        #expect(request.value(forHTTPHeaderField: "X-Auth-Key") == "global-key")
        #expect(request.value(forHTTPHeaderField: "Authorization") == nil)
    }

    @Test func cloudflareCreateTakesAnArray() throws {
        let request = try Cloudflare.Secrets.create(accountID: "acc", storeID: "st", body: [
            Cloudflare.CreateSecretRequest(name: "MY_API_KEY", scopes: ["workers"], value: "s3cr3t", comment: "info"),
        ]).urlRequest(authentication: Cloudflare.Auth.apiToken("tok"))
        #expect(request.httpMethod == "POST")
        #expect(request.value(forHTTPHeaderField: "Authorization") == "Bearer tok")
        let body = String(decoding: try #require(request.httpBody), as: UTF8.self)
        #expect(body == #"[{"comment":"info","name":"MY_API_KEY","scopes":["workers"],"value":"s3cr3t"}]"#)
    }

    @Test func cloudflareBulkDeleteSendsJSONWithDelete() throws {
        let request = try Cloudflare.Secrets.deleteMany(accountID: "acc", storeID: "st", body: .init(ids: ["a", "b"])).urlRequest()
        #expect(request.httpMethod == "DELETE")
        #expect(request.value(forHTTPHeaderField: "Content-Type") == "application/json")
        #expect(request.httpBody.map { String(decoding: $0, as: UTF8.self) } == #"{"ids":["a","b"]}"#)
    }

    @Test func cloudflareListQuery() throws {
        let request = try Cloudflare.Secrets.list(accountID: "acc", storeID: "st", direction: .desc, order: .created, page: 2,
                                                  perPage: 50, search: "a+b c").urlRequest()
        #expect(request.url?.query == "direction=desc&order=created&page=2&per_page=50&search=a%2Bb%20c")
    }

    /// Callers with an HTTP stack of their own read answers with the request that asked for them.
    @Test func decodeResponseReadsTheResultUnwrappingAnEnvelope() throws {
        let request = Cloudflare.Secrets.get(accountID: "acc", storeID: "st", secretID: "id")
        let result = #"{"id":"id","name":"MY_KEY","status":"active","created":"2023-09-21T18:56:32.624632Z","#
            + #""modified":"2023-09-21T18:56:32.624632Z","store_id":"st"}"#
        let body = Data((#"{"success":true,"errors":[],"messages":[],"result":"# + result + "}").utf8)
        let secret = try request.decodeResponse(body)
        #expect(secret.name == "MY_KEY")
        #expect(secret.created.rfc3339 == "2023-09-21T18:56:32.624632Z")

        let failed = Data(#"{"success":false,"errors":[{"code":1000,"message":"bad"}],"messages":[],"result":null}"#.utf8)
        #expect(throws: EnvelopeFailure.self) { try request.decodeResponse(failed) }

        let deleted = try Cloudflare.Secrets.delete(accountID: "acc", storeID: "st", secretID: "id")
            .decodeResponse(Data(#"{"success":true,"errors":[],"messages":[],"result":null}"#.utf8))
        _ = deleted
        let gcore = try Gcore.Secrets.getSecret(projectID: 1, regionID: 1, secretID: "s")
            .decodeResponse(Data(#"{"id":"s","name":"n","secret_type":"opaque","status":"ACTIVE"}"#.utf8))
        #expect(gcore.secretType == .opaque)
    }

    @Test func baseURLOverrideKeepsPath() throws {
        let request = try Lockbox.Secrets.get(secretID: "s").urlRequest(baseURL: URL(string: "http://127.0.0.1:8080/"))
        #expect(request.url?.absoluteString == "http://127.0.0.1:8080/lockbox/v1/secrets/s")
    }
}
