import Foundation
import Generated
import Spec2SwiftRuntime
import Testing

/// Every generated Lockbox operation over real HTTP: SecretService on one loopback host, PayloadService
/// on another, each route checking method, exact path, query, token and JSON body.
@Suite struct LockboxEndToEndTests {
    typealias J = LockboxJSON
    static let base = "/lockbox/v1/secrets"

    @Test(arguments: TransportKind.allCases)
    func getSendsAnEncodedIDToTheSecretHostAndKeepsNanoseconds(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        // `/`, space and `:` in an ID stay inside one path segment.
        lockbox.onSecrets("GET", "\(Self.base)/e6q%2Fodd%20id%3A1", check: { $0.query(""); $0.noBody() }, json: J.secret())
        let secret = try await lockbox.client.send(Lockbox.Secrets.get(secretID: "e6q/odd id:1"))
        #expect(secret.id == J.secretID)
        #expect(secret.folderID == J.folderID)
        #expect(secret.labels == ["env": "prod", "team": "core"])
        #expect(secret.status == .active)
        #expect(secret.createdAt?.rfc3339 == "2024-05-01T10:00:00.123456789Z")
        #expect(secret.createdAt?.nanoseconds == 123_456_789)
        #expect(secret.createdAt == Timestamp(secondsSince1970: 1_714_557_600, nanoseconds: 123_456_789))
        #expect(secret.currentVersion?.createdAt?.nanoseconds == 500_000_000)
        #expect(secret.currentVersion?.payloadEntryKeys == ["password", "cert"])
        #expect(secret.passwordPayloadSpecification?.length == 32)
        #expect(secret.passwordPayloadSpecification?.includePunctuation == false)
        #expect(secret.passwordPayloadSpecification?.excludedPunctuation == "\\\"")
        #expect(secret.deletionProtection == true)
        #expect(lockbox.secretsHost.requests.count == 1)
        #expect(lockbox.payloadHost.requests.isEmpty)
    }

    @Test(arguments: TransportKind.allCases)
    func listSendsFolderAndPagingAndKeepsUnknownStatuses(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        let answer = #"{"secrets":[\#(J.secret()),\#(J.secret(status: "DELETING", name: "old"))],"nextPageToken":"token-3"}"#
        lockbox.onSecrets("GET", Self.base, check: {
            $0.query("folderId=\(J.folderID)&pageSize=50&pageToken=next%2Bpage%2F2")
        }, json: answer)
        let list = try await lockbox.client.send(Lockbox.Secrets.list(folderID: J.folderID, pageSize: 50, pageToken: "next+page/2"))
        #expect(list.secrets?.map(\.name) == ["db-password", "old"])
        #expect(list.secrets?.map(\.status) == [.active, .undocumented("DELETING")])
        #expect(list.nextPageToken == "token-3")
    }

