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
    /// Polls `operation` with `poll` until it is done, waiting `initialDelay`, then half again as long
    /// each time up to `maxDelay`; throws `APIError.timedOut` after `timeout`, and
    /// `APIError.operationFailed` when the operation ends with an error.
    public func wait<Operation: LongRunningOperation>(
        for operation: Operation, timeout: Duration = .seconds(300), initialDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(10), poll: @Sendable (String) -> Request<Operation>
    ) async throws(APIError) -> Operation {
        let deadline = ContinuousClock.now + timeout
        var current = operation
        var delay = initialDelay
        while !current.isDone {
            guard ContinuousClock.now + delay < deadline else {
                throw APIError.timedOut(operationID: "waiting for operation \(current.operationID)", after: timeout)
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw APIError.cancelled
            }
            delay = min(delay * 1.5, maxDelay)
            current = try await send(poll(current.operationID))
        }
        if let failure = current.operationError {
            let body = (try? JSONEncoder.spec2swift.encode(failure)) ?? Data()
            throw APIError.operationFailed(ErrorResponse(status: 200, messages: ProviderMessage.messages(in: body), body: body,
                                                         operationID: current.operationID))
        }
        return current
    }
}

