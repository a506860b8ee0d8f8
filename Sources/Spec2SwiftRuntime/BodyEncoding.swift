import Foundation

/// How `Request.body` becomes the bytes of the request, and which `Content-Type` they go with.
public enum BodyEncoding: Hashable, Sendable {
    /// JSON, sent as `Request.contentType` (`application/json` unless the operation says otherwise).
    case json
    /// `application/x-www-form-urlencoded`: each property of the body (an object) is a field, written
    /// by its `FieldEncoding`; properties without one are written by their content type (scalars as
    /// text, arrays as one field per element, objects as JSON text).
    case form([String: FieldEncoding] = [:])
    /// `multipart/form-data`: each property of the body (an object) is a part; arrays are one part per
    /// element; `FileUpload` values are file parts, objects JSON parts, scalars text parts.
    case multipart([String: FieldEncoding] = [:])
    /// A `String` body, sent as UTF-8 with `Request.contentType`.
    case text
    /// A `Data` body, sent as it is with `Request.contentType`.
    case binary
}

/// How one property of a form or multipart body is written (OpenAPI's Encoding Object).
public struct FieldEncoding: Hashable, Sendable {
    /// The serialization styles of OpenAPI, for form bodies.
    public enum Style: Hashable, Sendable {
        /// `name=a&name=b` (exploded) or `name=a,b`; an object's properties as fields of their own
        /// (`key=value`) or `name=key,value`.
        case form
        /// Arrays as `name=a b` when not exploded.
        case spaceDelimited
        /// Arrays as `name=a|b` when not exploded.
        case pipeDelimited
        /// Objects as `name[key]=value`, nested ones as `name[key][inner]=value`, arrays as
        /// `name[0]=value` and arrays of objects as `name[0][key]=value`.
        case deepObject
    }

    /// The style of a form field; nil writes the value by `contentType` (or the default for its kind).
    public var style: Style?
    public var explode: Bool
    /// Reserved characters (`:/?[]@!$'()*,;`) are written as they are; `&`, `=`, `+`, `#` and `%`
    /// are still escaped, because they would change what the form says.
    public var allowReserved: Bool
    /// The part's (or field's) content type: `application/json` writes the value as JSON; for a file
    /// part it is the type sent when the `FileUpload` has none (the first, when it lists several).
    public var contentType: String?

    /// `explode` defaults to true for the `form` style and false for the others, as in OpenAPI.
    public init(style: Style? = nil, explode: Bool? = nil, allowReserved: Bool = false, contentType: String? = nil) {
        self.style = style
        self.explode = explode ?? (style == nil || style == .form)
        self.allowReserved = allowReserved
        self.contentType = contentType
    }
}

/// Why a body could not be written.
struct BodyEncodingFailure: Error, CustomStringConvertible {
    var description: String
}

extension BodyEncoding {
    /// The bytes of `body` and its content type (`contentType` for JSON, text and binary bodies).
    /// A file on disk stays a file (`FileUpload.Contents.file`), to be read as it is sent; everything
    /// else is bytes in memory (a multipart body's files read whole: `APIClient` writes such a body to
    /// a temporary file first, and sends that).
    func encode(_ body: any Encodable & Sendable, contentType: String, encoder: JSONEncoder) throws -> (body: FileUpload.Contents, contentType: String) {
        switch self {
        case .json:
            return (.bytes(try encoder.encode(body)), contentType)
        case .text:
            guard let text = body as? String else {
                throw BodyEncodingFailure(description: "a text body must be a String, not \(type(of: body))")
            }
            return (.bytes(Data(text.utf8)), contentType)
        case .binary:
            if let data = body as? Data { return (.bytes(data), contentType) }
            if let file = body as? FileUpload { return (file.contents, file.contentType ?? contentType) }
            if body is ByteStream {
                throw BodyEncodingFailure(description: "a ByteStream is written out by APIClient before it is sent; "
                                          + "urlRequest() cannot send it")
            }
            throw BodyEncodingFailure(description: "a binary body must be Data, FileUpload or ByteStream, not \(type(of: body))")
        case .form(let fields):
            return (.bytes(Data(try FormBody.encode(fields: try Self.topLevelFields(body, "a form"), encodings: fields).utf8)),
                    "application/x-www-form-urlencoded")
        case .multipart(let fields):
            let multipart = try MultipartBody(fields: try Self.topLevelFields(body, "a multipart"), encodings: fields)
            return (.bytes(try multipart.data()), multipart.contentType)
        }
    }

