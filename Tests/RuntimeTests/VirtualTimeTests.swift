import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Spec2SwiftRuntime
import Testing
import TestSupport

/// Retries, backoff, `Retry-After`, attempt timeouts and polling, on a clock the test advances: every
/// delay is checked exactly, and nothing waits for real time.
@Suite struct VirtualTimeTests {
    /// A transport that answers from a script, one answer per attempt, and records the attempts. An
    /// answer of nil never comes: the attempt waits until it is cancelled.
    final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var script: [HTTPAnswer?]
        private var sent: [URLRequest] = []

        init(_ script: [HTTPAnswer?]) { self.script = script }

        var attempts: Int { lock.withLock { sent.count } }
        var requests: [URLRequest] { lock.withLock { sent } }

        func send(_ request: URLRequest) async throws -> HTTPAnswer {
            let next = lock.withLock { () -> HTTPAnswer?? in
                sent.append(request)
                return script.isEmpty ? nil : script.removeFirst()
            }
            guard let scripted = next else { throw URLError(.badServerResponse) }
            guard let answer = scripted else {
                // Hangs until cancelled: a clock that sleeps for ever on its own timeline.
                try await ManualClock().sleep(until: .init(offset: .seconds(1)))
                throw CancellationError()
            }
            return answer
        }
    }

    struct Item: Codable, Sendable, Equatable { var id: String }

    static func answer(_ status: Int, _ body: String = "{}", headers: [(String, String)] = []) -> HTTPAnswer {
        HTTPAnswer(status: status, headers: HTTPHeaders([("Content-Type", "application/json")] + headers), body: Data(body.utf8))
    }

    static let get = Request<Item>(method: .get, server: "https://api.example.com", path: "/items/1",
                                   operationID: "getItem", decoding: .json)

    /// The error `body` throws, or nil when it succeeds.
    static func failure(_ body: @Sendable () async throws(APIError) -> Void) async -> APIError? {
        do throws(APIError) {
            try await body()
            return nil
        } catch {
            return error
        }
    }

    static func client(_ transport: ScriptedTransport, _ clock: ManualClock, timeout: Duration = .seconds(60),
                       retries: RetryPolicy = .none) -> APIClient {
        APIClient(transport: transport, timeout: timeout, retryPolicy: retries, clock: ClientClock(clock))
    }

    @Test func serverErrorsAreRetriedWithExactBackoff() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([Self.answer(503), Self.answer(502), Self.answer(200, #"{"id":"1"}"#)])
        let policy = RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(200), maxDelay: .seconds(20), jitter: 0)
        let client = Self.client(transport, clock, retries: policy)
        let call = Task { try await client.send(Self.get) }
        await clock.waitForSleep(of: .milliseconds(200))
        #expect(transport.attempts == 1)
        clock.advance(by: .milliseconds(200))
        await clock.waitForSleep(of: .milliseconds(400))
        #expect(transport.attempts == 2)
        clock.advance(by: .milliseconds(400))
        #expect(try await call.value == Item(id: "1"))
        #expect(transport.attempts == 3)
        #expect(clock.requestedSleeps.filter { $0 < .seconds(60) } == [.milliseconds(200), .milliseconds(400)])
    }

    @Test func jitterKeepsEachDelayBetweenItsShareAndTheFullDelay() async throws {
        let policy = RetryPolicy(maxAttempts: 2, initialDelay: .seconds(1), maxDelay: .seconds(1), jitter: 0.5)
        let clock = ManualClock()
        let transport = ScriptedTransport([Self.answer(500), Self.answer(200, #"{"id":"1"}"#)])
        let call = Task { try await Self.client(transport, clock, retries: policy).send(Self.get) }
        await clock.waitUntil { sleeps in sleeps.contains { $0 < .seconds(60) } }
        let pause = try #require(clock.pendingSleeps.first { $0 < .seconds(60) })
        #expect(pause >= .milliseconds(500) && pause <= .seconds(1))
        clock.advance(by: pause)
        #expect(try await call.value.id == "1")
    }

    @Test func retryAfterIsTheDelayWhenItIsWithinMaxDelay() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([Self.answer(429, headers: [("Retry-After", "5")]), Self.answer(200, #"{"id":"1"}"#)])
        let policy = RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(10), maxDelay: .seconds(20), jitter: 0)
        let call = Task { try await Self.client(transport, clock, retries: policy).send(Self.get) }
        await clock.waitForSleep(of: .seconds(5))
        clock.advance(by: .seconds(4))
        #expect(transport.attempts == 1, "no retry before the server's time")
        clock.advance(by: .seconds(1))
        #expect(try await call.value.id == "1")
        #expect(transport.attempts == 2)
    }

    @Test func retryAfterBeyondMaxDelayEndsTheCallAtOnce() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([Self.answer(503, headers: [("Retry-After", "120")])])
        let policy = RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(10), maxDelay: .seconds(20), jitter: 0)
        let error = await #expect(throws: APIError.self) { try await Self.client(transport, clock, retries: policy).send(Self.get) }
        if case .serverError? = error {} else { Issue.record("expected serverError, got \(String(describing: error))") }
        #expect(transport.attempts == 1)
        #expect(clock.requestedSleeps.allSatisfy { $0 == .seconds(60) }, "only the attempt's own deadline")
    }

    @Test func anAttemptEndsAtItsTimeoutAndATimedOutGETIsRetried() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([nil, nil, Self.answer(200, #"{"id":"1"}"#)])
        let policy = RetryPolicy(maxAttempts: 3, initialDelay: .zero, maxDelay: .zero)
        let call = Task { try await Self.client(transport, clock, timeout: .seconds(30), retries: policy).send(Self.get) }
        for attempt in 1...2 {
            await clock.waitForSleep(of: .seconds(30))
            #expect(transport.attempts == attempt)
            clock.advance(by: .seconds(29))
            #expect(transport.attempts == attempt, "the attempt is still waiting 1 s before its deadline")
            clock.advance(by: .seconds(1))
        }
        #expect(try await call.value.id == "1")
        #expect(transport.attempts == 3)
    }

    @Test func aTimeoutWithoutRetriesIsTimedOutAfterExactlyTheTimeout() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([nil])
        let call = Task { await Self.failure { () async throws(APIError) in _ = try await Self.client(transport, clock, timeout: .seconds(30)).send(Self.get) } }
        await clock.waitForSleep(of: .seconds(30))
        clock.advance(by: .seconds(30))
        let error = await call.value
        guard case .timedOut(let operationID, let after)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(operationID == "getItem")
        #expect(after == .seconds(30))
        #expect(clock.now.offset == .seconds(30))
    }

    @Test func cancellingDuringARetryPauseEndsTheCallWithoutAnotherAttempt() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport([Self.answer(503, headers: [("Retry-After", "120")]), Self.answer(200, #"{"id":"1"}"#)])
        let policy = RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(10), maxDelay: .seconds(300))
        let call = Task { await Self.failure { () async throws(APIError) in _ = try await Self.client(transport, clock, retries: policy).send(Self.get) } }
        await clock.waitForSleep(of: .seconds(120))
        call.cancel()
        let error = await call.value
        #expect(error?.isCancellation == true, "got \(String(describing: error))")
        #expect(transport.attempts == 1)
    }

    // MARK: - Polling

    struct Operation: LongRunningOperation, Codable {
        var id: String
        var done: Bool
        var operationID: String { id }
        var isDone: Bool { done }
        var operationError: (any Encodable & Sendable)? { nil }
    }

    static func poll(_ id: String) -> Request<Operation> {
        Request(method: .get, server: "https://api.example.com", path: "/operations/\(id)",
                operationID: "getOperation", decoding: .json)
    }

    @Test func aLongRunningOperationIsPolledWithGrowingPausesUntilDone() async throws {
        let clock = ManualClock()
        let pending = Self.answer(200, #"{"id":"op","done":false}"#)
        let transport = ScriptedTransport([pending, pending, Self.answer(200, #"{"id":"op","done":true}"#)])
        let client = Self.client(transport, clock)
        let wait = Task { try await client.wait(for: Operation(id: "op", done: false), timeout: .seconds(300), poll: Self.poll) }
        for (polls, pause) in [(0, Duration.milliseconds(500)), (1, .milliseconds(750)), (2, .milliseconds(1_125))] {
            await clock.waitForSleep(of: pause)
            #expect(transport.attempts == polls)
            clock.advance(by: pause)
        }
        #expect(try await wait.value.done)
        #expect(transport.attempts == 3)
    }

    /// Polls are due at 0.5 s, 1.25 s and 2.375 s; the next pause would end past the 3 s deadline, so
    /// the wait ends at 3 s after exactly three polls.
    @Test func aWaitThatOutlastsItsTimeoutEndsAtTheDeadlineAfterTheDuePolls() async throws {
        let clock = ManualClock()
        let pending = Self.answer(200, #"{"id":"op","done":false}"#)
        let transport = ScriptedTransport(Array(repeating: pending, count: 10))
        let client = Self.client(transport, clock)
        let wait = Task {
            await Self.failure { () async throws(APIError) in _ = try await client.wait(for: Operation(id: "op", done: false), timeout: .seconds(3), poll: Self.poll) }
        }
        for pause in [Duration.milliseconds(500), .milliseconds(750), .milliseconds(1_125)] {
            await clock.waitForSleep(of: pause)
            clock.advance(by: pause)
        }
        // The fourth pause is cut to the deadline: it and the wait's own deadline both have 625 ms left.
        await clock.waitUntil { $0.filter { $0 == .milliseconds(625) }.count == 2 }
        #expect(transport.attempts == 3)
        clock.advance(by: .milliseconds(625))
        let error = await wait.value
        guard case .timedOut(_, let after)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(after == .seconds(3))
        #expect(transport.attempts == 3)
    }

    struct Job: BackgroundTask, Codable {
        var id: String
        var state: String
        var taskID: String { id }
        var taskState: BackgroundTaskState { state == "FINISHED" ? .finished : state == "ERROR" ? .failed : .running }
        var taskError: String? { nil }
        var taskStateText: String { state }
    }

    @Test func backgroundTasksArePolledAtTheirInterval() async throws {
        let clock = ManualClock()
        let running = Self.answer(200, #"{"id":"t1","state":"RUNNING"}"#)
        let transport = ScriptedTransport([running, running, Self.answer(200, #"{"id":"t1","state":"FINISHED"}"#),
                                           Self.answer(200, #"{"id":"t2","state":"FINISHED"}"#)])
        let client = Self.client(transport, clock)
        let poll: @Sendable (String) -> Request<Job> = { id in
            Request<Job>(method: .get, server: "https://api.example.com", path: "/tasks/\(id)",
                         operationID: "getTask", decoding: .json)
        }
        let wait = Task { try await client.waitForTasks(["t1", "t2"], interval: .seconds(3), timeout: .seconds(7200), poll: poll) }
        for polls in 1...2 {
            await clock.waitForSleep(of: .seconds(3))
            #expect(transport.attempts == polls)
            clock.advance(by: .seconds(3))
        }
        let finished = try await wait.value
        #expect(finished.map { $0.id } == ["t1", "t2"])
        #expect(transport.attempts == 4)
        #expect(clock.now.offset == .seconds(6))
    }
}
