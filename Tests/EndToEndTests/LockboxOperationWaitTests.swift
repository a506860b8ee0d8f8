import Foundation
import Generated
import Spec2SwiftRuntime
import Testing
import TestSupport

/// `Lockbox.wait(for:client:timeout:)`: a mutation's Operation polled on the operation host until done.
@Suite struct LockboxOperationWaitTests {
    typealias J = LockboxJSON
    static let pollPath = "/operations/\(LockboxJSON.operationID)"

    /// Creates a secret whose Operation is not done yet, on the SecretService host.
    static func startCreate(_ lockbox: LockboxHarness) async throws -> Lockbox.Operation {
        lockbox.onSecrets("POST", "/lockbox/v1/secrets", check: {
            $0.jsonBody(keys: ["folderId", "name", "passwordPayloadSpecification", "createVersion"])
            $0.string(["passwordPayloadSpecification", "passwordKey"], "password")
            $0.string(["passwordPayloadSpecification", "length"], "32")
            $0.bool(["passwordPayloadSpecification", "includeDigits"], true)
            $0.bool(["createVersion"], true)
        }, json: J.operation(done: false, metadataType: J.lockboxType("CreateSecretMetadata"), metadata: J.secretMetadata))
        let operation = try await lockbox.client.send(Lockbox.Secrets.create(body: .init(
            folderID: J.folderID, name: "generated",
            passwordPayloadSpecification: .init(passwordKey: "password", length: 32, includeDigits: true), createVersion: true)))
        #expect(operation.done == false)
        #expect(!operation.isDone)
        #expect(operation.result == nil)
        return operation
    }

    @Test(arguments: TransportKind.allCases)
    func aMutationIsPolledUntilDone(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        let pending = J.operation(done: false, metadataType: J.lockboxType("CreateSecretMetadata"), metadata: J.secretMetadata)
        let finished = J.operation(done: true, metadataType: J.lockboxType("CreateSecretMetadata"), metadata: J.secretMetadata,
                                   response: J.secretResponse)
        lockbox.onSecrets("GET", Self.pollPath, check: { $0.query(""); $0.noBody() }) { _, count in
            .json(200, count < 2 ? pending : finished)
        }
        let started = try await Self.startCreate(lockbox)
        let wait = Task { try await Lockbox.wait(for: started, client: lockbox.client, timeout: .seconds(60)) }
        // Polls after 0.5 s, then half again as long each time.
        for (polls, pause) in [(0, Duration.milliseconds(500)), (1, .milliseconds(750)), (2, .milliseconds(1_125))] {
            await lockbox.clock.waitForSleep(of: pause)
            #expect(lockbox.secretsRouter.callCount("GET", Self.pollPath) == polls)
            lockbox.clock.advance(by: pause)
        }
        let done = try await wait.value

        #expect(lockbox.secretsRouter.callCount("GET", Self.pollPath) == 3)
        #expect(done.isDone)
        #expect(done.metadata == .createSecretMetadata(J.expectedSecretMetadata))
        guard case .response(.secret(let secret))? = done.result else {
            Issue.record("expected a Secret response, got \(String(describing: done.result))")
            return
        }
        #expect(secret.id == J.secretID)
        #expect(secret.passwordPayloadSpecification?.length == 32)
        #expect(lockbox.secretsHost.requests.map(\.method) == ["POST", "GET", "GET", "GET"])
        #expect(lockbox.payloadHost.requests.isEmpty)
    }

