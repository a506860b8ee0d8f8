import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// When and how often a failed request is sent again.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included (1 = no retries).
    public var maxAttempts: Int
    /// The delay before the first retry; each further retry doubles it, up to `maxDelay`.
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// Retry POST and PATCH too (by default only methods that are safe to repeat are retried).
    public var retriesNonIdempotentMethods: Bool
    /// How much of each delay is random, from 0 (every delay exactly as computed) to 1; by default a
    /// delay is between half and all of its computed value, so that clients do not retry in step.
    public var jitter: Double

    public init(maxAttempts: Int = 3, initialDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(20),
                retriesNonIdempotentMethods: Bool = false, jitter: Double = 0.5) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.retriesNonIdempotentMethods = retriesNonIdempotentMethods
        self.jitter = jitter.isFinite ? min(max(jitter, 0), 1) : 0
    }

    public static let `default` = RetryPolicy()
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Statuses worth another try: request timeout, too many requests, and server errors.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status)
    }

    /// Exponential backoff with jitter: `initialDelay * 2^(attempt-1)` (capped at `maxDelay`), less a
    /// random part of up to `jitter` of it.
    func delay(beforeRetry attempt: Int) -> Duration {
        let exponent = min(attempt - 1, 30)
        let ceiling = min(initialDelay * (1 << exponent), maxDelay)
        guard jitter > 0 else { return ceiling }
        return ceiling * (1 - jitter * Double.random(in: 0...1))
    }
}

/// Sends generated requests and decodes their answers.
///
///     let client = APIClient(authentication: Gcore.Auth.apiKey(key))
///     let secret = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 1, secretID: id))
///
/// Each attempt passes through `middleware` in order, then gets its credentials, then goes to the
/// transport; redirects are followed by `redirectPolicy`, never carrying credentials to another origin.
public struct APIClient: Sendable {
    /// Where each attempt's credentials come from: fixed `Authentication`, or a provider that can
    /// renew them (`RefreshingCredentials`).
    public var credentials: (any CredentialProvider)?
    public var transport: any HTTPTransport
    /// Replaces the base URL of every request (a proxy, a test server); nil keeps each operation's own.
    public var baseURL: URL?
    /// Replaces particular servers, by the URL the API description gives (`[Lockbox.payloadServer: url]`).
    public var servers: [String: URL]
    /// The longest one attempt may take, from sending to the last byte of the answer, redirects included.
    public var timeout: Duration
    public var retryPolicy: RetryPolicy
    public var redirectPolicy: RedirectPolicy
    /// Run in order around every attempt, the first outermost (see `ClientMiddleware`).
    public var middleware: [any ClientMiddleware]
    /// What timeouts, retry pauses and polls are measured and waited on (see `ClientClock`).
    public var clock: ClientClock

    /// Fixed credentials, when `credentials` holds them; setting this replaces any provider.
    public var authentication: Authentication? {
        get { credentials as? Authentication }
        set { credentials = newValue }
    }

    public init(authentication: Authentication? = nil, transport: any HTTPTransport = URLSessionTransport(),
                baseURL: URL? = nil, servers: [String: URL] = [:], timeout: Duration = .seconds(60),
                retryPolicy: RetryPolicy = .default, redirectPolicy: RedirectPolicy = .default,
                middleware: [any ClientMiddleware] = [], clock: ClientClock = .continuous) {
        self.init(credentials: authentication, transport: transport, baseURL: baseURL, servers: servers, timeout: timeout,
                  retryPolicy: retryPolicy, redirectPolicy: redirectPolicy, middleware: middleware, clock: clock)
    }

    /// A client whose credentials come from `credentials`, asked before every attempt.
    public init(credentials: (any CredentialProvider)?, transport: any HTTPTransport = URLSessionTransport(),
                baseURL: URL? = nil, servers: [String: URL] = [:], timeout: Duration = .seconds(60),
                retryPolicy: RetryPolicy = .default, redirectPolicy: RedirectPolicy = .default,
                middleware: [any ClientMiddleware] = [], clock: ClientClock = .continuous) {
        self.credentials = credentials
        self.transport = transport
        self.baseURL = baseURL
        self.servers = servers
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.redirectPolicy = redirectPolicy
        self.middleware = middleware
        self.clock = clock
    }

