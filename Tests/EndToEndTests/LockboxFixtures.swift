import Foundation
import Generated
import Spec2SwiftRuntime
import TestSupport

/// Two loopback hosts standing in for Lockbox: one for SecretService and the Operation service, one for
/// PayloadService, and a client that maps the API's three server URLs onto them.
struct LockboxHarness {
    static let token = "t1.9euelZqLockbox-IAM-token"

    let secretsRouter: Router
    let payloadRouter: Router
    let secretsHost: LoopbackServer
    let payloadHost: LoopbackServer
    let client: APIClient
    /// The client's clock: it moves only when a test advances it, so no attempt times out on a busy
    /// machine, and waiting for an operation is checked without waiting.
    let clock = ManualClock()

    init(transport: TransportKind = .urlSession, timeout: Duration = .seconds(60)) throws {
        let secretsRouter = Router()
        let payloadRouter = Router()
        let secretsHost = try LoopbackServer(handler: secretsRouter.handle)
        let payloadHost = try LoopbackServer(handler: payloadRouter.handle)
        self.secretsRouter = secretsRouter
        self.payloadRouter = payloadRouter
        self.secretsHost = secretsHost
        self.payloadHost = payloadHost
        client = APIClient(
            authentication: Lockbox.Auth.iamToken(Self.token), transport: transport.make(), baseURL: nil,
            servers: [
                Lockbox.defaultServer: secretsHost.url,
                Lockbox.operationServer: secretsHost.url,
                Lockbox.payloadServer: payloadHost.url,
            ],
            timeout: timeout, retryPolicy: fastRetries, clock: ClientClock(clock))
    }

    func stop() {
        secretsHost.stop()
        payloadHost.stop()
    }

    /// A route on the SecretService/Operation host that checks the IAM token and then `check`.
    func onSecrets(_ method: String, _ path: String, check: @escaping @Sendable (inout Inspection) -> Void = { _ in },
                   reply: @escaping @Sendable (LoopbackServer.Request, Int) -> LoopbackServer.Response) {
        Self.route(secretsRouter, method, path, check: check, reply: reply)
    }

    func onSecrets(_ method: String, _ path: String, check: @escaping @Sendable (inout Inspection) -> Void = { _ in },
                   json: String) {
        onSecrets(method, path, check: check) { _, _ in .json(200, json) }
    }

    /// A route on the PayloadService host that checks the IAM token and then `check`.
    func onPayload(_ method: String, _ path: String, check: @escaping @Sendable (inout Inspection) -> Void = { _ in },
                   json: String) {
        Self.route(payloadRouter, method, path, check: check) { _, _ in .json(200, json) }
    }

    private static func route(
        _ router: Router, _ method: String, _ path: String, check: @escaping @Sendable (inout Inspection) -> Void,
        reply: @escaping @Sendable (LoopbackServer.Request, Int) -> LoopbackServer.Response
    ) {
        router.on(method, path, rejecting: yandexRejection, check: { inspection in
            inspection.header("Authorization", "Bearer " + token)
            inspection.header("Accept", "application/json")
            check(&inspection)
        }, answer: reply)
    }
}

/// Protobuf-JSON-shaped answers: lowerCamelCase keys, int64 as strings, 0 to 9 fractional digits,
/// `google.protobuf.Any` objects with an `@type`.
enum LockboxJSON {
    static let secretID = "e6q8mb1lmoehrsk0ppap"
    static let folderID = "b1gd129pp9ha0vnvf5g7"
    static let versionID = "e6qi4l5rbk3a4bq0bdc8"
    static let newVersionID = "e6qnewversion0000001"
    static let operationID = "e6qop4l5rbk3a4bq0bd1"

    static func lockboxType(_ message: String) -> String { "type.googleapis.com/yandex.cloud.lockbox.v1." + message }
    static func accessType(_ message: String) -> String { "type.googleapis.com/yandex.cloud.access." + message }

    static func version(id: String = versionID, status: String = "ACTIVE", destroyAt: String? = nil) -> String {
        #"{"id":"\#(id)","secretId":"\#(secretID)","createdAt":"2024-05-01T10:00:00.5Z","#
            + (destroyAt.map { #""destroyAt":"\#($0)","# } ?? "")
            + #""description":"first","status":"\#(status)","payloadEntryKeys":["password","cert"]}"#
    }

    static func secret(status: String = "ACTIVE", name: String = "db-password") -> String {
        #"""
        {"id":"\#(secretID)","folderId":"\#(folderID)","createdAt":"2024-05-01T10:00:00.123456789Z",
         "name":"\#(name)","description":"the database password","labels":{"env":"prod","team":"core"},
         "kmsKeyId":"abjkmskey","status":"\#(status)","currentVersion":\#(version()),"deletionProtection":true,
         "passwordPayloadSpecification":{"passwordKey":"password","length":"32","includeUppercase":true,
         "includePunctuation":false,"excludedPunctuation":"\\\""}}
        """#
    }

    /// `object` with `"@type": type` as its first key.
    static func typed(_ type: String, _ object: String) -> String {
        let inner = object.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst()
        return #"{"@type":"\#(type)","# + inner
    }

    static var secretResponse: String { typed(lockboxType("Secret"), secret()) }
    static var emptyResponse: String { #"{"@type":"type.googleapis.com/google.protobuf.Empty"}"# }

    /// An Operation; `done` nil leaves the key out, as protobuf JSON does for `false`.
    static func operation(
        id: String = operationID, done: Bool?, metadataType: String, metadata: String,
        response: String? = nil, error: String? = nil
    ) -> String {
        var text = #"{"id":"\#(id)","description":"a Lockbox operation","createdAt":"2024-05-01T10:00:00.987654321Z","#
            + #""createdBy":"ajeuser0000000000001","modifiedAt":"2024-05-01T10:00:01Z","#
        if let done { text += #""done":\#(done),"# }
        text += #""metadata":{"@type":"\#(metadataType)",\#(metadata)}"#
        if let response { text += #","response":\#(response)"# }
        if let error { text += #","error":\#(error)"# }
        return text + "}"
    }

    static var secretMetadata: String { #""secretId":"\#(secretID)","versionId":"\#(versionID)""# }

    /// The secret the fixtures describe, as the generated model.
    static var expectedSecretMetadata: Lockbox.SecretMetadata {
        Lockbox.SecretMetadata(secretID: secretID, versionID: versionID)
    }
}

/// Payload values the Lockbox tests send and receive.
enum LockboxPayload {
    static let text = "p@ssw0rd-TEXT-VALUE"
    static let bytes = Data([0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x01, 0xFF, 0x7F])
    static var base64: String { bytes.base64EncodedString() }
}
