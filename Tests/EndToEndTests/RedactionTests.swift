import Foundation
import Generated
import Spec2SwiftRuntime
import Testing

/// Secret values, sent or received, never show in any printed form of the values that hold them,
/// while still travelling over the wire.
@Suite struct RedactionTests {
    static let cloudflareValue = "sk_live_VERY_SECRET"
    static let cloudflarePatchValue = "sk_live_PATCHED_SECRET"
    static let sentText = "lockbox-TEXT-SECRET-42"
    static let sentBytes = Data("lockbox-BINARY-SECRET".utf8)
    static let receivedText = "received-TEXT-SECRET"
    static let receivedBytes = Data("received-BINARY-SECRET".utf8)
    static let getExBytes = Data("getex-SECRET-BYTES-99".utf8)

    /// Every secret the suite handles, as text: values, bytes as text and as base64, and credentials.
    static var needles: [String] {
        [cloudflareValue, cloudflarePatchValue, sentText, receivedText,
         CloudflareHarness.token, CloudflareHarness.key, CloudflareHarness.email, LockboxHarness.token]
            + [sentBytes, receivedBytes, getExBytes].flatMap { [String(decoding: $0, as: UTF8.self), $0.base64EncodedString()] }
    }

    /// Checks the four renderings of `value`; `marker` must show in its description (so that the
    /// secret was there to hide).
    static func expectRedacted<T>(_ value: T, _ label: String, marker: String? = "<redacted",
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        for (way, text) in renderings(value) {
            for needle in needles where text.contains(needle) {
                Issue.record("\(way) of \(label) shows the secret '\(needle)':\n\(text)", sourceLocation: sourceLocation)
            }
        }
        if let marker {
            #expect(String(describing: value).contains(marker), "\(label) should show \(marker)", sourceLocation: sourceLocation)
        }
    }

    static var cloudflareCreate: Cloudflare.CreateSecretRequest {
        Cloudflare.CreateSecretRequest(name: "STRIPE", scopes: ["workers"], value: SecretString(cloudflareValue), comment: "c")
    }
    static var cloudflarePatch: Cloudflare.PatchSecretRequest {
        Cloudflare.PatchSecretRequest(comment: "rotated", value: SecretString(cloudflarePatchValue))
    }
    static var textEntry: Lockbox.PayloadEntryChange { .init(key: "password", value: .textValue(SecretString(sentText))) }
    static var binaryEntry: Lockbox.PayloadEntryChange { .init(key: "cert", value: .binaryValue(SecretBytes(sentBytes))) }
    static var lockboxCreate: Lockbox.CreateSecretRequest {
        .init(folderID: LockboxJSON.folderID, name: "n", versionPayloadEntries: [textEntry, binaryEntry])
    }
    static var lockboxAddVersion: Lockbox.AddVersionRequest { .init(payloadEntries: [textEntry, binaryEntry]) }

    @Test func modelsThatCarrySecretsNeverPrintThem() {
        Self.expectRedacted(Self.cloudflareCreate, "Cloudflare.CreateSecretRequest")
        Self.expectRedacted([Self.cloudflareCreate, Self.cloudflareCreate], "[Cloudflare.CreateSecretRequest]")
        Self.expectRedacted(Self.cloudflarePatch, "Cloudflare.PatchSecretRequest")
        Self.expectRedacted(Self.textEntry, "a text PayloadEntryChange")
        Self.expectRedacted(Self.textEntry.value, "a text PayloadEntryChange.Value")
        Self.expectRedacted(Self.binaryEntry, "a binary PayloadEntryChange")
        Self.expectRedacted(Self.binaryEntry.value, "a binary PayloadEntryChange.Value")
        Self.expectRedacted(Self.lockboxCreate, "Lockbox.CreateSecretRequest")
        Self.expectRedacted(Self.lockboxAddVersion, "Lockbox.AddVersionRequest")
        Self.expectRedacted(SecretString(Self.cloudflareValue), "SecretString")
        Self.expectRedacted(SecretBytes(Self.sentBytes), "SecretBytes")
    }