    @Test(arguments: TransportKind.allCases)
    func createSendsTextAndBinaryEntriesAndDecodesTheOperation(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onSecrets("POST", Self.base, check: {
            $0.query("")
            $0.jsonBody(keys: ["folderId", "name", "description", "labels", "versionDescription", "versionPayloadEntries",
                               "deletionProtection"])
            $0.string(["folderId"], J.folderID)
            $0.string(["labels", "env"], "prod")
            $0.bool(["deletionProtection"], true)
            $0.string(["versionPayloadEntries", 0, "key"], "password")
            $0.string(["versionPayloadEntries", 0, "textValue"], LockboxPayload.text)
            $0.require($0.body["versionPayloadEntries", 0, "binaryValue"].exists == false, "entry 0 has both values")
            $0.string(["versionPayloadEntries", 1, "key"], "cert")
            $0.string(["versionPayloadEntries", 1, "binaryValue"], LockboxPayload.base64)
            $0.require($0.body["versionPayloadEntries", 1, "textValue"].exists == false, "entry 1 has both values")
        }, json: J.operation(done: true, metadataType: J.lockboxType("CreateSecretMetadata"), metadata: J.secretMetadata,
                             response: J.secretResponse))
        let operation = try await lockbox.client.send(Lockbox.Secrets.create(body: Lockbox.CreateSecretRequest(
            folderID: J.folderID, name: "db-password", description: "the database password", labels: ["env": "prod"],
            versionDescription: "first", versionPayloadEntries: [
                .init(key: "password", value: .textValue(SecretString(LockboxPayload.text))),
                .init(key: "cert", value: .binaryValue(SecretBytes(LockboxPayload.bytes))),
            ], deletionProtection: true)))
        #expect(operation.id == J.operationID)
        #expect(operation.isDone)
        #expect(operation.createdAt?.nanoseconds == 987_654_321)
        #expect(operation.createdBy == "ajeuser0000000000001")
        #expect(operation.metadata == .createSecretMetadata(J.expectedSecretMetadata))
        guard case .response(.secret(let secret))? = operation.result else {
            Issue.record("expected a Secret response, got \(String(describing: operation.result))")
            return
        }
        #expect(secret.id == J.secretID)
        #expect(secret.name == "db-password")
        #expect(secret.createdAt?.nanoseconds == 123_456_789)
    }

    @Test(arguments: TransportKind.allCases)
    func updateSendsAFieldMaskAsOneString(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onSecrets("PATCH", "\(Self.base)/\(J.secretID)", check: {
            $0.jsonBody(keys: ["updateMask", "name", "description"])
            $0.string(["updateMask"], "name,description")
            $0.string(["name"], "renamed")
            $0.string(["description"], "new description")
        }, json: J.operation(done: true, metadataType: J.lockboxType("UpdateSecretMetadata"), metadata: J.secretMetadata,
                             response: J.secretResponse))
        let operation = try await lockbox.client.send(Lockbox.Secrets.update(secretID: J.secretID, body: .init(
            updateMask: ["name", "description"], name: "renamed", description: "new description")))
        #expect(operation.metadata == .updateSecretMetadata(J.expectedSecretMetadata))
        #expect(operation.result.map { if case .response(.secret) = $0 { true } else { false } } == true)
    }

    @Test(arguments: TransportKind.allCases)
    func deleteActivateAndDeactivateSendNoBody(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        let noBody: @Sendable (inout Inspection) -> Void = { $0.query(""); $0.noBody() }
        lockbox.onSecrets("DELETE", "\(Self.base)/\(J.secretID)", check: noBody, json: J.operation(
            done: true, metadataType: J.lockboxType("DeleteSecretMetadata"), metadata: J.secretMetadata,
            response: J.typed(J.lockboxType("Secret"), J.secret(status: "INACTIVE"))))
        // The `:` of the custom method is literal; the one inside the ID is encoded.
        lockbox.onSecrets("POST", "\(Self.base)/id%3Awith%2Fslash:activate", check: noBody, json: J.operation(
            done: true, metadataType: J.lockboxType("ActivateSecretMetadata"), metadata: J.secretMetadata,
            response: J.secretResponse))
        lockbox.onSecrets("POST", "\(Self.base)/\(J.secretID):deactivate", check: noBody, json: J.operation(
            done: nil, metadataType: J.lockboxType("DeactivateSecretMetadata"), metadata: J.secretMetadata))

        let deleted = try await lockbox.client.send(Lockbox.Secrets.delete(secretID: J.secretID))
        #expect(deleted.metadata == .deleteSecretMetadata(J.expectedSecretMetadata))
        if case .response(.secret(let secret))? = deleted.result {
            #expect(secret.status == .inactive)
        } else {
            Issue.record("expected a Secret response, got \(String(describing: deleted.result))")
        }
        let activated = try await lockbox.client.send(Lockbox.Secrets.activate(secretID: "id:with/slash"))
        #expect(activated.metadata == .activateSecretMetadata(J.expectedSecretMetadata))
        let deactivated = try await lockbox.client.send(Lockbox.Secrets.deactivate(secretID: J.secretID))
        #expect(deactivated.metadata == .deactivateSecretMetadata(J.expectedSecretMetadata))
        #expect(deactivated.done == nil)
        #expect(!deactivated.isDone)
        #expect(deactivated.result == nil)
    }