    /// Sends the request (retrying as the policy allows) and decodes the result; `options` change the
    /// client's settings for this call only.
    public func send<Response>(_ request: Request<Response>,
                               options: RequestOptions = RequestOptions()) async throws(APIError) -> Response {
        try await response(for: request, options: options).value
    }

    /// Sends a request whose answer has no content; there is no result to use.
    @discardableResult
    public func send(_ request: Request<NoContent>, options: RequestOptions = RequestOptions()) async throws(APIError) -> NoContent {
        try await response(for: request, options: options).value
    }

    /// Sends the request like `send`, and returns the result with the answer's status and headers, and
    /// the envelope it came in for enveloped APIs (`response.envelope(Cloudflare.Envelope.self)?.resultInfo`).
    public func response<Response>(for request: Request<Response>,
                                   options: RequestOptions = RequestOptions()) async throws(APIError) -> APIResponse<Response> {
        try await options.applied(to: self).respond(to: options.applied(to: request), options: options)
    }

    /// `response(for:options:)` once the options are applied to the client and to the request.
    private func respond<Response>(to request: Request<Response>, options: RequestOptions) async throws(APIError) -> APIResponse<Response> {
        var request = request
        var keyed = false
        if let header = request.idempotencyKeyHeader {
            if request.headers[header] == nil { request.headers[header] = UUID().uuidString.lowercased() }
            keyed = true
        }
        // What is sent: the body written to a file when it must be. Middleware still sees the call's
        // own body (redacted fields, files by name), not the temporary file.
        let spooled = try await SpooledBody.spool(request)
        defer { spooled?.1.remove() }
        let sending = spooled?.0 ?? request
        let urlRequest = try self.urlRequest(for: sending)
        let bodyFile = sending.bodyFile
        // One key for every attempt: the server does the call once, whichever attempt reaches it.
        let retries = request.method.isIdempotent || keyed || retryPolicy.retriesNonIdempotentMethods
        let context = MiddlewareContext(request, options: options)
        var attempt = 1
        var retriesLeft = retryPolicy.maxAttempts - 1
        // Credentials the credentials' own origin refused with 401, for the one attempt that follows.
        var rejected: Authentication?
        var refreshed = false
        while true {
            let refusedCredentials = rejected
            rejected = nil
            do {
                let outcome = try await perform(urlRequest, bodyFile: bodyFile, context: context.attempt(attempt),
                                                rejected: refusedCredentials)
                if outcome.answer.status == 401, let used = outcome.credentialsOnFinalHop, !refreshed,
                   credentials?.canRefresh == true {
                    // Fresh credentials once, outside the retry budget; a second 401 stands.
                    refreshed = true
                    rejected = used
                    attempt += 1
                    continue
                }
                return try decode(request, outcome.answer)
            } catch {
                guard retries, retriesLeft > 0, let wait = retryDelay(for: error, attempt: retryPolicy.maxAttempts - retriesLeft) else {
                    throw error
                }
                do {
                    try await clock.sleep(for: wait)
                } catch {
                    throw APIError.cancelled
                }
                retriesLeft -= 1
                attempt += 1
            }
        }
    }

    /// What one attempt got: the final answer, and the credentials sent with it (nil when the final hop
    /// went to another origin, without them).
    struct Outcome: Sendable {
        var answer: HTTPAnswer
        var credentialsOnFinalHop: Authentication?
    }

    /// `request`'s `URLRequest`, with this client's base URL or the one for its server.
    func urlRequest<Response>(for request: Request<Response>) throws(APIError) -> URLRequest {
        do {
            return try request.urlRequest(baseURL: baseURL ?? servers[request.server])
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.invalidRequest(String(describing: error))
        }
    }