    @Test(arguments: TransportKind.allCases)
    func anOperationThatEndsWithAnErrorThrowsOperationFailed(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onSecrets("GET", Self.pollPath, json: J.operation(
            done: true, metadataType: J.lockboxType("CreateSecretMetadata"), metadata: J.secretMetadata,
            error: #"{"code":9,"message":"secret is inactive","details":[]}"#))
        let started = try await Self.startCreate(lockbox)
        let wait = Task { await expectAPIError { try await Lockbox.wait(for: started, client: lockbox.client, timeout: .seconds(60)) } }
        await lockbox.clock.waitForSleep(of: .milliseconds(500))
        lockbox.clock.advance(by: .milliseconds(500))
        let error = await wait.value
        guard case .operationFailed(let response)? = error else {
            Issue.record("expected operationFailed, got \(String(describing: error))")
            return
        }
        #expect(response.messages == [ProviderMessage(code: "9", message: "secret is inactive")])
        #expect(response.operationID == J.operationID)
        #expect(String(decoding: response.body, as: UTF8.self).contains("secret is inactive"))
        #expect(lockbox.secretsRouter.callCount("GET", Self.pollPath) == 1)
    }

    @Test(arguments: TransportKind.allCases)
    func anOperationThatIsAlreadyFailedThrowsWithoutPolling(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onSecrets("POST", "/lockbox/v1/secrets/\(J.secretID):activate", json: J.operation(
            done: true, metadataType: J.lockboxType("ActivateSecretMetadata"), metadata: J.secretMetadata,
            error: #"{"code":9,"message":"secret is inactive"}"#))
        let operation = try await lockbox.client.send(Lockbox.Secrets.activate(secretID: J.secretID))
        let error = await expectAPIError { try await Lockbox.wait(for: operation, client: lockbox.client) }
        #expect(error?.response?.messages == [ProviderMessage(code: "9", message: "secret is inactive")])
        if case .operationFailed? = error {} else { Issue.record("expected operationFailed, got \(String(describing: error))") }
        #expect(lockbox.secretsRouter.callCount("GET", Self.pollPath) == 0)
    }

    /// The helper waits 500 ms before its first poll; a 300 ms deadline passes first, and ends the wait.
    @Test(arguments: TransportKind.allCases)
    func aDeadlineShorterThanTheFirstPauseTimesOutWithoutPolling(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onSecrets("GET", Self.pollPath, json: J.operation(
            done: false, metadataType: J.lockboxType("CreateSecretMetadata"), metadata: J.secretMetadata))
        let started = try await Self.startCreate(lockbox)
        let wait = Task { await expectAPIError { try await Lockbox.wait(for: started, client: lockbox.client, timeout: .milliseconds(300)) } }
        // The first pause is cut to the deadline: it and the wait's own deadline both have 300 ms left.
        await lockbox.clock.waitUntil { $0.filter { $0 == .milliseconds(300) }.count == 2 }
        lockbox.clock.advance(by: .milliseconds(300))
        let error = await wait.value
        guard case .timedOut(_, let after)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(after == .milliseconds(300))
        #expect(lockbox.secretsRouter.callCount("GET", Self.pollPath) == 0)
    }

    /// With 3 s: polls are due at 0.5 s, 1.25 s and 2.375 s; the next pause would end at 4.06 s, past
    /// the deadline, so no fourth poll starts.
    @Test(arguments: TransportKind.allCases)
    func anOperationThatNeverFinishesTimesOutAfterPolling(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onSecrets("GET", Self.pollPath, json: J.operation(
            done: false, metadataType: J.lockboxType("CreateSecretMetadata"), metadata: J.secretMetadata))
        let started = try await Self.startCreate(lockbox)
        let clock = lockbox.clock
        let wait = Task { await expectAPIError { try await Lockbox.wait(for: started, client: lockbox.client, timeout: .seconds(3)) } }
        for pause in [Duration.milliseconds(500), .milliseconds(750), .milliseconds(1_125)] {
            await clock.waitForSleep(of: pause)
            clock.advance(by: pause)
        }
        await clock.waitUntil { $0.filter { $0 == .milliseconds(625) }.count == 2 }
        clock.advance(by: .milliseconds(625))
        let error = await wait.value
        guard case .timedOut(let operationID, let after)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(operationID.contains(J.operationID))
        #expect(after == .seconds(3))
        // The wait has ended with every task it started, so no poll can follow.
        #expect(lockbox.secretsRouter.callCount("GET", Self.pollPath) == 3)
    }

    @Test(arguments: TransportKind.allCases)
    func cancellingAWaitStopsItQuickly(_ transport: TransportKind) async throws {
        let lockbox = try LockboxHarness(transport: transport)
        defer { lockbox.stop() }
        lockbox.onSecrets("GET", Self.pollPath, json: J.operation(
            done: false, metadataType: J.lockboxType("CreateSecretMetadata"), metadata: J.secretMetadata))
        let started = try await Self.startCreate(lockbox)
        let client = lockbox.client
        let task = Task {
            await expectAPIError { try await Lockbox.wait(for: started, client: client, timeout: .seconds(300), initialDelay: .seconds(120)) }
        }
        await lockbox.clock.waitForSleep(of: .seconds(120)) // long before the first poll
        task.cancel()
        let error = await task.value
        if case .cancelled? = error {} else { Issue.record("expected cancelled, got \(String(describing: error))") }
        #expect(lockbox.secretsRouter.callCount("GET", Self.pollPath) == 0)
    }
}
