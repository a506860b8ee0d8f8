import APIModel

/// The operations of one tag, declared on an enum of their own (`Gcore.Secrets`).
public struct SwiftOperationGroup: Hashable, Sendable {
    /// The tag, as the input writes it.
    public var tag: String
    public var name: String
    /// Sorted by function name.
    public var operations: [SwiftOperation]
    public var importsFoundation: Bool
}

/// One operation, as a static function that returns a `Request`.
public struct SwiftOperation: Hashable, Sendable {
    public enum PathPart: Hashable, Sendable {
        case literal(String)
        /// A path parameter's value, by its label, with its name in the input (for the error an empty
        /// value gives).
        case parameter(label: String, name: String)
    }

    /// How the answer's body is read.
    public enum Decoding: Hashable, Sendable {
        /// No body.
        case none
        case json
        /// Inside the API's envelope, by the envelope type's qualified name; unwrapped even without a
        /// result, so that a failure the envelope reports is still an error.
        case enveloped(String)
        /// The body's text (`String`), asking for these media types (`text/plain, text/csv`).
        case text(accept: String)
        /// The body's bytes (`Data`), asking for these media types.
        case data(accept: String)
    }

    public var id: String
    public var name: String
    /// Upper-case.
    public var method: String
    /// The path template as the input writes it (for documentation).
    public var pathTemplate: String
    public var path: [PathPart]
    /// The qualified name of the server constant (`Gcore.defaultServer`).
    public var server: String
    /// In the function's order: path parameters as the path has them, then the required ones, then
    /// those that may be left out.
    public var parameters: [SwiftParameter]
    /// The answer's type (`NoContent` when it has no body).
    public var responseType: SwiftType
    public var decoding: Decoding
    /// The body's content type when it is not `application/json` and the caller does not choose it;
    /// nil for form and multipart bodies, which set their own.
    public var contentType: String?
    /// How the body is written, when it is not JSON.
    public var bodyEncoding: SwiftBodyEncoding? = nil
    public var documentation: Documentation
    public var deprecated: Bool
    public var origin: Origin
    /// The `...Pages` helper, for a paged list.
    public var pages: SwiftPagesFunction?
    /// The qualified name of the API's error shape constant, when its profile declares one.
    public var errorShape: String? = nil
    /// The `...AndWait` helper, for an operation that answers with background tasks.
    public var waiting: SwiftWaitFunction? = nil
    /// The header parameter that carries an idempotency key (`Idempotency-Key`): the client makes one
    /// per call when the caller leaves it out, and then retries the call.
    public var idempotencyKeyHeader: String? = nil
    /// The streaming form, for an operation whose answer may be a stream of items.
    public var stream: SwiftStreamFunction? = nil
}

/// `createStream(...)`: the operation's call, its answer read as a stream of items (`client.stream(_:)`).
public struct SwiftStreamFunction: Hashable, Sendable {
    public var name: String
    public var format: Response.Stream.Format
    /// One item: an event's `data`, a line's or a record's JSON.
    public var itemType: SwiftType
    /// The media type the call asks for (`text/event-stream`).
    public var accept: String
    /// An event `data` that ends the stream (the profile's `streams.terminator`); events only.
    public var terminator: String?
}

/// `createAndWait(..., client:)`: sends the operation, then polls each task its answer names until all
/// have ended (`SwiftBackgroundTasks`).
public struct SwiftWaitFunction: Hashable, Sendable {
    public var name: String
    /// The answer's property holding the task IDs.
    public var idsProperty: String
    public var idsOptional: Bool
}

/// The API's task type conformed to `BackgroundTask`, and how a task is polled.
public struct SwiftBackgroundTasks: Hashable, Sendable {
    /// The task type's qualified name.
    public var type: String
    public var id: SwiftLongRunning.Accessor
    /// The state property; `isEnum` when it is a generated enum (read by its raw value).
    public var state: SwiftLongRunning.Accessor
    public var stateIsEnum: Bool
    /// A string property with a failed task's error text.
    public var error: SwiftLongRunning.Accessor?
    public var finishedStates: [String]
    public var failedStates: [String]
    /// The input's names of the state and created-resources fields, for documentation.
    public var stateKey: String
    public var createdKey: String?
    public var pollOperationID: String
    public var pollContainer: String
    public var pollFunction: String
    public var pollLabel: String
    /// The `...AndWait` helpers' defaults: the pause between polls, and how long they wait in all.
    public var interval: Duration = WaitingDefaults.taskInterval
    public var timeout: Duration = WaitingDefaults.taskTimeout
}

/// What waiting helpers default to when the profile does not say: lowering's decision, which the
/// printer only prints. Background tasks (Gcore's) take seconds to hours; long-running operations
/// (Yandex's) seconds to minutes.
public enum WaitingDefaults {
    public static let taskInterval = Duration.seconds(3)
    public static let taskTimeout = Duration.seconds(7200)
    public static let operationTimeout = Duration.seconds(300)
    public static let operationInitialDelay = Duration.milliseconds(500)
    public static let operationMaxDelay = Duration.seconds(10)
}

/// How a request body that is not JSON is written (`BodyEncoding` in the runtime).
public enum SwiftBodyEncoding: Hashable, Sendable {
    /// Fields by OpenAPI's form rules, with the encodings of the properties that have one.
    case form([SwiftFieldEncoding])
    /// Parts, with the encodings of the properties that have one.
    case multipart([SwiftFieldEncoding])
    /// A `String`, as UTF-8.
    case text
    /// `Data`, as it is.
    case binary
}

