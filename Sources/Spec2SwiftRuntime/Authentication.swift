import Foundation

/// Credentials as the headers that carry them. Generated code offers one constructor per scheme the
/// API describes (`Gcore.Auth.apiKey(_:)`, `Cloudflare.Auth.apiToken(_:)`).
///
/// Descriptions never show header values.
public struct Authentication: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var headers: [(name: String, value: String)]
    /// Credentials sent as query parameters (API keys `in: query`).
    public var query: [(name: String, value: String)]

    public init(headers: [(name: String, value: String)], query: [(name: String, value: String)] = []) {
        self.headers = headers
        self.query = query
    }

    /// `Authorization: Bearer <token>`.
    public static func bearer(_ token: String) -> Authentication {
        Authentication(headers: [("Authorization", "Bearer " + token)])
    }

    /// `Authorization: Basic <base64 of username:password>` (RFC 7617).
    public static func basic(username: String, password: String) -> Authentication {
        Authentication(headers: [("Authorization", "Basic " + Data((username + ":" + password).utf8).base64EncodedString())])
    }

    public var description: String {
        "Authentication(" + (headers + query).map { "\($0.name): <redacted>" }.joined(separator: ", ") + ")"
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension Authentication: Equatable {
    public static func == (lhs: Authentication, rhs: Authentication) -> Bool {
        lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
            && lhs.query.elementsEqual(rhs.query) { $0.name == $1.name && $0.value == $1.value }
    }
}

/// A wrapper around every response body, generated from an API's descriptor (Cloudflare's
/// `{ success, errors, messages, result, result_info }`).
public protocol ResponseEnvelope<Result>: Decodable, Sendable {
    associatedtype Result
    /// The result inside the envelope. Throws `EnvelopeFailure` when the envelope reports failure.
    func unwrap() throws -> Result
}

extension ResponseEnvelope {
    /// What stands for a result the envelope does not hold (absent or `null`): `NoContent()` for an
    /// operation that answers nothing, nil for a nullable result; nil when a result was due, and the
    /// generated `unwrap()` then throws.
    public static func absentResult() -> Result? {
        if let empty = NoContent() as? Result { return empty }
        return (Result.self as? any ExpressibleByNilLiteral.Type)?.init(nilLiteral: ()) as? Result
    }
}