    /// One attempt: the middleware chain around `exchange`. A body read from `bodyFile` is handed to
    /// the transport as the file on each attempt and each hop, and read anew each time.
    private func perform(_ request: URLRequest, bodyFile: URL?, context: MiddlewareContext,
                         rejected: Authentication?) async throws(APIError) -> Outcome {
        let chain = middleware
        var credentialsOnFinalHop: Authentication?
        func run(_ index: Int, _ request: URLRequest) async throws -> HTTPAnswer {
            guard index < chain.count else {
                let outcome = try await exchange(request, bodyFile: bodyFile, operationID: context.operationID, rejected: rejected)
                credentialsOnFinalHop = outcome.credentialsOnFinalHop
                return outcome.answer
            }
            return try await chain[index].intercept(request, context: context) { try await run(index + 1, $0) }
        }
        do {
            let answer = try await run(0, request)
            return Outcome(answer: answer, credentialsOnFinalHop: credentialsOnFinalHop)
        } catch {
            throw Self.apiError(error, operationID: context.operationID, wrapping: APIError.middlewareFailed)
        }
    }

    /// `error` as an `APIError`: itself when it is one, `.cancelled` for any kind of cancellation, and
    /// otherwise `wrapping` it.
    private static func apiError(_ error: any Error, operationID: String,
                                 wrapping wrap: (String, any Error) -> APIError) -> APIError {
        if let error = error as? APIError { return error }
        if error is CancellationError || (error as? URLError)?.code == .cancelled || Task.isCancelled { return .cancelled }
        return wrap(operationID, error)
    }

    /// Gets credentials, sends, and follows redirects, all within one `timeout`. Credentials go only to
    /// the origin the request was first sent to, and never again once a redirect has left it.
    private func exchange(_ request: URLRequest, bodyFile: URL?, operationID: String,
                          rejected: Authentication?) async throws(APIError) -> Outcome {
        let deadline = clock.now + timeout
        let authentication = try await credentials(operationID: operationID, rejected: rejected, deadline: deadline)
        let origin = Origin(request.url)
        var hop = request
        var leftOrigin = false
        var redirects = 0
        while true {
            let onOrigin = !leftOrigin && origin != nil && Origin(hop.url) == origin
            let sent: URLRequest
            if onOrigin {
                // A `Location` may echo query credentials: they are taken out before they are added again.
                guard let clean = hop.removingCredentials(authentication, sensitiveHeaders: []) else {
                    throw APIError.redirectRefused(operationID: operationID, reason: "the redirect's URL cannot be read")
                }
                sent = clean.adding(authentication)
            } else {
                guard let clean = hop.removingCredentials(authentication, sensitiveHeaders: redirectPolicy.sensitiveHeaders),
                      !clean.carriesValues(of: authentication) else {
                    throw APIError.redirectRefused(operationID: operationID,
                                                   reason: "the redirect to another origin would carry a credential in its URL")
                }
                sent = clean
            }
            // A hop that keeps the body (a 307 or 308) sends the file again; one that drops it (a 303) does not.
            let answer = try await sendOnce(sent, bodyFile: sent.httpBodyStream == nil ? nil : bodyFile,
                                            operationID: operationID, deadline: deadline)
            guard redirectPolicy.maxRedirects > 0,
                  let next = try RedirectPolicy.nextRequest(after: hop, answer: answer, operationID: operationID) else {
                return Outcome(answer: answer, credentialsOnFinalHop: onOrigin ? authentication : nil)
            }
            redirects += 1
            guard redirects <= redirectPolicy.maxRedirects else {
                throw APIError.redirectRefused(operationID: operationID,
                                               reason: "more than \(redirectPolicy.maxRedirects) redirects")
            }
            if origin == nil || Origin(next.url) != origin {
                // Go's rule: once a chain has left the origin, no later hop gets credentials, even back home.
                leftOrigin = true
                if (next.httpBody != nil || next.httpBodyStream != nil) && !redirectPolicy.sendsBodiesToOtherOrigins {
                    throw APIError.redirectRefused(operationID: operationID, reason: "a \(answer.status) would send the body to "
                                                   + "another origin (RedirectPolicy.sendsBodiesToOtherOrigins allows it)")
                }
            }
            hop = next
        }
    }

