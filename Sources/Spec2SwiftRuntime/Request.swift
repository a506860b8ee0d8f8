import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
    public static let trace = HTTPMethod(rawValue: "TRACE")

    /// Methods that can be repeated without a different effect (RFC 9110, 9.2.2), and so retried.
    public var isIdempotent: Bool {
        [.get, .put, .delete, .head, .options, .trace].contains(self)
    }

    public var description: String { rawValue }
}

/// The query of a request, in order. Absent optional values add nothing; arrays repeat the name.
/// Descriptions show names only, since values may be secret.
public struct QueryItems: Sendable, CustomStringConvertible, CustomReflectable {
    enum Value: Sendable {
        case text(String)
        case json(any Encodable & Sendable)
        case fields(any Encodable & Sendable, deep: Bool)
    }

    var items: [(name: String, value: Value)] = []

    public init() {}

    public var isEmpty: Bool { items.isEmpty }

    public var description: String { "QueryItems(" + items.map(\.name).joined(separator: ", ") + ")" }
    public var customMirror: Mirror { Mirror(self, children: ["names": items.map(\.name)], displayStyle: .struct) }

    /// `name=value`, or nothing when `value` is nil.
    public mutating func append(_ name: String, _ value: (some ParameterValue)?) {
        if let value { items.append((name, .text(value.parameterText))) }
    }

    /// `name=a&name=b` for each element (OpenAPI `style: form, explode: true`).
    public mutating func append(_ name: String, _ values: [some ParameterValue]?) {
        for value in values ?? [] { items.append((name, .text(value.parameterText))) }
    }

    /// `name=a,b` (OpenAPI `explode: false`).
    public mutating func appendCommaSeparated(_ name: String, _ values: [some ParameterValue]?) {
        appendDelimited(name, values, by: ",")
    }

    /// `name=a<delimiter>b` (OpenAPI `spaceDelimited` and `pipeDelimited`); the delimiter is
    /// percent-encoded with the rest of the value.
    public mutating func appendDelimited(_ name: String, _ values: [some ParameterValue]?, by delimiter: String) {
        if let values { items.append((name, .text(values.map(\.parameterText).joined(separator: delimiter)))) }
    }

    /// `name=<JSON text of value>` (a parameter with `content: application/json` or a `contentSchema`).
    public mutating func appendJSON(_ name: String, _ value: (some Encodable & Sendable)?) {
        if let value { items.append((name, .json(value))) }
    }

    /// An object's properties as parameters of their own: `key=value` (OpenAPI `style: form`, the
    /// default), or `name[key]=value` (`style: deepObject`). Arrays repeat their key; nested objects
    /// are sent as JSON text.
    public mutating func appendFields(_ name: String, _ value: (some Encodable & Sendable)?, deep: Bool = false) {
        if let value { items.append((name, .fields(value, deep: deep))) }
    }

    /// The query string without `?`, every name and value percent-encoded (`+` and space included).
    func encoded(with encoder: JSONEncoder) throws -> String {
        var pairs: [(String, String)] = []
        for (name, value) in items {
            switch value {
            case .text(let string):
                pairs.append((name, string))
            case .json(let encodable):
                pairs.append((name, String(decoding: try encoder.encode(encodable), as: UTF8.self)))
            case .fields(let encodable, let deep):
                let json = try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(encodable))
                guard case .object(let object) = json else {
                    pairs.append((name, try Self.text(json, encoder)))
                    continue
                }
                for key in object.keys.sorted() {
                    let field = deep ? "\(name)[\(key)]" : key
                    switch object[key] {
                    case .null?, nil: continue
                    case .array(let elements)?: pairs += try elements.map { (field, try Self.text($0, encoder)) }
                    case let element?: pairs.append((field, try Self.text(element, encoder)))
                    }
                }
            }
        }
        return pairs.map { name, text in
            PercentEncoding.encode(name, keeping: PercentEncoding.unreserved) + "="
                + PercentEncoding.encode(text, keeping: PercentEncoding.unreserved)
        }.joined(separator: "&")
    }

    /// A JSON value as one query value: scalars as text, anything else as JSON.
    private static func text(_ value: JSONValue, _ encoder: JSONEncoder) throws -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .number(let number): return number.parameterText
        case .null: return ""
        case .array, .object: return String(decoding: try encoder.encode(value), as: UTF8.self)
        }
    }
}

