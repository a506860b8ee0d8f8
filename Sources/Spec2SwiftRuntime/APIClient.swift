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

    public init(maxAttempts: Int = 3, initialDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(20),
                retriesNonIdempotentMethods: Bool = false) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.retriesNonIdempotentMethods = retriesNonIdempotentMethods
    }

    public static let `default` = RetryPolicy()
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Statuses worth another try: request timeout, too many requests, and server errors.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status)
    }

    /// Exponential backoff with jitter: a random delay between half and all of `initialDelay * 2^(attempt-1)`
    /// (capped at `maxDelay`).
    func delay(beforeRetry attempt: Int) -> Duration {
        let exponent = min(attempt - 1, 30)
        let ceiling = min(initialDelay * (1 << exponent), maxDelay)
        let fraction = Double.random(in: 0.5...1.0)
        return ceiling * fraction
    }
}

/// Sends generated requests and decodes their answers.
///
///     let client = APIClient(authentication: Gcore.Auth.apiKey(key))
///     let secret = try await client.send(Gcore.Secrets.getSecret(projectID: 1, regionID: 1, secretID: id))
public struct APIClient: Sendable {
    public var authentication: Authentication?
    public var transport: any HTTPTransport
    /// Replaces the base URL of every request (a proxy, a test server); nil keeps each operation's own.
    public var baseURL: URL?
    /// Replaces particular servers, by the URL the API description gives (`[Lockbox.payloadServer: url]`).
    public var servers: [String: URL]
    /// The longest one attempt may take, from sending to the last byte of the answer.
    public var timeout: Duration
    public var retryPolicy: RetryPolicy

    public init(authentication: Authentication? = nil, transport: any HTTPTransport = URLSessionTransport(),
                baseURL: URL? = nil, servers: [String: URL] = [:], timeout: Duration = .seconds(60),
                retryPolicy: RetryPolicy = .default) {
        self.authentication = authentication
        self.transport = transport
        self.baseURL = baseURL
        self.servers = servers
        self.timeout = timeout
        self.retryPolicy = retryPolicy
    }

    /// Sends the request (retrying as the policy allows) and decodes the result.
    public func send<Response>(_ request: Request<Response>) async throws(APIError) -> Response {
        let urlRequest: URLRequest
        do {
            urlRequest = try request.urlRequest(baseURL: baseURL ?? servers[request.server], authentication: authentication)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.invalidRequest(String(describing: error))
        }
        let retries = request.method.isIdempotent || retryPolicy.retriesNonIdempotentMethods
        var attempt = 1
        while true {
            do {
                let (data, response) = try await sendOnce(urlRequest, operationID: request.operationID)
                return try decode(request, data: data, response: response)
            } catch {
                guard retries, attempt < retryPolicy.maxAttempts, let wait = retryDelay(for: error, attempt: attempt) else {
                    throw error
                }
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    throw APIError.cancelled
                }
                attempt += 1
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

    /// One attempt, bounded by `timeout`, with errors sorted into `APIError`.
    private func sendOnce(_ request: URLRequest, operationID: String) async throws(APIError) -> (Data, HTTPURLResponse) {
        let transport = self.transport
        let timeout = self.timeout
        var lengthened = request
        // URLSession's own limit (60 s by default) must not end the attempt before `timeout` does.
        lengthened.timeoutInterval = max(request.timeoutInterval, Double(timeout.components.seconds) + 1)
        let request = lengthened
        return try await withDeadline(.now + timeout, timedOut: .timedOut(operationID: operationID, after: timeout)) {
            () async throws(APIError) -> (Data, HTTPURLResponse) in
            do {
                return try await transport.send(request)
            } catch {
                throw Self.transportError(error, operationID: operationID, timeout: timeout)
            }
        }
    }

    private static func transportError(_ error: any Error, operationID: String, timeout: Duration) -> APIError {
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

    private func decode<Response>(_ request: Request<Response>, data: Data, response: HTTPURLResponse) throws(APIError) -> Response {
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        func errorResponse(_ messages: [ProviderMessage]) -> ErrorResponse {
            ErrorResponse(status: response.statusCode, messages: messages, body: data, headers: headers,
                          operationID: request.operationID)
        }
        guard (200...299).contains(response.statusCode) else {
            throw APIError.forStatus(errorResponse(ProviderMessage.messages(in: data)))
        }
        do {
            return try request.decodeResponse(data)
        } catch is EnvelopeFailure {
            throw APIError.unsuccessful(errorResponse(ProviderMessage.messages(in: data)))
        } catch {
            throw APIError.decoding(operationID: request.operationID, message: UnionDecodingFailures.describe(error), body: data)
        }
    }
}
