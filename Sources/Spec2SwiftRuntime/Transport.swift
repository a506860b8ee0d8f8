import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP answer as it came off the wire: status, headers and body.
public struct HTTPAnswer: Sendable, CustomStringConvertible {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Status, header names and the body's size; header values and the body are left out, since they
    /// may hold secrets.
    public var description: String { "HTTP \(status), \(headers), \(body.count) bytes" }
}

/// Sends one `URLRequest` and returns its answer. The client adds redirects, retries, timeouts,
/// credentials and decoding on top.
///
/// A transport must **not follow redirects**: a 3xx answer comes back as it is, and `APIClient`
/// decides whether to follow it, and with which credentials (never to another origin).
public protocol HTTPTransport: Sendable {
    func send(_ request: URLRequest) async throws -> HTTPAnswer

    /// Sends `request` with the bytes of `file` as its body, read as they are sent (a file upload, a
    /// body `APIClient` wrote to a temporary file). The default sends `request` with the file as its
    /// `httpBodyStream`, its length in `Content-Length`.
    func send(_ request: URLRequest, bodyFrom file: URL) async throws -> HTTPAnswer
}

extension HTTPTransport {
    public func send(_ request: URLRequest, bodyFrom file: URL) async throws -> HTTPAnswer {
        try await send(request.withBodyStream(from: file))
    }
}

extension URLRequest {
    /// This request reading its body from `file`, whose length it states.
    func withBodyStream(from file: URL) throws -> URLRequest {
        guard let size = FileSize.of(file), let stream = InputStream(url: file) else {
            throw URLError(.cannotOpenFile, userInfo: [NSLocalizedDescriptionKey: "the file \(file.path) cannot be read"])
        }
        var request = self
        request.httpBodyStream = stream
        request.setValue(String(size), forHTTPHeaderField: "Content-Length")
        return request
    }

    /// This request for an upload task, which reads the body from its file and states its length itself.
    var withoutBody: URLRequest {
        var request = self
        request.httpBodyStream = nil
        request.httpBody = nil
        request.setValue(nil, forHTTPHeaderField: "Content-Length")
        return request
    }
}

/// The transport over `URLSession` (FoundationNetworking on Linux). Cancelling the calling task
/// cancels the data task. A session the transport makes itself is invalidated when the transport
/// goes away, so clients made and dropped do not leave sessions behind.
///
/// Every task gets a delegate of its own that refuses redirects, whatever the session's delegate does.
public final class URLSessionTransport: HTTPTransport {
    public let session: URLSession
    private let ownsSession: Bool

    /// A transport with its own ephemeral session, whose timeouts are long: `APIClient.timeout`
    /// bounds each attempt. The session keeps no cookies, and has no URL cache: answers carry secrets, which must not be
    /// kept in memory behind the caller's back (and on Linux, FoundationNetworking's cache lookup
    /// races with cancelling a task, which can crash the process).
    public convenience init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        // No cookie jar: a stored cookie would be added again to a hop the client sends without credentials.
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = 24 * 3600
        configuration.timeoutIntervalForResource = 24 * 3600
        self.init(session: URLSession(configuration: configuration), ownsSession: true)
    }

    /// A transport over a session of your own (which stays yours to invalidate). Give it no URL cache
    /// (`configuration.urlCache = nil`): on Linux, cancelling a request while FoundationNetworking looks
    /// it up in the cache can crash the process. Give it no cookie storage either
    /// (`httpCookieStorage = nil`), or its cookies go to every origin a redirect reaches.
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

    public func send(_ request: URLRequest) async throws -> HTTPAnswer {
        try await send(request, file: nil)
    }

    /// Sends the file through an upload task, which states its length: with a body stream,
    /// FoundationNetworking would send the body chunked, and some servers (object stores) refuse that.
    public func send(_ request: URLRequest, bodyFrom file: URL) async throws -> HTTPAnswer {
        try await send(request.withoutBody, file: file)
    }

    private func send(_ request: URLRequest, file: URL?) async throws -> HTTPAnswer {
        let box = TaskBox()
        let session = self.session
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let finish: @Sendable (Data?, URLResponse?, (any Error)?) -> Void = { data, response, error in
                    box.finish()
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response = response as? HTTPURLResponse {
                        continuation.resume(returning: HTTPAnswer(response, body: data ?? Data()))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                let task = file.map { session.uploadTask(with: request, fromFile: $0, completionHandler: finish) }
                    ?? session.dataTask(with: request, completionHandler: finish)
                task.delegate = RedirectRefusal.shared
                box.start(task)
            }
        } onCancel: {
            box.cancel()
        }
    }
}

extension HTTPAnswer {
    /// The status, headers and body of a Foundation response.
    public init(_ response: HTTPURLResponse, body: Data) {
        var headers = HTTPHeaders()
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        self.init(status: response.statusCode, headers: headers, body: body)
    }
}

/// Answers every redirect with "do not follow", so that the 3xx answer itself reaches the client.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    static let shared = RedirectRefusal()

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

/// Holds a task so that a cancellation arriving before or after it starts is honoured, and
/// one arriving after it finished does nothing (cancelling a finished task is a known crash in
/// FoundationNetworking).
final class TaskBox: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionTask?
    private var cancelled = false
    private var finished = false

    func finish() {
        lock.lock()
        finished = true
        task = nil
        lock.unlock()
    }

    func start(_ task: URLSessionTask) {
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
