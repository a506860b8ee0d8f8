/// One HTTP operation.
public struct Operation: Hashable, Sendable {
    /// A unique, stable identifier (the OpenAPI `operationId`, or the descriptor's operation name).
    public var id: String
    /// A preferred name for the generated function, in words or any case (`Get secret`, `listSecrets`).
    public var nameHint: String?
    public var documentation: Documentation
    /// The namespace the operation is grouped into (the first OpenAPI tag); nil for none.
    public var group: String? { tags.first }
    /// Every tag of the operation; filters select by any of them.
    public var tags: [String]
    /// Upper-case HTTP method.
    public var method: String
    /// The path template under the server's base URL, with `{name}` for each path parameter.
    public var path: String
    /// The name of the server the operation is sent to; nil for the API's first server.
    public var server: String?
    public var parameters: [Parameter]
    public var requestBody: RequestBody?
    public var response: Response
    public var pagination: Pagination?
    /// The answer holds the IDs of background tasks (`APIDefinition.backgroundTasks`) to wait for.
    public var waitsForTasks = false
    public var deprecated: Bool
    public var origin: Origin
    /// The function name an API profile gives the operation, used as it is.
    public var rename: Rename?

    public init(id: String, nameHint: String? = nil, documentation: Documentation = Documentation(), tags: [String] = [],
                method: String, path: String, server: String? = nil, parameters: [Parameter] = [],
                requestBody: RequestBody? = nil, response: Response, pagination: Pagination? = nil,
                deprecated: Bool = false, origin: Origin, rename: Rename? = nil) {
        self.id = id
        self.nameHint = nameHint
        self.documentation = documentation
        self.tags = tags
        self.method = method
        self.path = path
        self.server = server
        self.parameters = parameters
        self.requestBody = requestBody
        self.response = response
        self.pagination = pagination
        self.deprecated = deprecated
        self.origin = origin
        self.rename = rename
    }
}

extension Operation {
    /// Every type the operation's parameters, body and response mention.
    public var typeReferences: [TypeRef] {
        parameters.map(\.type) + (requestBody?.types ?? []) + (response.type.map { [$0] } ?? [])
            + (response.stream?.itemType.map { [$0] } ?? [])
    }
}

public struct Parameter: Hashable, Sendable {
    public enum Location: String, Hashable, Sendable {
        case path, query, header
    }

    /// How a query value is written.
    public enum Encoding: Hashable, Sendable {
        /// `name=value`; arrays repeat the name (`tag=a&tag=b`).
        case form
        /// Arrays as one value, items joined by the delimiter (`tag=a,b`; OpenAPI `explode: false`,
        /// `spaceDelimited`, `pipeDelimited`).
        case delimited(Delimiter)
        /// The value as JSON text (OpenAPI `content: application/json`, or `contentSchema`).
        case json
        /// An object's properties as `name[key]=value` (OpenAPI `style: deepObject`).
        case deepObject
    }

    /// What joins the items of an array sent as one query value.
    public enum Delimiter: String, Hashable, Sendable {
        case comma = ",", space = " ", pipe = "|"
    }

    /// The name on the wire.
    public var name: String
    public var location: Location
    public var type: TypeRef
    public var required: Bool
    public var encoding: Encoding
    public var documentation: Documentation
    public var deprecated: Bool
    public var defaultValue: JSONValue?
    public var origin: Origin

    public init(name: String, location: Location, type: TypeRef, required: Bool, encoding: Encoding = .form,
                documentation: Documentation = Documentation(), deprecated: Bool = false, defaultValue: JSONValue? = nil,
                origin: Origin) {
        self.name = name
        self.location = location
        self.type = type
        self.required = required
        self.encoding = encoding
        self.documentation = documentation
        self.deprecated = deprecated
        self.defaultValue = defaultValue
        self.origin = origin
    }
}

/// What kind of body a media type carries, and so how it is written or read.
public enum BodyFormat: Hashable, Sendable {
    /// `application/json`, `text/json`, `*/*+json`: the schema's type, as JSON.
    case json
    /// `application/x-www-form-urlencoded`: the schema's properties as fields.
    case form
    /// `multipart/form-data`: the schema's properties as parts.
    case multipart
    /// Text (`text/*`, or a `string` schema without a binary format): a `String`.
    case text
    /// Anything else: bytes.
    case binary

    /// The format in one word (`json`, `form`, `multipart`, `text`, `binary`), for names made from it.
    public var word: String {
        switch self {
        case .json: "json"
        case .form: "form"
        case .multipart: "multipart"
        case .text: "text"
        case .binary: "binary"
        }
    }
}

/// How one property of a form or multipart body is written: OpenAPI's Encoding Object.
public struct PropertyEncoding: Hashable, Sendable {
    public enum Style: String, Hashable, Sendable {
        case form, spaceDelimited, pipeDelimited, deepObject
    }

    /// The property's name on the wire.
    public var property: String
    public var contentType: String?
    public var style: Style?
    public var explode: Bool?
    public var allowReserved: Bool?

    public init(property: String, contentType: String? = nil, style: Style? = nil, explode: Bool? = nil, allowReserved: Bool? = nil) {
        self.property = property
        self.contentType = contentType
        self.style = style
        self.explode = explode
        self.allowReserved = allowReserved
    }
}