    @Test(arguments: TransportKind.allCases)
    func versionsAreListedAddedMadeCurrentAndScheduledForDestruction(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        let path = "\(Self.base)/\(J.secretID)"
        let versionMetadata = #""secretId":"\#(J.secretID)","versionId":"\#(J.newVersionID)""#
        let destroyAt = "2024-05-08T10:00:00.000000001Z"
        lockbox.onSecrets("GET", "\(path)/versions", check: { $0.query("pageSize=2&pageToken=v-page-2"); $0.noBody() },
                          json: #"{"versions":[\#(J.version()),\#(J.version(id: "v0", status: "ARCHIVED", destroyAt: destroyAt))],"#
                              + #""nextPageToken":"v-page-3"}"#)
        lockbox.onSecrets("POST", "\(path):addVersion", check: {
            $0.jsonBody(keys: ["description", "payloadEntries", "baseVersionId"])
            $0.string(["baseVersionId"], J.versionID)
            $0.string(["payloadEntries", 0, "key"], "password")
            $0.string(["payloadEntries", 0, "textValue"], LockboxPayload.text)
            $0.string(["payloadEntries", 1, "binaryValue"], LockboxPayload.base64)
        }, json: J.operation(done: true, metadataType: J.lockboxType("AddVersionMetadata"), metadata: versionMetadata,
                             response: J.typed(J.lockboxType("Version"), J.version(id: J.newVersionID))))
        lockbox.onSecrets("POST", "\(path):setCurrentVersion", check: {
            $0.jsonBody(keys: ["versionId"])
            $0.string(["versionId"], J.newVersionID)
        }, json: J.operation(done: true, metadataType: J.lockboxType("SetCurrentVersionMetadata"), metadata: versionMetadata,
                             response: J.secretResponse))
        lockbox.onSecrets("POST", "\(path):scheduleVersionDestruction", check: {
            $0.jsonBody(keys: ["versionId", "pendingPeriod"])
            $0.string(["versionId"], J.versionID)
            $0.string(["pendingPeriod"], "86400s")
        }, json: J.operation(done: true, metadataType: J.lockboxType("ScheduleVersionDestructionMetadata"),
                             metadata: versionMetadata + #","destroyAt":"\#(destroyAt)""#,
                             response: J.typed(J.lockboxType("Version"), J.version(status: "SCHEDULED_FOR_DESTRUCTION",
                                                                                  destroyAt: destroyAt))))
        lockbox.onSecrets("POST", "\(path):cancelVersionDestruction", check: {
            $0.jsonBody(keys: ["versionId"])
            $0.string(["versionId"], J.versionID)
        }, json: J.operation(done: true, metadataType: J.lockboxType("CancelVersionDestructionMetadata"),
                             metadata: versionMetadata, response: J.typed(J.lockboxType("Version"), J.version())))
        let client = lockbox.client

        let versions = try await client.send(Lockbox.Secrets.listVersions(secretID: J.secretID, pageSize: 2, pageToken: "v-page-2"))
        #expect(versions.versions?.map(\.status) == [.active, .undocumented("ARCHIVED")])
        #expect(versions.versions?.last?.destroyAt?.nanoseconds == 1)
        #expect(versions.nextPageToken == "v-page-3")

        let added = try await client.send(Lockbox.Secrets.addVersion(secretID: J.secretID, body: .init(
            description: "rotated", payloadEntries: [
                .init(key: "password", value: .textValue(SecretString(LockboxPayload.text))),
                .init(key: "cert", value: .binaryValue(SecretBytes(LockboxPayload.bytes))),
            ], baseVersionID: J.versionID)))
        #expect(added.metadata == .addVersionMetadata(.init(secretID: J.secretID, versionID: J.newVersionID)))
        if case .response(.version(let version))? = added.result {
            #expect(version.id == J.newVersionID)
        } else {
            Issue.record("expected a Version response, got \(String(describing: added.result))")
        }

        let current = try await client.send(Lockbox.Secrets.setCurrentVersion(secretID: J.secretID, body: .init(versionID: J.newVersionID)))
        #expect(current.metadata == .setCurrentVersionMetadata(.init(secretID: J.secretID, versionID: J.newVersionID)))

        let scheduled = try await client.send(Lockbox.Secrets.scheduleVersionDestruction(secretID: J.secretID, body: .init(
            versionID: J.versionID, pendingPeriod: ProtobufDuration(.seconds(86_400)))))
        #expect(scheduled.metadata == .scheduleVersionDestructionMetadata(.init(
            secretID: J.secretID, versionID: J.newVersionID, destroyAt: Timestamp(rfc3339: destroyAt))))
        if case .response(.version(let version))? = scheduled.result {
            #expect(version.status == .scheduledForDestruction)
            #expect(version.destroyAt?.rfc3339 == destroyAt)
        } else {
            Issue.record("expected a Version response, got \(String(describing: scheduled.result))")
        }

        let cancelled = try await client.send(Lockbox.Secrets.cancelVersionDestruction(secretID: J.secretID, body: .init(versionID: J.versionID)))
        #expect(cancelled.metadata == .cancelVersionDestructionMetadata(.init(secretID: J.secretID, versionID: J.newVersionID)))
        #expect(lockbox.secretsHost.requests.map(\.method) == ["GET", "POST", "POST", "POST", "POST"])
    }

    @Test(arguments: TransportKind.allCases)
    func listOperationsDecodesOperationsOfEveryKind(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        let first = J.operation(id: "op1", done: true, metadataType: J.lockboxType("CreateSecretMetadata"),
                                metadata: J.secretMetadata, response: J.secretResponse)
        let second = J.operation(id: "op2", done: true, metadataType: "type.googleapis.com/yandex.cloud.lockbox.v1.FutureMetadata",
                                 metadata: #""secretId":"x""#, error: #"{"code":7,"message":"denied","details":[]}"#)
        lockbox.onSecrets("GET", "\(Self.base)/\(J.secretID)/operations", check: { $0.query("pageSize=10&pageToken=op-2") },
                          json: #"{"operations":[\#(first),\#(second)],"nextPageToken":"op-3"}"#)
        let list = try await lockbox.client.send(Lockbox.Secrets.listOperations(secretID: J.secretID, pageSize: 10, pageToken: "op-2"))
        #expect(list.operations?.map(\.id) == ["op1", "op2"])
        #expect(list.operations?.first?.metadata == .createSecretMetadata(J.expectedSecretMetadata))
        #expect(list.operations?.last?.metadata == .undocumented([
            "@type": "type.googleapis.com/yandex.cloud.lockbox.v1.FutureMetadata", "secretId": "x",
        ]))
        #expect(list.operations?.last?.result == .error(Lockbox.Status(code: 7, message: "denied", details: [])))
        #expect(list.nextPageToken == "op-3")
    }

    @Test(arguments: TransportKind.allCases)
    func accessBindingsAreListedSetAndUpdated(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        let path = "\(Self.base)/\(J.secretID)"
        let metadata = #""resourceId":"\#(J.secretID)""#
        lockbox.onSecrets("GET", "\(path):listAccessBindings", check: { $0.query("pageSize=100&pageToken=ab-2"); $0.noBody() },
                          json: #"{"accessBindings":[{"roleId":"lockbox.payloadViewer","subject":{"id":"ajesa","type":"serviceAccount"}}],"#
                              + #""nextPageToken":"ab-3"}"#)
        lockbox.onSecrets("POST", "\(path):setAccessBindings", check: {
            $0.jsonBody(keys: ["accessBindings"])
            $0.string(["accessBindings", 0, "roleId"], "viewer")
            $0.string(["accessBindings", 0, "subject", "id"], "allAuthenticatedUsers")
            $0.string(["accessBindings", 0, "subject", "type"], "system")
        }, json: J.operation(done: true, metadataType: J.accessType("SetAccessBindingsMetadata"), metadata: metadata,
                             response: J.emptyResponse))
        lockbox.onSecrets("POST", "\(path):updateAccessBindings", check: {
            $0.jsonBody(keys: ["accessBindingDeltas"])
            $0.string(["accessBindingDeltas", 0, "action"], "ADD")
            $0.string(["accessBindingDeltas", 0, "accessBinding", "roleId"], "lockbox.payloadViewer")
            $0.string(["accessBindingDeltas", 0, "accessBinding", "subject", "type"], "serviceAccount")
            $0.string(["accessBindingDeltas", 1, "action"], "REMOVE")
        }, json: J.operation(done: true, metadataType: J.accessType("UpdateAccessBindingsMetadata"), metadata: metadata,
                             response: J.emptyResponse))
        let client = lockbox.client
        let viewer = Lockbox.AccessBinding(roleID: "lockbox.payloadViewer", subject: .init(id: "ajesa", type: "serviceAccount"))

        let list = try await client.send(Lockbox.Secrets.listAccessBindings(resourceID: J.secretID, pageSize: 100, pageToken: "ab-2"))
        #expect(list.accessBindings == [viewer])
        #expect(list.nextPageToken == "ab-3")

        let set = try await client.send(Lockbox.Secrets.setAccessBindings(resourceID: J.secretID, body: .init(accessBindings: [
            .init(roleID: "viewer", subject: .init(id: "allAuthenticatedUsers", type: "system")),
        ])))
        #expect(set.metadata == .setAccessBindingsMetadata(.init(resourceID: J.secretID)))
        #expect(set.result == .response(.empty(Lockbox.Empty())))

        let updated = try await client.send(Lockbox.Secrets.updateAccessBindings(resourceID: J.secretID, body: .init(accessBindingDeltas: [
            .init(action: .add, accessBinding: viewer),
            .init(action: .remove, accessBinding: .init(roleID: "viewer", subject: .init(id: "allUsers", type: "system"))),
        ])))
        #expect(updated.metadata == .updateAccessBindingsMetadata(.init(resourceID: J.secretID)))
        #expect(updated.result == .response(.empty(Lockbox.Empty())))
    }

    @Test(arguments: TransportKind.allCases)
    func payloadsComeFromThePayloadHost(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onPayload("GET", "\(Self.base)/\(J.secretID)/payload", check: { $0.query("versionId=\(J.versionID)"); $0.noBody() },
                          json: #"{"versionId":"\#(J.versionID)","entries":[{"key":"password","textValue":"\#(LockboxPayload.text)"},"#
                              + #"{"key":"cert","binaryValue":"\#(LockboxPayload.base64)"}]}"#)
        // URL-safe base64 without padding decodes too.
        let urlSafe = LockboxPayload.base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        lockbox.onPayload("GET", "\(Self.base):getEx", check: {
            $0.query("folderAndName.folderId=\(J.folderID)&folderAndName.secretName=db%20password&versionId=\(J.versionID)")
        }, json: #"{"secretId":"\#(J.secretID)","versionId":"\#(J.versionID)","#
            + #""entries":{"password":"\#(Data(LockboxPayload.text.utf8).base64EncodedString())","cert":"\#(urlSafe)"}}"#)

        let payload = try await lockbox.client.send(Lockbox.Payloads.get(secretID: J.secretID, versionID: J.versionID))
        #expect(payload.versionID == J.versionID)
        #expect(payload.entries?.map(\.key) == ["password", "cert"])
        #expect(payload.entries?.first?.value == .textValue(SecretString(LockboxPayload.text)))
        #expect(payload.entries?.last?.value == .binaryValue(SecretBytes(LockboxPayload.bytes)))

        let byName = try await lockbox.client.send(Lockbox.Payloads.getEx(
            folderAndNameFolderID: J.folderID, folderAndNameSecretName: "db password", versionID: J.versionID))
        #expect(byName.secretID == J.secretID)
        #expect(byName.entries?["password"]?.value == Data(LockboxPayload.text.utf8))
        #expect(byName.entries?["cert"]?.value == LockboxPayload.bytes)

        #expect(lockbox.payloadHost.requests.count == 2)
        #expect(lockbox.secretsHost.requests.isEmpty)
    }

    @Test(arguments: TransportKind.allCases)
    func operationsGetPollsTheOperationHost(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onSecrets("GET", "/operations/\(J.operationID)", check: { $0.query(""); $0.noBody() }, json: J.operation(
            done: true, metadataType: J.lockboxType("CreateSecretMetadata"), metadata: J.secretMetadata, response: J.secretResponse))
        let operation = try await lockbox.client.send(Lockbox.Operations.get(operationID: J.operationID))
        #expect(operation.isDone)
        #expect(operation.metadata == .createSecretMetadata(J.expectedSecretMetadata))
        #expect(operation.modifiedAt?.rfc3339 == "2024-05-01T10:00:01Z")
        #expect(lockbox.secretsHost.requests.map(\.description) == ["GET /operations/\(J.operationID)"])
    }

    /// Other spellings the protobuf JSON mapping allows: int64 as a number, an offset, no fraction.
    @Test(arguments: TransportKind.allCases)
    func otherProtobufJSONSpellingsDecode(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onSecrets("GET", "\(Self.base)/\(J.secretID)", json: #"""
            {"id":"\#(J.secretID)","createdAt":"2024-05-01T13:00:00+03:00","status":"CREATING",
             "currentVersion":{"id":"v1","createdAt":"2024-05-01T10:00:00Z"},"passwordPayloadSpecification":{"passwordKey":"p","length":48}}
            """#)
        let secret = try await lockbox.client.send(Lockbox.Secrets.get(secretID: J.secretID))
        #expect(secret.createdAt == Timestamp(secondsSince1970: 1_714_557_600))
        #expect(secret.createdAt?.rfc3339 == "2024-05-01T13:00:00+03:00")
        #expect(secret.currentVersion?.createdAt?.nanoseconds == 0)
        #expect(secret.passwordPayloadSpecification?.length == 48)
        #expect(secret.status == .creating)
        #expect(secret.labels == nil)
    }

    /// The protobuf JSON mapping lets an enum be written as its number ("parsers accept the number
    /// too", ../shared/reference/lockbox/README.md); Secret.Status ACTIVE = 2, Version.Status DESTROYED = 3.
    @Test(arguments: TransportKind.allCases)
    func enumValuesWrittenAsNumbersDecode(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onSecrets("GET", "\(Self.base)/\(J.secretID)",
                          json: #"{"id":"\#(J.secretID)","status":2,"currentVersion":{"id":"v1","status":3}}"#)
        do {
            let secret = try await lockbox.client.send(Lockbox.Secrets.get(secretID: J.secretID))
            #expect(secret.status == .active)
            #expect(secret.currentVersion?.status == .destroyed)
        } catch {
            Issue.record("a Secret whose enums are written as numbers does not decode: \(error)")
        }
    }

    @Test(arguments: TransportKind.allCases)
    func anErrorAnswerCarriesTheYandexMessage(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onSecrets("GET", "\(Self.base)/missing") { _, _ in
            .json(404, #"{"code":5,"message":"Secret not found","details":[]}"#)
        }
        let error = await expectAPIError { try await lockbox.client.send(Lockbox.Secrets.get(secretID: "missing")) }
        guard case .notFound(let response)? = error else {
            Issue.record("expected notFound, got \(String(describing: error))")
            return
        }
        #expect(response.messages == [ProviderMessage(code: "5", message: "Secret not found")])
        #expect(response.operationID == "SecretService.Get")
    }
}