    @Test func requestsNeverPrintTheirBodies() throws {
        let requests: [(String, any Sendable)] = [
            ("Cloudflare create", Cloudflare.Secrets.create(accountID: "a", storeID: "s", body: [Self.cloudflareCreate])),
            ("Cloudflare patch", Cloudflare.Secrets.patch(accountID: "a", storeID: "s", secretID: "x", body: Self.cloudflarePatch)),
            ("Lockbox create", Lockbox.Secrets.create(body: Self.lockboxCreate)),
            ("Lockbox addVersion", Lockbox.Secrets.addVersion(secretID: "x", body: Self.lockboxAddVersion)),
        ]
        for (label, request) in requests {
            Self.expectRedacted(request, label, marker: nil)
        }
        // The bodies still hold the values: they are only hidden from printing.
        let body = try #require(Cloudflare.Secrets.create(accountID: "a", storeID: "s", body: [Self.cloudflareCreate]).urlRequest().httpBody)
        #expect(String(decoding: body, as: UTF8.self).contains(Self.cloudflareValue))
    }

    @Test func credentialsNeverPrint() {
        let token = Cloudflare.Auth.apiToken(CloudflareHarness.token)
        let key = Cloudflare.Auth.apiKey(email: CloudflareHarness.email, key: CloudflareHarness.key)
        let iam = Lockbox.Auth.iamToken(LockboxHarness.token)
        Self.expectRedacted(token, "Cloudflare.Auth.apiToken")
        Self.expectRedacted(key, "Cloudflare.Auth.apiKey")
        Self.expectRedacted(iam, "Lockbox.Auth.iamToken")
        Self.expectRedacted(Gcore.Auth.apiKey(CloudflareHarness.key), "Gcore.Auth.apiKey")
        Self.expectRedacted(APIClient(authentication: key, baseURL: URL(string: "http://127.0.0.1:1")), "APIClient", marker: nil)
        #expect(String(describing: key).contains("X-Auth-Email"))
        #expect(key.headers.map(\.value) == [CloudflareHarness.email, CloudflareHarness.key])
    }