    /// The credentials for one attempt, within its deadline.
    func credentials(operationID: String, rejected: Authentication?,
                             deadline: ClientClock.Instant) async throws(APIError) -> Authentication? {
        guard let provider = credentials else { return nil }
        return try await withDeadline(deadline, on: clock, timedOut: .timedOut(operationID: operationID, after: timeout)) {
            () async throws(APIError) -> Authentication in
            do {
                return try await provider.authentication(rejected: rejected)
            } catch {
                throw Self.apiError(error, operationID: operationID, wrapping: APIError.credentialsUnavailable)
            }
        }
    }

    /// How long to wait before retrying after `error`, or nil when it is not worth a retry.
    private func retryDelay(for error: APIError, attempt: Int) -> Duration? {
        switch error {
        case .transport, .timedOut:
            return retryPolicy.delay(beforeRetry: attempt)
        case .rateLimited(let response), .serverError(let response), .unexpectedStatus(let response):
            guard RetryPolicy.isRetryable(status: response.status) else { return nil }
            if let retryAfter = Self.retryAfter(response.headers) {
                // Retrying before the server's time would only be refused again: give up instead.
                return retryAfter <= retryPolicy.maxDelay ? retryAfter : nil
            }
            return retryPolicy.delay(beforeRetry: attempt)
        default:
            return nil
        }
    }

    /// `Retry-After` as seconds or as an HTTP date.
    static func retryAfter(_ headers: [String: String]) -> Duration? {
        guard let value = headers.first(where: { $0.key.caseInsensitiveCompare("Retry-After") == .orderedSame })?.value else {
            return nil
        }
        if let seconds = Double(value.trimmingCharacters(in: .whitespaces)), seconds >= 0, seconds.isFinite {
            return .milliseconds(Int64(min(seconds, 86_400) * 1000))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        let seconds = max(0, min(date.timeIntervalSinceNow, 86_400))
        return .milliseconds(Int64(seconds * 1000))
    }

    /// One request to the transport, bounded by `deadline`, with errors sorted into `APIError`.
    private func sendOnce(_ request: URLRequest, bodyFile: URL?, operationID: String,
                          deadline: ClientClock.Instant) async throws(APIError) -> HTTPAnswer {
        let transport = self.transport
        let timeout = self.timeout
        var lengthened = request
        // URLSession's own limit (60 s by default) must not end the attempt before `timeout` does.
        lengthened.timeoutInterval = max(request.timeoutInterval, Double(timeout.components.seconds) + 1)
        let request = lengthened
        return try await withDeadline(deadline, on: clock, timedOut: .timedOut(operationID: operationID, after: timeout)) {
            () async throws(APIError) -> HTTPAnswer in
            do {
                if let bodyFile { return try await transport.send(request, bodyFrom: bodyFile) }
                return try await transport.send(request)
            } catch let error as APIError {
                throw error
            } catch {
                throw Self.transportError(error, operationID: operationID, timeout: timeout)
            }
        }
    }

    static func transportError(_ error: any Error, operationID: String, timeout: Duration) -> APIError {
        if error is CancellationError { return .cancelled }
        if let urlError = error as? URLError {
            switch urlError.code {
            case .cancelled: return .cancelled
            case .timedOut: return .timedOut(operationID: operationID, after: timeout)
            default: return .transport(operationID: operationID, message: urlError.localizedDescription)
            }
        }
        return .transport(operationID: operationID, message: String(describing: error))
    }

    /// The error answer to `request`, its messages read by the declared shape.
    static func errorResponse<Response>(to request: Request<Response>, status: Int, headers: HTTPHeaders, body: Data) -> ErrorResponse {
        ErrorResponse(status: status, messages: ProviderMessage.messages(in: body, shape: request.errorShape), body: body,
                      headers: headers.dictionary, operationID: request.operationID)
    }

    private func decode<Response>(_ request: Request<Response>, _ answer: HTTPAnswer) throws(APIError) -> APIResponse<Response> {
        func errorResponse() -> ErrorResponse {
            Self.errorResponse(to: request, status: answer.status, headers: answer.headers, body: answer.body)
        }
        guard (200...299).contains(answer.status) else {
            throw APIError.forStatus(errorResponse())
        }
        do {
            let decoded = try request.decodeResponseAndEnvelope(answer.body, contentType: answer.headers["Content-Type"],
                                                                decoder: JSONDecoder())
            return APIResponse(value: decoded.value, status: answer.status, headers: answer.headers, envelope: decoded.envelope)
        } catch is EnvelopeFailure {
            throw APIError.unsuccessful(errorResponse())
        } catch {
            throw APIError.decoding(operationID: request.operationID, message: UnionDecodingFailures.describe(error), body: answer.body)
        }
    }
}

/// A successful answer: the decoded result with the status and headers it came with, and for enveloped
/// APIs the envelope (its messages and paging information).
public struct APIResponse<Value> {
    public var value: Value
    public var status: Int
    public var headers: HTTPHeaders
    /// The envelope the result came in (Cloudflare's `{success, errors, messages, result_info}`); nil for
    /// APIs without one. `envelope(_:)` gives it as its own type.
    public var envelope: (any ResponseEnvelope)?