/// How one property of a form or multipart body is written (`FieldEncoding` in the runtime): only
/// what differs from the runtime's defaults is set.
public struct SwiftFieldEncoding: Hashable, Sendable {
    /// The property's name on the wire.
    public var property: String
    public var style: PropertyEncoding.Style?
    /// Set only when it is not the style's default (true for `form`, false for the others).
    public var explode: Bool?
    public var allowReserved: Bool
    public var contentType: String?
}

/// A parameter of an operation's function, and where its value goes in the request.
public struct SwiftParameter: Hashable, Sendable {
    public enum Encoding: Hashable, Sendable {
        /// One percent-encoded path segment.
        case path
        case header(name: String)
        case query(name: String, style: QueryStyle)
        /// The body (JSON, form, multipart, text or bytes).
        case body
        /// The body's content type, chosen by the caller among those the operation lists.
        case contentType
    }

    /// How a query value is written.
    public enum QueryStyle: Hashable, Sendable {
        /// `name=value`; arrays repeat the name (`form`, exploded).
        case form
        /// Arrays as one value, items joined by the delimiter (`form` not exploded, `spaceDelimited`,
        /// `pipeDelimited`).
        case delimited(Parameter.Delimiter)
        /// An object's properties as parameters of their own (`form`, exploded, for objects).
        case objectFields
        /// An object's properties as `name[key]=value`.
        case deepObject
        /// The value as JSON text.
        case json
    }

    public var label: String
    /// The declared type (optional when the parameter may be left out).
    public var type: SwiftType
    /// The function's parameter defaults to nil.
    public var isOptional: Bool
    public var documentation: Documentation
    /// The value the server assumes when the parameter is left out (for documentation).
    public var defaultValue: JSONValue?
    public var encoding: Encoding
    /// A string the function's parameter defaults to (a body's first content type).
    public var defaultText: String? = nil
    /// Where the input declares it (nil for the body, which the operation's origin locates).
    public var origin: Origin? = nil
}

/// `listPages(...)`: a paged list operation's parameters without the page's, returning a `PagedRequest`.
public struct SwiftPagesFunction: Hashable, Sendable {
    /// An argument of the call to the list operation: a parameter passed on, or the page's.
    public struct Argument: Hashable, Sendable {
        public var label: String
        public var isPage: Bool
    }

    /// A step of a path into the answer or its envelope (`$0.resultInfo?.totalPages`).
    public struct Step: Hashable, Sendable {
        public var property: String
        /// Reached through an optional (`?.`).
        public var throughOptional: Bool
    }

    /// A path from the answer (or envelope) to a value, and whether the value may be nil.
    public struct Path: Hashable, Sendable {
        /// At least one step.
        public var steps: [Step]
        public var optional: Bool
        /// The input's key path (`result_info.total_pages`), for documentation.
        public var keyPath: [String]
    }

    /// How a count becomes the runtime's `Double?`.
    public enum Conversion: Hashable, Sendable {
        /// Already a `Double` (or `Double?`).
        case none
        /// An integer: `Double(x)`, or `x.map(Double.init)` when optional.
        case integer
    }

    /// A count (of pages or items) and how it becomes a `Double?`.
    public struct Count: Hashable, Sendable {
        public var path: Path
        public var conversion: Conversion
    }

    public enum Style: Hashable, Sendable {
        /// Page numbers, the count of pages in the response envelope (the items are the result).
        case envelopePages(envelope: String, totalPages: Count)
        /// Page numbers, the count of pages and the items in the answer.
        case pages(items: Path, totalPages: Count)
        /// Items skipped, the items and their total count in the answer.
        case offset(items: Path, total: Count?)
        /// Tokens, the items and the next page's token in the answer.
        case token(items: Path, nextToken: Path)
    }

    public var name: String
    public var elementType: SwiftType
    public var parameters: [SwiftParameter]
    public var arguments: [Argument]
    /// The page parameter must be given: `cursor.token ?? ""` instead of `cursor.token`.
    public var pageRequired: Bool
    /// What the list operation's function is declared on (`Cloudflare.Secrets`).
    public var container: String
    public var style: Style
}

/// The API's long-running operation type conformed to `LongRunningOperation`, and `wait(for:client:)`.
public struct SwiftLongRunning: Hashable, Sendable {
    /// A property read by a conformance requirement; `optional` ones fall back to a default.
    public struct Accessor: Hashable, Sendable {
        public var property: String
        public var optional: Bool
    }

    /// Where a failed operation's error is.
    public enum ErrorAccess: Hashable, Sendable {
        /// A property.
        case property(String)
        /// A case of a one-of property.
        case oneOfCase(property: String, case: String, optional: Bool)
    }

    /// The operation type's qualified name.
    public var type: String
    public var operationID: Accessor
    public var isDone: Accessor
    public var error: ErrorAccess
    /// The poll operation: its id, what its function is declared on, its name and the label of its
    /// one path parameter.
    public var pollOperationID: String
    public var pollContainer: String
    public var pollFunction: String
    public var pollLabel: String
    public var pollDeprecated: Bool
    /// `wait(for:client:)`'s defaults: how long it waits in all, and the first and the longest pause.
    public var timeout: Duration = WaitingDefaults.operationTimeout
    public var initialDelay: Duration = WaitingDefaults.operationInitialDelay
    public var maxDelay: Duration = WaitingDefaults.operationMaxDelay
    /// The namespace's error shape constant a failed operation's error is read by; nil when the API declares none.
    public var errorShape: String? = nil
}
