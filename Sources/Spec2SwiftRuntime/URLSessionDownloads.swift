import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The head of an answer whose body a transport is writing into a file, and the wait for the rest.
public struct HTTPDownloadAnswer: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    /// Returns once the last byte is in the file; throws what ended the transfer early.
    public var completion: @Sendable () async throws -> Void

    public init(status: Int, headers: HTTPHeaders, completion: @escaping @Sendable () async throws -> Void) {
        self.status = status
        self.headers = headers
        self.completion = completion
    }
}

/// A transport that writes an answer's body into a file itself, at the network's pace whatever the
/// caller does: `APIClient.download(_:to:)` uses it where it can. `URLSessionTransport` is one
/// (URLSession's download task): FoundationNetworking hands a data task's chunks to its delegate as
/// fast as they come, whether or not they are taken, so a stream of them holds the difference
/// between the network and a slower reader in memory; a download task writes them to disk instead.
public protocol HTTPDownloadingTransport: HTTPTransport {
    /// Sends `request` and writes the answer's body into `file`; returns once the head has come. Like
    /// `send`, it must not follow redirects. (`APIClient` sends a request whose body is a file through
    /// `HTTPStreamingTransport` instead.)
    func download(_ request: URLRequest, to file: URL) async throws -> HTTPDownloadAnswer
}

extension URLSessionTransport: HTTPDownloadingTransport {
    /// A download task in a session of its own, whose delegate learns of the head from the first bytes
    /// written (or from the end of an empty body), and moves the finished file into place. Cancelling
    /// the calling task before the head, or the task that awaits `completion` after it, cancels the
    /// download.
    public func download(_ request: URLRequest, to file: URL) async throws -> HTTPDownloadAnswer {
        let downloading = DownloadingTask(destination: file)
        let session = URLSession(configuration: self.session.configuration, delegate: downloading, delegateQueue: nil)
        let task = session.downloadTask(with: request)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                downloading.start(task, head: continuation)
            }
        } onCancel: {
            downloading.cancel()
        }
    }
}

/// One download task, as its session's delegate: the head resumes the caller, the finished file is
/// moved to `destination`, the end resumes whoever awaits `completion`, and redirects are refused.
private final class DownloadingTask: NSObject, URLSessionDownloadDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private let box = TaskBox()
    private let destination: URL
    private var head: CheckedContinuation<HTTPDownloadAnswer, any Error>?
    /// How the transfer ended, once it has; and who waits for that.
    private var outcome: Result<Void, any Error>?
    private var waiting: CheckedContinuation<Void, any Error>?
    /// An error while moving the file into place, reported at the end.
    private var moveError: (any Error)?

    init(destination: URL) {
        self.destination = destination
    }

    func start(_ task: URLSessionDownloadTask, head: CheckedContinuation<HTTPDownloadAnswer, any Error>) {
        lock.withLock { self.head = head }
        box.start(task)
    }

    func cancel() {
        box.cancel()
    }

    /// Resumes the caller with the head, once, when the task has one.
    private func reportHead(of task: URLSessionTask) {
        guard let response = task.response as? HTTPURLResponse else { return }
        let continuation = lock.withLock { () -> CheckedContinuation<HTTPDownloadAnswer, any Error>? in
            defer { head = nil }
            return head
        }
        let answer = HTTPAnswer(response, body: Data())
        continuation?.resume(returning: HTTPDownloadAnswer(status: answer.status, headers: answer.headers) { [self] in
            try await completion()
        })
    }

    private func completion() async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let ended = lock.withLock { () -> Result<Void, any Error>? in
                    if outcome == nil { waiting = continuation }
                    return outcome
                }
                if let ended { continuation.resume(with: ended) }
            }
        } onCancel: {
            cancel()
        }
    }

    func urlSession(_ session: URLSession, downloadTask: URLSessionDownloadTask, didWriteData bytesWritten: Int64,
                    totalBytesWritten: Int64, totalBytesExpectedToWrite: Int64) {
        reportHead(of: downloadTask)
    }

    func urlSession(_ session: URLSession, downloadTask: URLSessionDownloadTask, didFinishDownloadingTo location: URL) {
        reportHead(of: downloadTask)
        // The file at `location` is removed when this method returns.
        do {
            if FileManager.default.fileExists(atPath: destination.path) { try FileManager.default.removeItem(at: destination) }
            try FileManager.default.moveItem(at: location, to: destination)
        } catch {
            lock.withLock { moveError = error }
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        session.finishTasksAndInvalidate()
        box.finish()
        let failure = error ?? lock.withLock { moveError }
        if failure == nil { reportHead(of: task) }
        let (head, waiter, ended) = lock.withLock { () -> (CheckedContinuation<HTTPDownloadAnswer, any Error>?, CheckedContinuation<Void, any Error>?, Result<Void, any Error>) in
            let ended: Result<Void, any Error> = failure.map { .failure($0) } ?? .success(())
            outcome = ended
            defer { self.head = nil; waiting = nil }
            return (self.head, waiting, ended)
        }
        head?.resume(throwing: failure ?? URLError(.badServerResponse))
        waiter?.resume(with: ended)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
