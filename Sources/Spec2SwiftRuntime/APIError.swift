import Foundation

/// An answer that is not a result: its status, the provider's messages, and the raw body.
public struct ErrorResponse: Sendable, CustomStringConvertible {
    public var status: Int
    /// The messages found in the body, read by the shape the API declares (`ProviderMessage.Shape`);
    /// empty when it declares none (the body is then the only account of the error).
    public var messages: [ProviderMessage]
    /// The body exactly as received.
    public var body: Data
    public var headers: [String: String]
    /// The operation the answer belongs to.
    public var operationID: String

    public init(status: Int, messages: [ProviderMessage], body: Data, headers: [String: String] = [:], operationID: String) {
        self.status = status
        self.messages = messages
        self.body = body
        self.headers = headers
        self.operationID = operationID
    }

    /// Status and provider messages; the body is left out, since it may echo what was sent.
    public var description: String {
        let text = messages.map(\.description).joined(separator: "; ")
        return "HTTP \(status) from \(operationID)" + (text.isEmpty ? "" : ": \(text)")
    }
}

/// Everything that can go wrong when sending a request, by kind.
///
/// Cancelling the task that sends a request ends it with `.cancelled` (every client function throws
/// `APIError` and nothing else); `isCancellation` tells it apart, as `catch is CancellationError`
/// would for other APIs.
public enum APIError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// 400 or 422: the request was malformed or invalid.
    case badRequest(ErrorResponse)
    /// 401: credentials are missing or wrong.
    case unauthorized(ErrorResponse)
    /// 403: the credentials do not allow this.
    case forbidden(ErrorResponse)
    /// 404.
    case notFound(ErrorResponse)
    /// 409: the request conflicts with the resource's state.
    case conflict(ErrorResponse)
    /// 429: too many requests (after any retries).
    case rateLimited(ErrorResponse)
    /// 5xx (after any retries).
    case serverError(ErrorResponse)
    /// Any other status that is not 2xx.
    case unexpectedStatus(ErrorResponse)
    /// A 2xx answer whose envelope says the call failed (`success: false`).
    case unsuccessful(ErrorResponse)
    /// A long-running operation finished with an error (its messages are the operation's error).
    case operationFailed(ErrorResponse)
    /// No complete answer within the request's timeout.
    case timedOut(operationID: String, after: Duration)
    /// The connection failed (refused, reset, DNS, TLS).
    case transport(operationID: String, message: String)
    /// The answer's body does not match the expected type.
    case decoding(operationID: String, message: String, body: Data)
    /// The request could not be built (an invalid URL, a body that does not encode).
    case invalidRequest(String)
    /// The task was cancelled.
    case cancelled
    /// A redirect was not followed: it leads from `https` to `http`, to something that is not an HTTP
    /// URL, or past `RedirectPolicy.maxRedirects`.
    case redirectRefused(operationID: String, reason: String)
    /// A `ClientMiddleware` threw an error of its own.
    case middlewareFailed(operationID: String, error: any Error)
    /// The `CredentialProvider` could not give credentials.
    case credentialsUnavailable(operationID: String, error: any Error)

    /// Sorts an error answer by its status.
    public static func forStatus(_ response: ErrorResponse) -> APIError {
        switch response.status {
        case 400, 422: return .badRequest(response)
        case 401: return .unauthorized(response)
        case 403: return .forbidden(response)
        case 404: return .notFound(response)
        case 409: return .conflict(response)
        case 429: return .rateLimited(response)
        case 500...599: return .serverError(response)
        default: return .unexpectedStatus(response)
        }
    }

    /// The answer, for errors that had one.
    public var response: ErrorResponse? {
        switch self {
        case .badRequest(let response), .unauthorized(let response), .forbidden(let response), .notFound(let response),
             .conflict(let response), .rateLimited(let response), .serverError(let response),
             .unexpectedStatus(let response), .unsuccessful(let response), .operationFailed(let response):
            return response
        case .timedOut, .transport, .decoding, .invalidRequest, .cancelled, .redirectRefused, .middlewareFailed,
             .credentialsUnavailable:
            return nil
        }
    }

    public var status: Int? { response?.status }

    public var description: String {
        switch self {
        case .badRequest(let response): return "bad request: \(response)"
        case .unauthorized(let response): return "unauthorized: \(response)"
        case .forbidden(let response): return "forbidden: \(response)"
        case .notFound(let response): return "not found: \(response)"
        case .conflict(let response): return "conflict: \(response)"
        case .rateLimited(let response): return "rate limited: \(response)"
        case .serverError(let response): return "server error: \(response)"
        case .unexpectedStatus(let response): return "unexpected status: \(response)"
        case .unsuccessful(let response): return "unsuccessful: \(response)"
        case .operationFailed(let response): return "operation failed: \(response)"
        case .timedOut(let operationID, let after): return "\(operationID) timed out after \(after)"
        case .transport(let operationID, let message): return "\(operationID) failed to connect: \(message)"
        case .decoding(let operationID, let message, _): return "the answer to \(operationID) did not decode: \(message)"
        case .invalidRequest(let message): return "invalid request: \(message)"
        case .cancelled: return "cancelled"
        case .redirectRefused(let operationID, let reason): return "\(operationID) was not redirected: \(reason)"
        case .middlewareFailed(let operationID, let error): return "a middleware failed during \(operationID): \(error)"
        case .credentialsUnavailable(let operationID, let error): return "no credentials for \(operationID): \(error)"
        }
    }

    /// The same text as `description`: status, operation and the provider's messages, never a
    /// credential or a body.
    public var errorDescription: String? { description }

    /// Whether the call ended because its task was cancelled.
    public var isCancellation: Bool {
        if case .cancelled = self { return true }
        return false
    }
}

/// Thrown by a `ResponseEnvelope` whose answer reports failure; the client turns it into
/// `APIError.unsuccessful`, with the messages it finds in the body.
public struct EnvelopeFailure: Error, Sendable {
    public init() {}
}
