import Foundation

/// An operation the server carries out in the background (Yandex Cloud's `Operation`): poll it until
/// it is done, then read its error or response. Generated code conforms the API's operation type.
public protocol LongRunningOperation: Decodable, Sendable {
    var operationID: String { get }
    var isDone: Bool { get }
    /// The error the operation ended with, when it failed (its JSON gives the provider's messages).
    var operationError: (any Encodable & Sendable)? { get }
}

extension APIClient {
    /// Polls `operation` with `poll` until it is done: the first poll after `initialDelay`, then half
    /// again as long each time, up to `maxDelay`. Throws
    /// `APIError.operationFailed` when the operation ends with an error, and `APIError.timedOut` when
    /// `timeout` passes first, even in the middle of a poll. The failed operation's error is read by
    /// `errorShape`, the API's declared shape (none declared: no messages, the error's JSON is the body).
    public func wait<Operation: LongRunningOperation>(
        for operation: Operation, timeout: Duration = .seconds(300), initialDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(10), errorShape: ProviderMessage.Shape? = nil,
        poll: @escaping @Sendable (String) -> Request<Operation>
    ) async throws(APIError) -> Operation {
        let deadline = clock.now + timeout
        let timedOut = APIError.timedOut(operationID: "waiting for \(operation.operationID)", after: timeout)
        // The deadline also interrupts a poll in flight; the loop itself never starts a poll after it.
        let done = try await withDeadline(deadline, on: clock, timedOut: timedOut) { () async throws(APIError) -> Operation in
            var current = operation
            var delay = initialDelay
            while !current.isDone {
                try await pause(delay, before: deadline, on: clock, timedOut: timedOut)
                delay = min(delay * 1.5, maxDelay)
                current = try await send(poll(current.operationID))
            }
            return current
        }
        if let failure = done.operationError {
            let body = (try? JSONEncoder.spec2swift.encode(failure)) ?? Data()
            throw APIError.operationFailed(ErrorResponse(status: 200, messages: ProviderMessage.messages(in: body, shape: errorShape), body: body,
                                                         operationID: done.operationID))
        }
        return done
    }
}

/// Waits `delay` between two polls: throws `APIError.cancelled` when the calling task is cancelled, and
/// `timedOut` when `deadline` comes first.
func pause(_ delay: Duration, before deadline: ClientClock.Instant, on clock: ClientClock,
           timedOut: APIError) async throws(APIError) {
    do {
        try await clock.sleep(until: min(clock.now + delay, deadline))
    } catch {
        throw APIError.cancelled
    }
    guard clock.now < deadline else { throw timedOut }
}

/// Runs `work`, or throws `timedOut` when `deadline` comes first (cancelling the work).
func withDeadline<Value: Sendable>(_ deadline: ClientClock.Instant, on clock: ClientClock, timedOut: APIError,
                                   _ work: @escaping @Sendable () async throws(APIError) -> Value) async throws(APIError) -> Value {
    let outcome: Result<Value, APIError> = await withTaskGroup(of: Result<Value, APIError>?.self) { group in
        group.addTask {
            do throws(APIError) {
                return .success(try await work())
            } catch {
                return .failure(error)
            }
        }
        group.addTask {
            // Returns nil when cancelled because the work finished first.
            guard (try? await clock.sleep(until: deadline)) != nil else { return nil }
            return .failure(timedOut)
        }
        defer { group.cancelAll() }
        while let next = await group.next() {
            if let result = next { return result }
        }
        return .failure(.cancelled)
    }
    if case .failure = outcome, Task.isCancelled { throw .cancelled }
    return try outcome.get()
}
