import Foundation
import Generated
import Spec2SwiftRuntime
import Testing

/// Gcore's seed operation over real HTTP on loopback, through `URLSessionTransport`.
@Suite struct GcoreEndToEndTests {
    @Test(arguments: TransportKind.allCases)
    func getSecretSendsTheKeyAndDecodesTheAnswer(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("GET", "/cloud/v1/secrets/1/2/bfc7824b-31b6-4a28-a0c4-7df137139215") { request, _ in
            guard request.headers["authorization"] == "APIKey k-123", request.query.isEmpty else {
                return .json(401, #"{"message":"bad key"}"#)
            }
            return .json(200, #"""
                {"id":"bfc7824b-31b6-4a28-a0c4-7df137139215","name":"AES key","secret_type":"opaque","status":"ACTIVE",
                 "algorithm":null,"created":"2023-03-23T20:00:00+00:00","content_types":{"default":"application/octet-stream"}}
                """#)
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let client = APIClient(authentication: Gcore.Auth.apiKey("k-123"), transport: transport.make(), baseURL: server.url)
        let secret = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 2, secretID: "bfc7824b-31b6-4a28-a0c4-7df137139215"))
        #expect(secret.name == "AES key")
        #expect(secret.algorithm == nil)
        #expect(secret.created?.rfc3339 == "2023-03-23T20:00:00+00:00")
        #expect(server.requests.count == 1)
    }

    @Test(arguments: TransportKind.allCases)
    func anErrorAnswerBecomesATypedErrorWithTheProviderMessage(_ transport: TransportKind) async throws {
        let error = try await Self.error(of: .json(404, #"{"message":"Secret not found","exception_class":"NotFound"}"#), transport)
        guard case .notFound(let response)? = error else {
            Issue.record("expected notFound, got \(String(describing: error))")
            return
        }
        #expect(response.status == 404)
        #expect(response.messages == [ProviderMessage(message: "Secret not found")])
        #expect(String(decoding: response.body, as: UTF8.self).contains("exception_class"))
    }

    /// Gcore's profile declares its error shape (`{message}`): a 409 is read by that shape alone.
    @Test(arguments: TransportKind.allCases)
    func aConflictIsReadByTheDeclaredErrorShape(_ transport: TransportKind) async throws {
        let error = try await Self.error(
            of: .json(409, #"{"message":"Secret with this name already exists","exception_class":"Conflict","detail":"other"}"#), transport)
        guard case .conflict(let response)? = error else {
            Issue.record("expected conflict, got \(String(describing: error))")
            return
        }
        #expect(response.messages == [ProviderMessage(message: "Secret with this name already exists")])
    }

    /// The error "Get secret" throws when every answer is `answer`; nil when it succeeds.
    private static func error(of answer: LoopbackServer.Response, _ transport: TransportKind) async throws -> APIError? {
        let server = try LoopbackServer { _ in answer }
        defer { server.stop() }
        let client = APIClient(authentication: Gcore.Auth.apiKey("k"), transport: transport.make(), baseURL: server.url)
        do {
            _ = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 1, secretID: "x"))
            return nil
        } catch {
            return error
        }
    }
}