    static func topLevelFields(_ body: any Encodable, _ what: String) throws -> [EncodedValue.Field] {
        let value = try EncodedValue.of(body)
        guard case .object(let fields) = value else {
            throw BodyEncodingFailure(description: "\(what) body must be an object, whose properties are its fields")
        }
        return fields
    }
}

// MARK: - Forms

/// `application/x-www-form-urlencoded`, by OpenAPI's rules for form bodies.
enum FormBody {
    static func encode(fields: [EncodedValue.Field], encodings: [String: FieldEncoding]) throws -> String {
        var pairs: [(name: String, value: String, allowReserved: Bool)] = []
        for field in fields {
            let encoding = encodings[field.key]
            let written = try write(field.key, field.value, encoding)
            pairs += written.map { ($0.name, $0.value, encoding?.allowReserved ?? false) }
        }
        return pairs.map { pair in
            percentEncoded(pair.name, allowReserved: false) + "=" + percentEncoded(pair.value, allowReserved: pair.allowReserved)
        }.joined(separator: "&")
    }

    /// The name-value pairs of one field.
    static func write(_ name: String, _ value: EncodedValue, _ encoding: FieldEncoding?) throws -> [(name: String, value: String)] {
        guard let encoding, let style = encoding.style else {
            return try byContentType(name, value, encoding?.contentType)
        }
        switch (value, style) {
        case (.file, _):
            throw fileInForm(name)
        case (.array, .deepObject), (.object, .deepObject):
            return try deep(name, value)
        case (.array(let elements), _):
            let texts = try elements.map { try text(of: $0, name) }
            guard !encoding.explode else { return texts.map { (name, $0) } }
            let separator = style == .spaceDelimited ? " " : style == .pipeDelimited ? "|" : ","
            return [(name, texts.joined(separator: separator))]
        case (.object(let properties), _):
            if encoding.explode {
                return try properties.flatMap { property -> [(name: String, value: String)] in
                    if case .array(let elements) = property.value {
                        return try elements.map { (property.key, try text(of: $0, property.key)) }
                    }
                    return [(property.key, try text(of: property.value, property.key))]
                }
            }
            let separator = style == .spaceDelimited ? " " : style == .pipeDelimited ? "|" : ","
            return [(name, try properties.flatMap { [$0.key, try text(of: $0.value, $0.key)] }.joined(separator: separator))]
        default:
            return [(name, try text(of: value, name))]
        }
    }

    /// Without a style: scalars as text, arrays as one field per element, objects as JSON text; a
    /// JSON content type writes the whole value as JSON.
    private static func byContentType(_ name: String, _ value: EncodedValue, _ contentType: String?) throws -> [(name: String, value: String)] {
        if let contentType, MediaType.isJSON(contentType) {
            guard !value.containsFile else { throw fileInForm(name) }
            return [(name, value.jsonText)]
        }
        if case .array(let elements) = value {
            return try elements.map { (name, try text(of: $0, name)) }
        }
        return [(name, try text(of: value, name))]
    }