    @Test func receivedPayloadsNeverPrint() async throws {
        let lockbox = try LockboxHarness()
        defer { lockbox.stop() }
        lockbox.onPayload("GET", "/lockbox/v1/secrets/\(LockboxJSON.secretID)/payload", json: #"""
            {"versionId":"v1","entries":[{"key":"password","textValue":"\#(Self.receivedText)"},
             {"key":"cert","binaryValue":"\#(Self.receivedBytes.base64EncodedString())"}]}
            """#)
        lockbox.onPayload("GET", "/lockbox/v1/secrets:getEx", json: #"""
            {"secretId":"\#(LockboxJSON.secretID)","versionId":"v1","entries":{"cert":"\#(Self.getExBytes.base64EncodedString())"}}
            """#)
        let payload = try await lockbox.client.send(Lockbox.Payloads.get(secretID: LockboxJSON.secretID))
        let entries = try #require(payload.entries)
        #expect(entries.map(\.value) == [.textValue(SecretString(Self.receivedText)), .binaryValue(SecretBytes(Self.receivedBytes))])
        Self.expectRedacted(payload, "Lockbox.Payload")
        Self.expectRedacted(entries, "[Lockbox.PayloadEntry]")
        for entry in entries {
            Self.expectRedacted(entry, "the PayloadEntry \(entry.key)")
            Self.expectRedacted(entry.value, "the PayloadEntry.Value of \(entry.key)")
        }

        let byID = try await lockbox.client.send(Lockbox.Payloads.getEx(secretID: LockboxJSON.secretID))
        #expect(byID.entries?["cert"]?.value == Self.getExBytes)
        Self.expectRedacted(byID, "Lockbox.GetExResponse")
        Self.expectRedacted(byID.entries, "GetExResponse.entries")
    }

    @Test func errorsOfCallsThatCarriedSecretsNeverPrintThem() async throws {
        let cloudflare = try CloudflareHarness(retryPolicy: .none)
        defer { cloudflare.stop() }
        let path = "/stores/s/secrets"
        let refusal = #"{"success":false,"errors":[{"code":1001,"message":"invalid scope"}],"messages":[],"result":null}"#
        cloudflare.on("POST", path, .token, check: {
            $0.require($0.request.bodyText.contains(Self.cloudflareValue), "the created value was not sent")
        }, status: 400, json: refusal)
        cloudflare.on("PATCH", "\(path)/x", .key, check: {
            $0.require($0.request.bodyText.contains(Self.cloudflarePatchValue), "the patched value was not sent")
        }, status: 500, json: refusal)
        let lockbox = try LockboxHarness()
        defer { lockbox.stop() }
        lockbox.onSecrets("POST", "/lockbox/v1/secrets", check: {
            $0.require($0.request.bodyText.contains(Self.sentText), "the text value was not sent")
            $0.require($0.request.bodyText.contains(Self.sentBytes.base64EncodedString()), "the binary value was not sent")
        }) { _, _ in .json(400, #"{"code":3,"message":"payload too large","details":[]}"#) }
        lockbox.onSecrets("POST", "/lockbox/v1/secrets/x:addVersion") { _, _ in
            .json(409, #"{"code":6,"message":"version exists","details":[]}"#)
        }

        let errors: [(String, APIError?, String)] = [
            ("Cloudflare create", await expectAPIError {
                try await cloudflare.tokenClient.send(Cloudflare.Secrets.create(accountID: CloudflareHarness.account, storeID: "s",
                                                                                body: [Self.cloudflareCreate]))
            }, "invalid scope"),
            ("Cloudflare patch", await expectAPIError {
                try await cloudflare.keyClient.send(Cloudflare.Secrets.patch(accountID: CloudflareHarness.account, storeID: "s",
                                                                             secretID: "x", body: Self.cloudflarePatch))
            }, "invalid scope"),
            ("Lockbox create", await expectAPIError { try await lockbox.client.send(Lockbox.Secrets.create(body: Self.lockboxCreate)) },
             "payload too large"),
            ("Lockbox addVersion", await expectAPIError {
                try await lockbox.client.send(Lockbox.Secrets.addVersion(secretID: "x", body: Self.lockboxAddVersion))
            }, "version exists"),
        ]
        for (label, error, message) in errors {
            guard let error, let response = error.response else {
                Issue.record("\(label): expected an error answer, got \(String(describing: error))")
                continue
            }
            #expect(response.description.contains(message), "\(label): \(response.description)")
            Self.expectRedacted(error, "the APIError of \(label)", marker: nil)
            Self.expectRedacted(response, "the ErrorResponse of \(label)", marker: nil)
            Self.expectRedacted(response.description, "ErrorResponse.description of \(label)", marker: nil)
        }
    }

    @Test func secretsStillTravelOverTheWire() async throws {
        let cloudflare = try CloudflareHarness()
        defer { cloudflare.stop() }
        cloudflare.on("POST", "/stores/s/secrets", .token, json: CloudflareJSON.envelope("[\(CloudflareJSON.secret())]"))
        cloudflare.on("PATCH", "/stores/s/secrets/x", .key, json: CloudflareJSON.envelope(CloudflareJSON.secret()))
        let lockbox = try LockboxHarness()
        defer { lockbox.stop() }
        lockbox.onSecrets("POST", "/lockbox/v1/secrets", json: LockboxJSON.operation(
            done: true, metadataType: LockboxJSON.lockboxType("CreateSecretMetadata"), metadata: LockboxJSON.secretMetadata))

        _ = try await cloudflare.tokenClient.send(Cloudflare.Secrets.create(accountID: CloudflareHarness.account, storeID: "s",
                                                                            body: [Self.cloudflareCreate]))
        _ = try await cloudflare.keyClient.send(Cloudflare.Secrets.patch(accountID: CloudflareHarness.account, storeID: "s",
                                                                         secretID: "x", body: Self.cloudflarePatch))
        _ = try await lockbox.client.send(Lockbox.Secrets.create(body: Self.lockboxCreate))

        let sent = cloudflare.server.requests
        #expect(JSONBody(sent[0].body)[0, "value"].string == Self.cloudflareValue)
        #expect(JSONBody(sent[1].body)["value"].string == Self.cloudflarePatchValue)
        #expect(sent[0].headers["authorization"] == "Bearer " + CloudflareHarness.token)
        #expect(sent[1].headers["x-auth-email"] == CloudflareHarness.email)
        #expect(sent[1].headers["x-auth-key"] == CloudflareHarness.key)
        let lockboxBody = JSONBody(try #require(lockbox.secretsHost.requests.first).body)
        #expect(lockboxBody["versionPayloadEntries", 0, "textValue"].string == Self.sentText)
        #expect(lockboxBody["versionPayloadEntries", 1, "binaryValue"].string == Self.sentBytes.base64EncodedString())
        #expect(lockbox.secretsHost.requests.first?.headers["authorization"] == "Bearer " + LockboxHarness.token)
    }
}
