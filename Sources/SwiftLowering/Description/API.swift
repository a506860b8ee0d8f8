import APIModel

/// The Swift side of one API: every declaration, operation and helper with its resolved names and
/// structured types, and everything the printer has to choose between already chosen. Made by
/// `Lowering.lower`; printed by `SwiftEmitter`.
public struct SwiftAPI: Hashable, Sendable {
    /// The namespace enum (`Gcore`).
    public var namespace: String
    public var version: String?
    public var documentation: Documentation
    /// At least one; when the input names none, one empty placeholder (see `SwiftServer.isPlaceholder`).
    public var servers: [SwiftServer]
    public var authSchemes: [SwiftAuthScheme]
    public var envelope: SwiftEnvelope?
    public var longRunning: SwiftLongRunning?
    /// The API's background tasks, when its profile declares them.
    public var backgroundTasks: SwiftBackgroundTasks? = nil
    /// Top-level types, sorted by their model names.
    public var types: [SwiftDeclaration]
    /// Operations of no group, declared on the namespace; sorted by function name.
    public var ungroupedOperations: [SwiftOperation]
    /// Sorted by tag.
    public var groups: [SwiftOperationGroup]
    /// Whether the namespace's file (ungrouped operations, the envelope) uses Foundation.
    public var namespaceImportsFoundation: Bool
    /// The constant that tells the client the shape of the API's error bodies, when its profile declares one.
    public var errorShape: SwiftErrorShape? = nil
    /// The access level every generated declaration is printed with.
    public var access: AccessLevel = .public
    /// The column a signature or a call is wrapped before, one parameter a line, when it would reach
    /// past it (indentation included).
    public var lineWidth: Int = Layout.lineWidth

    /// Every operation, ungrouped ones first.
    public var operations: [SwiftOperation] {
        ungroupedOperations + groups.flatMap(\.operations)
    }
}

/// How generated code is laid out: lowering's decision, which the printer only follows.
public enum Layout {
    /// 120 columns, as the Swift projects whose style the output follows (swift-format's default is 100;
    /// the runtime and the generator are written to 120 too).
    public static let lineWidth = 120
}

/// `static let <name> = ProviderMessage.Shape(list:message:code:)` on the namespace; key paths as the input spells them.
public struct SwiftErrorShape: Hashable, Sendable {
    public var name: String
    public var list: [String]?
    public var message: [String]
    public var code: [String]?
}

/// A base URL, as a static constant on the namespace.
public struct SwiftServer: Hashable, Sendable {
    public var name: String
    public var url: String
    public var documentation: Documentation
    /// The input names no server: the constant is empty, and callers set `APIClient.baseURL`.
    public var isPlaceholder: Bool
}

/// One way to authenticate, as a function on `Namespace.Auth` that returns an `Authentication`.
public struct SwiftAuthScheme: Hashable, Sendable {
    public struct Credential: Hashable, Sendable {
        /// The function's parameter.
        public var label: String
        /// The header or query parameter that carries it.
        public var wireName: String
        /// Text before the credential (`Bearer `).
        public var prefix: String
        /// The credential's name in the input (for documentation).
        public var credential: String
        public var location: AuthScheme.Header.Location
    }

    public var name: String
    public var documentation: Documentation
    /// HTTP basic authentication (`username`, `password`); `credentials` is empty.
    public var basic: Bool
    public var credentials: [Credential]
}

/// The generic wrapper around every response, `Envelope<Result>`.
public struct SwiftEnvelope: Hashable, Sendable {
    /// How `unwrap()` tells failure: a boolean property that is `false` when the call failed.
    public struct SuccessCheck: Hashable, Sendable {
        public var property: String
        /// The property is optional, so the check is `!= false`.
        public var optional: Bool
    }

    public var name: String
    /// The properties other than the result.
    public var properties: [SwiftProperty]
    /// The operation's result, of the envelope's type parameter `Result`; nil when the answer has none.
    public var result: SwiftProperty
    public var success: SuccessCheck?
    public var documentation: Documentation
    public var origin: Origin
}
