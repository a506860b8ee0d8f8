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

    /// The messages of an error body in one of the known shapes; empty when the body is not JSON or
    /// has none of them.
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