/// One way of sending a request body: a format, the media types the input lists for it, and the
/// schema's type for JSON, form and multipart bodies.
public struct BodyContent: Hashable, Sendable {
    public var format: BodyFormat
    /// The media types of this format, in the input's order (the first is sent unless the caller
    /// chooses another); never empty.
    public var mediaTypes: [String]
    /// The schema's type (JSON, form and multipart); text is a `String` and binary `Data` whatever
    /// their schema says.
    public var type: TypeRef?
    /// Per property, for form and multipart bodies, sorted by property name.
    public var encodings: [PropertyEncoding]

    public init(format: BodyFormat, mediaTypes: [String], type: TypeRef? = nil, encodings: [PropertyEncoding] = []) {
        self.format = format
        self.mediaTypes = mediaTypes
        self.type = type
        self.encodings = encodings
    }
}

public struct RequestBody: Hashable, Sendable {
    /// One per format, in the order the input first lists each; never empty.
    public var contents: [BodyContent]
    public var required: Bool
    public var documentation: Documentation

    /// A body of one media type, JSON unless said otherwise; text and bytes have no schema type.
    public init(type: TypeRef, required: Bool, contentType: String = "application/json",
                documentation: Documentation = Documentation()) {
        let format = MediaTypes.format(of: contentType)
        self.init(contents: [BodyContent(format: format, mediaTypes: [contentType],
                                         type: format == .text || format == .binary ? nil : type)],
                  required: required, documentation: documentation)
    }

    public init(contents: [BodyContent], required: Bool, documentation: Documentation = Documentation()) {
        self.contents = contents
        self.required = required
        self.documentation = documentation
    }

    /// The schemas' types of every content.
    public var types: [TypeRef] { contents.compactMap(\.type) }
}

/// What a successful call answers.
public struct Response: Hashable, Sendable {
    /// How the answer's body is read.
    public enum Media: Hashable, Sendable {
        /// As JSON of `type` (or not at all when `type` is nil).
        case json
        /// As text, asking for these media types.
        case text([String])
        /// As bytes, asking for these media types.
        case binary([String])
    }

    /// The success status codes the input lists (`200`, `204`, `2XX`).
    public var statusCodes: [String]
    /// The JSON body's type; nil when the answer has no JSON body (or none the input describes).
    public var type: TypeRef?
    public var media: Media
    public var documentation: Documentation
    /// The answer as a stream of items, when the success response lists a streaming media type
    /// (`text/event-stream`, JSON Lines, JSON text sequences) beside or instead of a buffered one.
    public var stream: Stream? = nil

    /// A streamed answer: how it is framed, the media type it is asked for by, and one item's type
    /// (nil: any JSON for JSON items, text for events).
    public struct Stream: Hashable, Sendable {
        public enum Format: String, Hashable, Sendable {
            case serverSentEvents, jsonLines, jsonSequence
        }

        public var format: Format
        public var mediaType: String
        public var itemType: TypeRef?

        public init(format: Format, mediaType: String, itemType: TypeRef?) {
            self.format = format
            self.mediaType = mediaType
            self.itemType = itemType
        }
    }

    public init(statusCodes: [String], type: TypeRef?, media: Media = .json, documentation: Documentation = Documentation()) {
        self.statusCodes = statusCodes
        self.type = type
        self.media = media
        self.documentation = documentation
    }
}

/// How a list operation is walked a page at a time: the parameter that asks for a page, and where the
/// answer holds the items and what comes next. Key paths are as the input writes them (`result_info.total_pages`).
public struct Pagination: Hashable, Sendable {
    public enum Style: Hashable, Sendable {
        /// Page numbers from 1 in `parameter`; `totalPages` is in the answer's envelope (or the answer),
        /// and the items are the answer (or are under `items`).
        case pageNumber(parameter: String, totalPages: [String], items: [String]?)
        /// The number of items to skip in `parameter`; the answer holds the items and, when `total` is
        /// given, how many there are in all.
        case offset(parameter: String, items: [String], total: [String]?)
        /// The token of the page in `parameter` (none for the first); the answer holds the items and
        /// the token of the next page, empty or absent on the last.
        case token(parameter: String, items: [String], nextToken: [String])

        /// The query parameter that asks for a page.
        public var parameter: String {
            switch self {
            case .pageNumber(let parameter, _, _), .offset(let parameter, _, _), .token(let parameter, _, _): parameter
            }
        }
    }

    public var style: Style
    /// Where the rule that gave the operation its paging stands.
    public var origin: Origin?

    public init(_ style: Style, origin: Origin? = nil) {
        self.style = style
        self.origin = origin
    }

    /// Page numbers, with the number of pages in the response envelope.
    public init(pageParameter: String, totalPagesPath: [String]) {
        self.init(.pageNumber(parameter: pageParameter, totalPages: totalPagesPath, items: nil))
    }
}

extension Operation {
    /// The most words a summary may have and still name what is generated for its operation: Gcore
    /// Cloud's longest has 9 ("Share keypair to view for all users in project"); one of more reads as
    /// a sentence, not a name (some documents put a paragraph there).
    public static let maxSummaryWords = 10

    /// `summary` as a name hint for the operation's function and its inline types, when it is short
    /// enough to be a name; nil for a longer (or empty) one, and the operation id names them instead.
    public static func nameHint(summary: String?) -> String? {
        guard let summary else { return nil }
        let words = summary.split(whereSeparator: \.isWhitespace).count
        return words > 0 && words <= maxSummaryWords ? summary : nil
    }
}