/// Request headers in order; names compare without regard to case. Descriptions show names only,
/// since values may be secret.
public struct HTTPHeaders: Sendable, Sequence, CustomStringConvertible, CustomReflectable {
    public private(set) var fields: [(name: String, value: String)] = []

    public var description: String { "HTTPHeaders(" + fields.map(\.name).joined(separator: ", ") + ")" }
    public var customMirror: Mirror { Mirror(self, children: ["names": fields.map(\.name)], displayStyle: .struct) }

    public init(_ fields: [(name: String, value: String)] = []) {
        for field in fields { self[field.name] = field.value }
    }

    /// The value of a header, or nil; setting nil removes it.
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value }
        set {
            fields.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            if let newValue { fields.append((name, newValue)) }
        }
    }

    /// Sets a header from a parameter, or nothing when `value` is nil.
    public mutating func set(_ name: String, _ value: (some ParameterValue)?) {
        if let value { self[name] = value.parameterText }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}

/// What turns the bytes of a successful answer into the operation's result, and what `Accept` asks for.
public struct ResponseDecoding<Response>: Sendable {
    enum Kind: Sendable {
        /// JSON (or nothing): an empty body reads as `null`.
        case json
        /// The body's text, or its bytes, as they are.
        case text, bytes
    }

    /// The result and, for enveloped APIs, the envelope it came in; from the body and its `Content-Type`.
    let decodeWithEnvelope: @Sendable (Data, String?, JSONDecoder) throws -> (value: Response, envelope: (any ResponseEnvelope)?)
    let kind: Kind
    /// The media types the request's `Accept` header lists.
    public let accept: String

    public init(_ decode: @escaping @Sendable (Data, JSONDecoder) throws -> Response) {
        self.init(kind: .json, accept: "application/json") { data, _, decoder in (try decode(data, decoder), nil) }
    }

    init(kind: Kind, accept: String,
         withEnvelope decode: @escaping @Sendable (Data, String?, JSONDecoder) throws -> (value: Response, envelope: (any ResponseEnvelope)?)) {
        self.kind = kind
        self.accept = accept
        decodeWithEnvelope = decode
    }
}

extension ResponseDecoding where Response: Decodable & Sendable {
    /// The body is the result, as JSON.
    public static var json: ResponseDecoding<Response> {
        ResponseDecoding { data, decoder in try decoder.decode(Response.self, from: data) }
    }

}

extension ResponseDecoding where Response == Data {
    /// The body's bytes are the result (`application/pdf`, `image/png`, `*/*`, ...); the answer's
    /// `Content-Type` is in `APIResponse.contentType`. `accept` is what the request asks for.
    public static func data(accepting accept: String = "*/*") -> ResponseDecoding<Data> {
        ResponseDecoding(kind: .bytes, accept: accept) { data, _, _ in (data, nil) }
    }
}

extension ResponseDecoding where Response == String {
    /// The body's text is the result (`text/plain`, `text/csv`, ...), read in the `charset` its
    /// `Content-Type` names (UTF-8 when it names none, or one this runtime does not know); bytes
    /// that are not valid in it read as U+FFFD.
    public static func text(accepting accept: String = "text/plain") -> ResponseDecoding<String> {
        ResponseDecoding(kind: .text, accept: accept) { data, contentType, _ in (Self.text(data, contentType: contentType), nil) }
    }

