import Foundation

/// One message from an API's error answer: Cloudflare's `errors[]` entries, Yandex Cloud's
/// `{code, message, details}`, Gcore's `{message}` / `{detail}`.
public struct ProviderMessage: Hashable, Sendable, CustomStringConvertible {
    public var code: String?
    public var message: String

    public init(code: String? = nil, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String {
        code.map { "[\($0)] \(message)" } ?? message
    }

    /// The shape of one API's error bodies, as its profile declares it (the generated namespace's
    /// `errorShape`): where the messages are, and in each the message text and its code, as key paths.
    public struct Shape: Hashable, Sendable {
        /// The key path of a list of messages (`errors`); nil when the body is one message.
        public var list: [String]?
        public var message: [String]
        public var code: [String]?

        public init(list: [String]? = nil, message: [String], code: [String]? = nil) {
            self.list = list
            self.message = message
            self.code = code
        }
    }

    /// The messages of an error body of the given shape, and no other; with no shape (the API declares
    /// none), none: the client does not guess, and the raw body stays in `ErrorResponse.body`.
    public static func messages(in body: Data, shape: Shape?) -> [ProviderMessage] {
        guard let shape else { return [] }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body) else { return [] }
        func value(_ json: JSONValue, _ path: [String]) -> JSONValue? {
            path.reduce(Optional(json)) { $0?[$1] }
        }
        func message(_ json: JSONValue) -> ProviderMessage? {
            guard let text = value(json, shape.message)?.stringValue else { return nil }
            return ProviderMessage(code: shape.code.flatMap { value(json, $0) }.flatMap(codeText), message: text)
        }
        guard let list = shape.list else { return message(json).map { [$0] } ?? [] }
        guard case .array(let items)? = value(json, list) else { return [] }
        return items.compactMap(message)
    }

    /// The messages of an error body in one of the shapes this function knows (Cloudflare's, Yandex
    /// Cloud's, Gcore's, `{error: {...}}`, FastAPI's); empty when the body is not JSON or has none of
    /// them. A guess, for callers reading an `ErrorResponse.body` of an API that declares no shape; the
    /// client itself reads only the declared shape.
    public static func messages(in body: Data) -> [ProviderMessage] {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: body) else { return [] }
        return messages(in: json)
    }

    static func messages(in json: JSONValue) -> [ProviderMessage] {
        // Cloudflare: { "success": false, "errors": [ { "code": 1000, "message": "..." } ] }
        if case .array(let errors)? = json["errors"] {
            let found = errors.compactMap(message(from:))
            if !found.isEmpty { return found }
        }
        // { "error": { "code": ..., "message": ... } }
        if let nested = json["error"], let found = message(from: nested) {
            return [found]
        }
        // Yandex Cloud: { "code": 5, "message": "...", "details": [] }; Gcore: { "message": ... } or { "detail": ... }
        if let found = message(from: json) {
            return [found]
        }
        return []
    }

    private static func message(from json: JSONValue) -> ProviderMessage? {
        if case .string(let text) = json { return ProviderMessage(message: text) }
        let text = json["message"]?.stringValue ?? json["detail"]?.stringValue ?? json["error"]?.stringValue
            ?? json["errors"]?.stringValue
        guard let text else {
            // FastAPI-style validation errors: { "detail": [ { "msg": ..., "loc": [...] } ] }
            if case .array(let details)? = json["detail"] {
                let joined = details.compactMap { $0["msg"]?.stringValue }.joined(separator: "; ")
                return joined.isEmpty ? nil : ProviderMessage(message: joined)
            }
            return nil
        }
        return ProviderMessage(code: json["code"].flatMap(codeText), message: text)
    }

    private static func codeText(_ value: JSONValue) -> String? {
        switch value {
        case .integer(let number): return String(number)
        case .number(let number): return String(number)
        case .string(let text): return text
        default: return nil
        }
    }
}
