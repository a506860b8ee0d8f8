import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension URLSessionTransport: HTTPStreamingTransport {
    /// Sends `request` and returns once the answer's head has arrived; its body's chunks follow as the
    /// session receives them. Cancelling the calling task before the head, or ending the body's
    /// iteration after it, cancels the data task.
    ///
    /// Each stream has a session of its own, with the transport's configuration, whose delegate
    /// receives the chunks (FoundationNetworking gives a task's own delegate no data); it is
    /// invalidated when the task ends.
    public func stream(_ request: URLRequest) async throws -> HTTPStreamedAnswer {
        try await stream(request, file: nil)
    }

    /// Sends the file through an upload task, which states its length (see `send(_:bodyFrom:)`).
    public func stream(_ request: URLRequest, bodyFrom file: URL) async throws -> HTTPStreamedAnswer {
        try await stream(request.withoutBody, file: file)
    }

    private func stream(_ request: URLRequest, file: URL?) async throws -> HTTPStreamedAnswer {
        let streaming = StreamingTask()
        let session = URLSession(configuration: self.session.configuration, delegate: streaming, delegateQueue: nil)
        let task = file.map { session.uploadTask(with: request, fromFile: $0) } ?? session.dataTask(with: request)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                streaming.start(task, head: continuation)
            }
        } onCancel: {
            streaming.cancel()
        }
    }
}

/// One streamed data task, as its session's delegate: its head resumes the caller, its data chunks go
/// to the body stream, and redirects are refused. Cancelling after the task has finished does nothing (cancelling a finished
/// task is a known crash in FoundationNetworking).
private final class StreamingTask: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    /// The data task, cancelled at most while it runs.
    private let box = TaskBox()
    private var head: CheckedContinuation<HTTPStreamedAnswer, any Error>?
    /// Handed to the caller with the head, and not kept: the stream ends (and `onTermination` cancels
    /// the task) when the caller lets go of it.
    private var body: AsyncThrowingStream<Data, any Error>?
    private let chunks: AsyncThrowingStream<Data, any Error>.Continuation

    override init() {
        let (body, chunks) = AsyncThrowingStream.makeStream(of: Data.self)
        self.body = body
        self.chunks = chunks
        super.init()
        chunks.onTermination = { [weak self] _ in self?.cancel() }
    }

    func start(_ task: URLSessionDataTask, head: CheckedContinuation<HTTPStreamedAnswer, any Error>) {
        lock.withLock { self.head = head }
        box.start(task)
    }

    func cancel() {
        box.cancel()
    }

    private func takeHead() -> CheckedContinuation<HTTPStreamedAnswer, any Error>? {
        lock.lock()
        defer { lock.unlock() }
        let head = self.head
        self.head = nil
        return head
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        guard let response = response as? HTTPURLResponse else {
            takeHead()?.resume(throwing: URLError(.badServerResponse))
            completionHandler(.cancel)
            return
        }
        let head = HTTPAnswer(response, body: Data())
        let stream = lock.withLock { () -> AsyncThrowingStream<Data, any Error>? in
            defer { body = nil }
            return body
        }
        if let stream {
            takeHead()?.resume(returning: HTTPStreamedAnswer(status: head.status, headers: head.headers, body: stream))
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        chunks.yield(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        session.finishTasksAndInvalidate()
        box.finish()
        if let head = takeHead() {
            head.resume(throwing: error ?? URLError(.badServerResponse))
        }
        if let error { chunks.finish(throwing: error) } else { chunks.finish() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