    public init(value: Value, status: Int, headers: HTTPHeaders, envelope: (any ResponseEnvelope)? = nil) {
        self.value = value
        self.status = status
        self.headers = headers
        self.envelope = envelope
    }

    /// The answer's `Content-Type`: what a `Data` result (a download) holds, such as `application/pdf`.
    public var contentType: String? { headers["Content-Type"] }

    /// The envelope as the API's envelope type: `response.envelope(Cloudflare.Envelope.self)?.resultInfo`.
    public func envelope<Envelope: ResponseEnvelope>(_ type: Envelope.Type) -> Envelope? where Envelope.Result == Value {
        envelope as? Envelope
    }
}

extension APIResponse: Sendable where Value: Sendable {}

extension MiddlewareContext {
    /// The context of `request`'s first attempt: secrets in bodies are redacted on demand. Text and
    /// bytes, which hold nothing the runtime can redact, are shown by their size alone; files in
    /// multipart bodies by name, type and size.
    init<Response>(_ request: Request<Response>, options: RequestOptions = RequestOptions()) {
        self.init(operationID: request.operationID, attempt: 1, options: options, requestBody: {
            guard let body = request.body else { return nil }
            switch request.bodyEncoding {
            case .text: return "<text, \((body as? String)?.utf8.count ?? 0) bytes>"
            case .binary:
                if let data = body as? Data { return "<\(data.count) bytes>" }
                if let file = body as? FileUpload { return file.summary }
                return "<\(body)>"
            case .json, .form, .multipart: return Redaction.json(body)
            }
        }, answerBody: { data in
            guard request.decoding.kind == .json else {
                return "<\(request.decoding.kind == .text ? "text, " : "")\(data.count) bytes>"
            }
            guard let decoded = try? request.decodeResponseAndEnvelope(data, contentType: nil, decoder: JSONDecoder()) else { return nil }
            let shown: Any
            if let envelope = decoded.envelope { shown = envelope } else { shown = decoded.value }
            guard let encodable = shown as? any Encodable else { return nil }
            return Redaction.json(encodable)
        })
    }

    func attempt(_ number: Int) -> MiddlewareContext {
        var context = self
        context.attempt = number
        return context
    }
}

extension HTTPHeaders {
    /// The headers as a dictionary (the last value of a repeated name wins).
    var dictionary: [String: String] {
        var result: [String: String] = [:]
        for field in fields { result[field.name] = field.value }
        return result
    }
}