    /// `name[key]=value` for every scalar inside, at any depth; array elements by index.
    private static func deep(_ name: String, _ value: EncodedValue) throws -> [(name: String, value: String)] {
        switch value {
        case .object(let properties):
            return try properties.flatMap { try deep(name + "[" + $0.key + "]", $0.value) }
        case .array(let elements):
            return try elements.enumerated().flatMap { try deep(name + "[\($0.offset)]", $0.element) }
        case .file:
            throw fileInForm(name)
        default:
            return [(name, value.scalarText ?? "")]
        }
    }

    /// A value inside a field: scalars as text, anything else as JSON.
    private static func text(of value: EncodedValue, _ name: String) throws -> String {
        if case .file = value { throw fileInForm(name) }
        return value.scalarText ?? value.jsonText
    }

    private static func fileInForm(_ name: String) -> BodyEncodingFailure {
        BodyEncodingFailure(description: "the field '\(name)' holds a file, which a form-urlencoded body cannot carry; "
                            + "send it as multipart/form-data")
    }

    /// The form rules (WHATWG URL, application/x-www-form-urlencoded): letters, digits and `*-._` as
    /// they are, space as `+`, every other byte as `%XX`.
    static func percentEncoded(_ text: String, allowReserved: Bool) -> String {
        PercentEncoding.encode(text, keeping: allowReserved ? unescapedOrReserved : unescaped, spaceAsPlus: true)
    }

    static let unescaped: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-._".utf8))
    /// RFC 3986's reserved characters that mean nothing to a form (`&`, `=`, `+` and `#` do).
    static let reserved: Set<UInt8> = Set(Array(":/?[]@!$'(),;~".utf8))
    static let unescapedOrReserved = unescaped.union(reserved)
}

extension EncodedValue {
    var containsFile: Bool {
        switch self {
        case .file: return true
        case .array(let elements): return elements.contains { $0.containsFile }
        case .object(let fields): return fields.contains { $0.value.containsFile }
        default: return false
        }
    }
}

// MARK: - Multipart

/// `multipart/form-data` (RFC 7578) by OpenAPI's rules: a part per property, and per element of an
/// array; files as file parts, objects (and anything with a JSON content type) as JSON parts.
struct MultipartBody {
    struct Part {
        var name: String
        var fileName: String?
        var contentType: String?
        var body: FileUpload.Contents
    }

    let boundary: String
    private let parts: [Part]

    init(fields: [EncodedValue.Field], encodings: [String: FieldEncoding]) throws {
        var parts: [Part] = []
        for field in fields {
            let contentType = encodings[field.key]?.contentType
            if case .array(let elements) = field.value, !(contentType.map(MediaType.isJSON) ?? false) {
                parts += elements.map { Self.part(field.key, $0, contentType) }
            } else {
                parts.append(Self.part(field.key, field.value, contentType))
            }
        }
        boundary = try Self.boundary(for: parts)
        self.parts = parts
    }

    var contentType: String { "multipart/form-data; boundary=" + boundary }

    /// Whether a part is a file on disk, read as the body is written.
    var holdsFiles: Bool {
        parts.contains { if case .file = $0.body { true } else { false } }
    }

    /// The whole body in memory (files read whole).
    func data() throws -> Data {
        var data = Data()
        try write { data.append($0) }
        return data
    }