    static func text(_ data: Data, contentType: String?) -> String {
        let encodings: [String: String.Encoding] = [
            "us-ascii": .ascii, "ascii": .ascii, "iso-8859-1": .isoLatin1, "latin1": .isoLatin1, "iso-8859-2": .isoLatin2,
            "windows-1252": .windowsCP1252, "cp1252": .windowsCP1252, "utf-16": .utf16, "utf-16le": .utf16LittleEndian,
            "utf-16be": .utf16BigEndian, "utf-32": .utf32,
        ]
        if let charset = contentType.flatMap(MediaType.charset), let encoding = encodings[charset],
           let text = String(data: data, encoding: encoding) {
            return text
        }
        return String(decoding: data, as: UTF8.self)
    }
}

extension ResponseDecoding {
    /// The body is an envelope holding the result (Cloudflare's `{ success, errors, result, ... }`).
    public static func enveloped<Envelope: ResponseEnvelope>(_ envelope: Envelope.Type) -> ResponseDecoding<Response>
    where Envelope.Result == Response {
        ResponseDecoding(kind: .json, accept: "application/json", withEnvelope: { data, _, decoder in
            let envelope = try decoder.decode(Envelope.self, from: data)
            return (try envelope.unwrap(), envelope)
        })
    }
}

extension ResponseDecoding where Response == NoContent {
    /// The answer has no body worth reading.
    public static var none: ResponseDecoding<NoContent> {
        ResponseDecoding { _, _ in NoContent() }
    }
}

/// The result of an operation that answers without a body.
public struct NoContent: Codable, Hashable, Sendable {
    public init() {}

    public init(from decoder: any Decoder) throws {}

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}

/// One HTTP call, fully described and not yet sent: method, server, path, query, headers, body (JSON,
/// form, multipart, text or bytes), and how to read the answer. Building the `URLRequest` needs no network.
public struct Request<Response>: Sendable, CustomStringConvertible, CustomReflectable {
    public var method: HTTPMethod
    /// The base URL the API description gives for this operation.
    public var server: String
    public var path: RequestPath
    public var query = QueryItems()
    public var headers = HTTPHeaders()
    /// The body; encoded by `bodyEncoding` when the `URLRequest` is made.
    public var body: (any Encodable & Sendable)?
    /// How `body` is written: JSON (the default), a form, multipart parts, text or bytes.
    public var bodyEncoding = BodyEncoding.json
    /// The `Content-Type` of JSON, text and binary bodies (form and multipart bodies set their own).
    public var contentType = "application/json"
    /// The operation's identifier in its API description, for errors and logs.
    public var operationID: String
    public var decoding: ResponseDecoding<Response>
    /// The shape of the API's error bodies, when its profile declares one; nil: any known shape.
    public var errorShape: ProviderMessage.Shape?
    /// The header that carries the operation's idempotency key (`Idempotency-Key`), when it has one.
    /// `APIClient` fills it, when the caller left it out, with a new key once per call, sends the same
    /// key on every retry, and so retries the call whatever its method.
    public var idempotencyKeyHeader: String?

    public init(method: HTTPMethod, server: String, path: RequestPath, operationID: String, decoding: ResponseDecoding<Response>,
                errorShape: ProviderMessage.Shape? = nil) {
        self.method = method
        self.server = server
        self.path = path
        self.operationID = operationID
        self.decoding = decoding
        self.errorShape = errorShape
    }

    /// The full URL: `baseURL` (or the operation's server), the path, and the query.
    public func url(baseURL: URL? = nil, encoder: JSONEncoder = .spec2swift) throws -> URL {
        var text = Self.trimmingSlashes(baseURL?.absoluteString ?? server) + path.encoded
        if !query.isEmpty {
            text += "?" + (try query.encoded(with: encoder))
        }
        guard let url = URL(string: text) else {
            // The message leaves query values out: they may hold credentials.
            throw APIError.invalidRequest("the URL of \(description) is not valid")
        }
        return url
    }

