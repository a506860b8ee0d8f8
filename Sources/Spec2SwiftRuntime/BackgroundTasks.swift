import Foundation

/// Where a background task stands.
public enum BackgroundTaskState: Hashable, Sendable {
    case running
    case finished
    case failed
}

/// A task the server carries out after answering (Gcore's tasks): fetched by its ID until it has
/// finished or failed. Generated code conforms the API's task type, as its profile says.
public protocol BackgroundTask: Decodable, Sendable {
    var taskID: String { get }
    var taskState: BackgroundTaskState { get }
    /// The error text of a failed task.
    var taskError: String? { get }
    /// The task's state as the API writes it (`RUNNING`), for messages.
    var taskStateText: String { get }
}

extension APIClient {
    /// Polls each task of `ids` with `poll` until it has ended, one task after another: the first poll
    /// at once, then one every `interval`. Returns the finished tasks in the order of `ids`. Throws
    /// `APIError.operationFailed` carrying the task's error text when a task fails, `APIError.timedOut`
    /// when `timeout` passes first (even in the middle of a poll), and `APIError.cancelled` when the
    /// calling task is cancelled.
    public func waitForTasks<Polled: BackgroundTask>(
        _ ids: [String], interval: Duration = .seconds(3), timeout: Duration = .seconds(7200),
        poll: @escaping @Sendable (String) -> Request<Polled>
    ) async throws(APIError) -> [Polled] {
        let deadline = clock.now + timeout
        let timedOut = APIError.timedOut(operationID: "waiting for tasks " + ids.joined(separator: ", "), after: timeout)
        return try await withDeadline(deadline, on: clock, timedOut: timedOut) { () async throws(APIError) -> [Polled] in
            var finished: [Polled] = []
            for id in ids {
                var task = try await send(poll(id))
                while task.taskState == .running {
                    try await pause(interval, before: deadline, on: clock, timedOut: timedOut)
                    task = try await send(poll(id))
                }
                if task.taskState == .failed {
                    let text = task.taskError ?? "the task ended in the state \(task.taskStateText) without an error text"
                    throw APIError.operationFailed(ErrorResponse(
                        status: 200, messages: [ProviderMessage(code: task.taskStateText, message: text)],
                        body: Data(text.utf8), operationID: task.taskID))
                }
                finished.append(task)
            }
            return finished
        }
    }
}
