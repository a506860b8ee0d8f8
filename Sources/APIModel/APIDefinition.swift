/// Everything generation needs to know about one API. Both frontends produce this; lowering
/// (`SwiftLowering`) reads nothing else.
public struct APIDefinition: Hashable, Sendable {
    /// The namespace the API is generated into, in the input's spelling (`Gcore`, `Lockbox`).
    public var name: String
    public var title: String
    public var version: String?
    public var documentation: Documentation
    public var servers: [Server]
    public var authSchemes: [AuthScheme]
    /// The wrapper around every response body, when the API has one (Cloudflare).
    public var envelope: Envelope?
    /// How the API's long-running operations are polled, when it has them.
    public var longRunningOperations: LongRunningOperations?
    /// How the API's background tasks are polled, when a profile declares them.
    public var backgroundTasks: BackgroundTasks?
    /// The shape of the API's error bodies, when a profile declares it.
    public var errorShape: ErrorShape?
    /// The `data` of a Server-Sent Event that ends the stream instead of being an item (a profile's `streams`).
    public var streamTerminator: String? = nil
    /// The header that carries an idempotency key on every POST and PATCH (a profile's `idempotency-key`).
    public var idempotencyKeyHeader: String? = nil
    public var operations: [Operation]
    /// The ids of operations the frontend left out untranslated because the options exclude them; filters
    /// may still name them.
    public var omittedOperations: [String] = []
    /// Top-level types, sorted by name.
    public var types: [TypeDeclaration]
    public var origin: Origin

    public init(name: String, title: String, version: String? = nil, documentation: Documentation = Documentation(),
                servers: [Server], authSchemes: [AuthScheme], envelope: Envelope? = nil,
                longRunningOperations: LongRunningOperations? = nil, operations: [Operation], types: [TypeDeclaration],
                origin: Origin) {
        self.name = name
        self.title = title
        self.version = version
        self.documentation = documentation
        self.servers = servers
        self.authSchemes = authSchemes
        self.envelope = envelope
        self.longRunningOperations = longRunningOperations
        self.errorShape = nil
        self.operations = operations
        self.types = types
        self.origin = origin
    }
}

/// A base URL. The first server of an API is where operations go unless they name another one.
public struct Server: Hashable, Sendable {
    /// A short name operations use to pick this server (`default`, `payload`).
    public var name: String
    public var url: String
    public var documentation: Documentation

    public init(name: String, url: String, documentation: Documentation = Documentation()) {
        self.name = name
        self.url = url
        self.documentation = documentation
    }
}

/// One way to authenticate: headers (or query parameters) that each carry a credential with an
/// optional prefix, or HTTP basic authentication.
public struct AuthScheme: Hashable, Sendable {
    public struct Header: Hashable, Sendable {
        public enum Location: Hashable, Sendable {
            case header, query
        }

        public var name: String
        /// Text before the credential (`Bearer `, `APIKey `).
        public var prefix: String
        /// The name of the credential, which becomes the parameter name (`token`, `email`).
        public var credential: String
        public var location: Location

        public init(name: String, prefix: String = "", credential: String, location: Location = .header) {
            self.name = name
            self.prefix = prefix
            self.credential = credential
            self.location = location
        }
    }

    public var name: String
    public var headers: [Header]
    /// HTTP basic authentication (`Authorization: Basic base64(username:password)`); `headers` is empty.
    public var basic: Bool
    public var documentation: Documentation

    public init(name: String, headers: [Header], basic: Bool = false, documentation: Documentation = Documentation()) {
        self.name = name
        self.headers = headers
        self.basic = basic
        self.documentation = documentation
    }
}

/// A wrapper object around every response: the operation's result sits under `resultKey`, and the
/// other properties report success, errors and paging.
public struct Envelope: Hashable, Sendable {
    /// The name of the generic envelope type.
    public var name: String
    public var resultKey: String
    /// A boolean property that is `false` when the call failed.
    public var successKey: String?
    /// The envelope's properties other than the result.
    public var properties: [Property]
    public var documentation: Documentation
    public var origin: Origin

    public init(name: String, resultKey: String, successKey: String?, properties: [Property],
                documentation: Documentation = Documentation(), origin: Origin) {
        self.name = name
        self.resultKey = resultKey
        self.successKey = successKey
        self.properties = properties
        self.documentation = documentation
        self.origin = origin
    }
}

/// An API's long-running operations: the type mutations return, which of its properties say what it
/// is and how it ended, and the operation that fetches it again.
public struct LongRunningOperations: Hashable, Sendable {
    public var type: TypeName
    /// A string property with the operation's ID.
    public var idProperty: String
    /// A boolean property that is true once the operation has finished.
    public var doneProperty: String
    /// A property, or a key of a one-of group, that holds the error of a failed operation.
    public var errorProperty: String
    /// The id of the operation that fetches an operation by its ID (its only path parameter).
    public var pollOperation: String
    public var origin: Origin

    public init(type: TypeName, idProperty: String, doneProperty: String, errorProperty: String, pollOperation: String,
                origin: Origin) {
        self.type = type
        self.idProperty = idProperty
        self.doneProperty = doneProperty
        self.errorProperty = errorProperty
        self.pollOperation = pollOperation
        self.origin = origin
    }
}

/// Where an error body holds its messages, as key paths: a list of them (or the body itself), and in
/// each the text and the code.
public struct ErrorShape: Hashable, Sendable {
    public var list: [String]?
    public var message: [String]
    public var code: [String]?
    public var origin: Origin

    public init(list: [String]? = nil, message: [String], code: [String]? = nil, origin: Origin) {
        self.list = list
        self.message = message
        self.code = code
        self.origin = origin
    }
}