    /// The `URLRequest` for this call, with `authentication`'s headers and query items added.
    public func urlRequest(baseURL: URL? = nil, authentication: Authentication? = nil,
                           encoder: JSONEncoder = .spec2swift) throws -> URLRequest {
        if let empty = path.emptyParameters.first {
            throw APIError.invalidRequest("the path parameter \(empty) of \(operationID) is empty; "
                + "an empty value would send the request to another path")
        }
        var request = URLRequest(url: try url(baseURL: baseURL, encoder: encoder))
        request.httpMethod = method.rawValue
        request.setValue(decoding.accept, forHTTPHeaderField: "Accept")
        for header in headers {
            request.setValue(header.value, forHTTPHeaderField: header.name)
        }
        if let body {
            do {
                let encoded = try bodyEncoding.encode(body, contentType: contentType, encoder: encoder)
                switch encoded.body {
                case .bytes(let data):
                    request.httpBody = data
                case .file(let file):
                    // Read as it is sent (`APIClient` hands the file itself to the transport).
                    request = try request.withBodyStream(from: file)
                }
                request.setValue(encoded.contentType, forHTTPHeaderField: "Content-Type")
            } catch {
                throw APIError.invalidRequest("the body of \(operationID) could not be encoded as \(bodyEncoding.name): \(error)")
            }
        }
        return request.adding(authentication)
    }

    /// Reads the body of a successful answer as this operation's result, unwrapping an envelope, for
    /// callers who send `urlRequest()` with an HTTP stack of their own. For JSON results an empty body
    /// reads as `null`, which an optional result accepts (a 204 beside a 200); text results read the
    /// `charset` of `contentType` (the answer's `Content-Type`). Throws the decoder's error, or
    /// `EnvelopeFailure` when an envelope says the call failed.
    public func decodeResponse(_ body: Data, contentType: String? = nil, decoder: JSONDecoder = JSONDecoder()) throws -> Response {
        try decodeResponseAndEnvelope(body, contentType: contentType, decoder: decoder).value
    }

    func decodeResponseAndEnvelope(_ body: Data, contentType: String?,
                                   decoder: JSONDecoder) throws -> (value: Response, envelope: (any ResponseEnvelope)?) {
        let read = decoding.kind == .json && body.isEmpty ? Data("null".utf8) : body
        return try decoding.decodeWithEnvelope(read, contentType, decoder)
    }

    private static func trimmingSlashes(_ base: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// For `dump` and debuggers: what `description` shows, without header or query values or the body.
    public var customMirror: Mirror {
        Mirror(self, children: ["method": method, "server": server, "path": path.encoded,
                                "query": query.items.map(\.name), "headers": headers.map(\.name),
                                "hasBody": body != nil, "operationID": operationID], displayStyle: .struct)
    }

    /// Method, server, path and the names of query parameters; query values, header values and the
    /// body are not shown, since they may hold secrets.
    public var description: String {
        let names = query.items.map(\.name)
        let queryText = names.isEmpty ? "" : "?" + names.map { $0 + "=…" }.joined(separator: "&")
        return "\(method) \(Self.trimmingSlashes(server))\(path.encoded)\(queryText) (\(operationID))"
    }
}

extension BodyEncoding {
    /// What the body is encoded as, for error messages.
    var name: String {
        switch self {
        case .json: return "JSON"
        case .form: return "a form"
        case .multipart: return "multipart/form-data"
        case .text: return "text"
        case .binary: return "bytes"
        }
    }
}

extension Request {
    /// This request with another way of reading its answer; everything sent stays the same. (A new
    /// stored property of `Request` must be copied here too.)
    func withDecoding<Other>(_ decoding: ResponseDecoding<Other>) -> Request<Other> {
        var request = Request<Other>(method: method, server: server, path: path, operationID: operationID, decoding: decoding,
                                     errorShape: errorShape)
        request.query = query
        request.headers = headers
        request.body = body
        request.bodyEncoding = bodyEncoding
        request.contentType = contentType
        request.idempotencyKeyHeader = idempotencyKeyHeader
        return request
    }
}

extension JSONEncoder {
    /// The encoder requests use: keys sorted, so that bodies are deterministic, and `/` not escaped.
    public static var spec2swift: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
