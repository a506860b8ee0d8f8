import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one `URLRequest` and returns the answer. The client adds retries, timeouts and decoding on top.
public protocol HTTPTransport: Sendable {
    func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse)
}

/// The transport over `URLSession` (FoundationNetworking on Linux). Cancelling the calling task
/// cancels the data task. A session the transport makes itself is invalidated when the transport
/// goes away, so clients made and dropped do not leave sessions behind.
public final class URLSessionTransport: HTTPTransport {
    public let session: URLSession
    private let ownsSession: Bool

    /// A transport with its own ephemeral session, whose timeouts are long: `APIClient.timeout`
    /// bounds each attempt. The session has no URL cache: answers carry secrets, which must not be
    /// kept in memory behind the caller's back (and on Linux, FoundationNetworking's cache lookup
    /// races with cancelling a task, which can crash the process).
    public convenience init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 24 * 3600
        configuration.timeoutIntervalForResource = 24 * 3600
        self.init(session: URLSession(configuration: configuration), ownsSession: true)
    }

    /// A transport over a session of your own (which stays yours to invalidate). Give it no URL cache
    /// (`configuration.urlCache = nil`): on Linux, cancelling a request while FoundationNetworking looks
    /// it up in the cache can crash the process.
    public convenience init(session: URLSession) {
        self.init(session: session, ownsSession: false)
    }

    private init(session: URLSession, ownsSession: Bool) {
        self.session = session
        self.ownsSession = ownsSession
    }

    deinit {
        if ownsSession { session.finishTasksAndInvalidate() }
    }

    public func send(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let box = TaskBox()
        let session = self.session
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    box.finish()
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response = response as? HTTPURLResponse {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                box.start(task)
            }
        } onCancel: {
            box.cancel()
        }
    }
}

/// Holds a data task so that a cancellation arriving before or after it starts is honoured, and
/// one arriving after it finished does nothing (cancelling a finished task is a known crash in
/// FoundationNetworking).
private final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false
    private var finished = false

    func finish() {
        lock.lock()
        finished = true
        task = nil
        lock.unlock()
    }

    func start(_ task: URLSessionDataTask) {
        lock.lock()
        self.task = finished ? nil : task
        let cancelled = self.cancelled
        lock.unlock()
        task.resume()
        if cancelled { cancel() }
    }

    /// Holds the lock while cancelling, so that the task cannot finish in between. (FoundationNetworking
    /// calls completion handlers on the session's delegate queue, never from inside `cancel()`.)
    func cancel() {
        lock.lock()
        defer { lock.unlock() }
        cancelled = true
        task?.cancel()
    }
}
