import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sees, and may change, every request before it is sent and every answer before it is decoded: once
/// per attempt, so a retried call passes through it again. `APIClient.middleware` runs in order, the
/// first one outermost.
///
/// Credentials are added after the whole chain, so a middleware never sees them (one that must can be
/// given the same `CredentialProvider` as the client). Redirects are followed inside the chain's
/// innermost step: a middleware sees the final answer.
///
///     struct RequestID: ClientMiddleware {
///         func intercept(_ request: URLRequest, context: MiddlewareContext,
///                        next: (URLRequest) async throws -> HTTPAnswer) async throws -> HTTPAnswer {
///             var request = request
///             request.setValue(UUID().uuidString, forHTTPHeaderField: "X-Request-ID")
///             return try await next(request)
///         }
///     }
public protocol ClientMiddleware: Sendable {
    func intercept(_ request: URLRequest, context: MiddlewareContext,
                   next: (URLRequest) async throws -> HTTPAnswer) async throws -> HTTPAnswer
}

/// What a middleware knows of the call besides the request itself.
public struct MiddlewareContext: Sendable {
    /// The operation's identifier in its API description.
    public var operationID: String
    /// 1 for the first attempt, 2 for the first retry, and so on.
    public var attempt: Int
    /// The options the call was sent with (`APIClient.send(_:options:)`); empty when none were given.
    public var options: RequestOptions
    /// The request body as JSON with every secret value (`SecretString`, `SecretBytes`) replaced by
    /// `<redacted>`; nil when the request has no body.
    public var redactedRequestBody: String? { requestBody() }
    let requestBody: @Sendable () -> String?
    let answerBody: @Sendable (Data) -> String?

    public init(operationID: String, attempt: Int) {
        self.init(operationID: operationID, attempt: attempt, options: RequestOptions(), requestBody: { nil }, answerBody: { _ in nil })
    }

    init(operationID: String, attempt: Int, options: RequestOptions, requestBody: @escaping @Sendable () -> String?,
         answerBody: @escaping @Sendable (Data) -> String?) {
        self.operationID = operationID
        self.attempt = attempt
        self.options = options
        self.requestBody = requestBody
        self.answerBody = answerBody
    }

    /// A successful answer's body as JSON with every secret value replaced by `<redacted>`: the body
    /// is decoded as the operation's result and encoded again. Nil when it does not decode as that
    /// result (an error answer, for one): such bodies are not shown, since they may echo secrets.
    public func redactedAnswerBody(_ body: Data) -> String? {
        answerBody(body)
    }
}

/// Marks an encoder whose `SecretString` and `SecretBytes` values encode as `"<redacted>"`.
enum Redaction {
    static let key = CodingUserInfoKey(rawValue: "spec2swift.redactingSecrets")

    static func isOn(in encoder: any Encoder) -> Bool {
        guard let key else { return false }
        return encoder.userInfo[key] as? Bool == true
    }

    /// `value` as JSON text with its secrets replaced, or nil when it does not encode.
    static func json(_ value: any Encodable) -> String? {
        guard let data = try? JSONEncoder.spec2swiftRedacting.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

extension JSONEncoder {
    /// The encoder requests use, except that `SecretString` and `SecretBytes` values encode as
    /// `"<redacted>"`: for logs and diagnostics, never for the wire.
    public static var spec2swiftRedacting: JSONEncoder {
        let encoder = JSONEncoder.spec2swift
        if let key = Redaction.key { encoder.userInfo[key] = true }
        return encoder
    }
}