    /// Writes the body piece by piece, files in chunks of 1 MiB: memory holds one chunk at a time.
    func write(_ sink: (Data) throws -> Void) throws {
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(part.name))\""
            if let fileName = part.fileName { head += "; filename=\"\(Self.quoted(fileName))\"" }
            head += "\r\n"
            if let type = part.contentType { head += "Content-Type: \(Self.headerValue(type))\r\n" }
            try sink(Data((head + "\r\n").utf8))
            switch part.body {
            case .bytes(let data): try sink(data)
            case .file(let url): try Self.chunks(of: url, sink)
            }
            try sink(Data("\r\n".utf8))
        }
        try sink(Data("--\(boundary)--\r\n".utf8))
    }

    /// A file's bytes, a chunk at a time.
    private static func chunks(of file: URL, _ sink: (Data) throws -> Void) throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            try sink(chunk)
        }
    }

    /// One part. `contentType` is the encoding's: a list (`image/png, image/jpeg`) names the first.
    private static func part(_ name: String, _ value: EncodedValue, _ contentType: String?) -> Part {
        let declared = contentType.flatMap { $0.split(separator: ",").first }.map { $0.trimmingCharacters(in: .whitespaces) }
        switch value {
        case .file(let file):
            return Part(name: name, fileName: file.fileName ?? name, contentType: file.contentType ?? declared ?? "application/octet-stream",
                        body: file.contents)
        case .array, .object:
            return Part(name: name, contentType: declared ?? "application/json", body: .bytes(Data(value.jsonText.utf8)))
        default:
            if let declared, MediaType.isJSON(declared) {
                return Part(name: name, contentType: declared, body: .bytes(Data(value.jsonText.utf8)))
            }
            // Text parts say nothing of their type unless the encoding does (text/plain is the default).
            let type = declared.flatMap { $0.lowercased().hasPrefix("text/plain") ? nil : $0 }
            return Part(name: name, contentType: type, body: .bytes(Data((value.scalarText ?? "").utf8)))
        }
    }

    /// A boundary that occurs in no part (RFC 2046 §5.1.1: at most 70 characters). It is made from a
    /// hash of the parts (of a file part, its path and size), so the same body is always the same
    /// bytes; a boundary found inside a part is replaced by the next candidate.
    static func boundary(for parts: [Part]) throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        for part in parts {
            mix(part.name.utf8)
            switch part.body {
            case .bytes(let body):
                mix(String(body.count).utf8)
                mix(body.prefix(256))
                mix(body.suffix(256))
            case .file(let url):
                mix(url.path.utf8)
                mix(String(FileSize.of(url) ?? 0).utf8)
            }
        }
        for attempt in 0..<1000 {
            mix(String(attempt).utf8)
            let candidate = "spec2swift-" + String(hash, radix: 16) + "-" + String(attempt)
            let marker = Data(candidate.utf8)
            if try !parts.contains(where: { try Self.contains($0.body, marker) }) { return candidate }
        }
        throw BodyEncodingFailure(description: "no multipart boundary could be found that the content does not hold")
    }

    /// Whether `marker` occurs in a part's bytes; a file is searched a chunk at a time, each chunk
    /// beginning with the end of the one before, so that no occurrence falls between two.
    private static func contains(_ body: FileUpload.Contents, _ marker: Data) throws -> Bool {
        switch body {
        case .bytes(let data):
            return data.range(of: marker) != nil
        case .file(let url):
            var carried = Data()
            var found = false
            try chunks(of: url) { chunk in
                guard !found else { return }
                let window = carried + chunk
                found = window.range(of: marker) != nil
                carried = window.suffix(marker.count - 1)
            }
            return found
        }
    }

    /// A name or file name inside quotes, as HTML forms write them: `"` as `%22`, CR as `%0D`, LF as `%0A`.
    static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// A header value without line breaks, which would start another header.
    static func headerValue(_ text: String) -> String {
        String(text.map { $0 == "\r" || $0 == "\n" ? " " : $0 })
    }
}

/// What a media type is, by its name.
enum MediaType {
    /// `application/json`, `text/json` and `<anything>/<anything>+json`, with or without parameters.
    static func isJSON(_ mediaType: String) -> Bool {
        let base = essence(mediaType)
        return base == "application/json" || base == "text/json" || base.hasSuffix("+json")
    }

    /// The type and subtype, lower-cased, without parameters.
    static func essence(_ mediaType: String) -> String {
        (mediaType.split(separator: ";").first.map(String.init) ?? mediaType).trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The `charset` parameter, lower-cased.
    static func charset(_ mediaType: String) -> String? {
        for parameter in mediaType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "charset" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
            }
        }
        return nil
    }
}
