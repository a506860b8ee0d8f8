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

public struct Parameter: Hashable, Sendable {
    public enum Location: String, Hashable, Sendable {
        case path, query, header
    }

    /// How a query value is written.
    public enum Encoding: Hashable, Sendable {
        /// `name=value`; arrays repeat the name (`tag=a&tag=b`).
        case form
        /// Arrays as one comma-separated value (`tag=a,b`; OpenAPI `explode: false`).
        case commaSeparated
        /// The value as JSON text (OpenAPI `content: application/json`, or `contentSchema`).
        case json
        /// An object's properties as `name[key]=value` (OpenAPI `style: deepObject`).
        case deepObject
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

public struct RequestBody: Hashable, Sendable {
    public var type: TypeRef
    public var required: Bool
    public var contentType: String
    public var documentation: Documentation

    public init(type: TypeRef, required: Bool, contentType: String = "application/json",
                documentation: Documentation = Documentation()) {
        self.type = type
        self.required = required
        self.contentType = contentType
        self.documentation = documentation
    }
}

/// What a successful call answers.
public struct Response: Hashable, Sendable {
    /// The success status codes the input lists (`200`, `204`, `2XX`).
    public var statusCodes: [String]
    /// The body's type; nil when the answer has no body (or none the input describes).
    public var type: TypeRef?
    public var documentation: Documentation

    public init(statusCodes: [String], type: TypeRef?, documentation: Documentation = Documentation()) {
        self.statusCodes = statusCodes
        self.type = type
        self.documentation = documentation
    }
}

/// Page-number paging: the operation takes a page parameter, and the answer tells how many pages there are.
public struct Pagination: Hashable, Sendable {
    /// The query parameter holding the 1-based page number.
    public var pageParameter: String
    /// The key path, in the response envelope, of the total number of pages (`result_info.total_pages`).
    public var totalPagesPath: [String]

    public init(pageParameter: String, totalPagesPath: [String]) {
        self.pageParameter = pageParameter
        self.totalPagesPath = totalPagesPath
    }
}
