/// What an API profile adds to an input that its document cannot say: Swift names for its types and
/// operations, and documentation that replaces the input's own where that misleads.
///
/// A profile sits in an OpenAPI document's options file (`profile:`, or a file named by `profile-file:`
/// or `--profile`), or at the top level of a descriptor; `FrontendSupport` reads it, and
/// `APIDefinition.applying(_:)` checks its references and applies it. The keys are documented in
/// `docs/Descriptors.md`.
public struct APIProfile: Hashable, Sendable {
    /// One entry of the profile about one construct of the input, named as the input names it.
    public struct Entry<Value: Hashable & Sendable>: Hashable, Sendable {
        /// The input's name: a type (`SecretSerializer`, nested ones as `Outer.Inner`), an operation id,
        /// or an auth scheme.
        public var target: String
        public var value: Value
        public var origin: Origin

        public init(target: String, value: Value, origin: Origin) {
            self.target = target
            self.value = value
            self.origin = origin
        }
    }

    /// Swift names for types, by the input's type name.
    public var typeRenames: [Entry<String>]
    /// Swift function names for operations, by operation id.
    public var operationRenames: [Entry<String>]
    public var typeDocumentation: [Entry<Documentation>]
    public var operationDocumentation: [Entry<Documentation>]
    public var authDocumentation: [Entry<Documentation>]
    /// The shape of the API's error bodies; the client then reads exactly that shape.
    public var errorShape: ErrorShape?
    /// The `data` of a Server-Sent Event that ends the API's event streams (`streams: {terminator: "[DONE]"}`).
    public var streamTerminator: String?
    /// The header every non-idempotent call carries a key in (`idempotency-key: Idempotency-Key`), for
    /// APIs whose document does not list it as a parameter.
    public var idempotencyKeyHeader: String?
    /// Which operations page, by the shape of their answers.
    public var paging: [PagingRule] = []
    /// How the API's background tasks are polled.
    public var tasks: BackgroundTasks?
    /// The API's long-running operation type and how it is polled.
    public var longRunning: LongRunningProfile?
    /// The wrapper around every JSON answer.
    public var envelope: EnvelopeRule?

    public init(typeRenames: [Entry<String>] = [], operationRenames: [Entry<String>] = [],
                typeDocumentation: [Entry<Documentation>] = [], operationDocumentation: [Entry<Documentation>] = [],
                authDocumentation: [Entry<Documentation>] = [], errorShape: ErrorShape? = nil) {
        self.typeRenames = typeRenames
        self.operationRenames = operationRenames
        self.typeDocumentation = typeDocumentation
        self.operationDocumentation = operationDocumentation
        self.authDocumentation = authDocumentation
        self.errorShape = errorShape
    }

    public var isEmpty: Bool { self == APIProfile() }
}

/// A Swift name the input's author chose for a construct, with where it was chosen; lowering uses it
/// as it is, and reports a name that is taken at `origin`.
public struct Rename: Hashable, Sendable {
    public var name: String
    public var origin: Origin

    public init(name: String, origin: Origin) {
        self.name = name
        self.origin = origin
    }
}

extension APIDefinition {
    /// This API with `profile` applied; a reference to a type, operation or auth scheme the API does
    /// not have is an error at the profile's entry.
    public func applying(_ profile: APIProfile) -> (APIDefinition, [Diagnostic]) {
        guard !profile.isEmpty else { return (self, []) }
        var diagnostics: [Diagnostic] = []
        var result = self
        if let shape = profile.errorShape { result.errorShape = shape }
        if let terminator = profile.streamTerminator { result.streamTerminator = terminator }
        if let header = profile.idempotencyKeyHeader { result.idempotencyKeyHeader = header }
        let typeNames = Set(types.flatMap(\.flattened).map(\.name))
        func known<Value>(_ entries: [APIProfile.Entry<Value>], in names: Set<String>, what: String,
                          listing: [String]) -> [APIProfile.Entry<Value>] {
            entries.filter { entry in
                guard !names.contains(entry.target) else { return true }
                let shown = listing.count > 12 ? listing.prefix(12).joined(separator: ", ") + ", ..." : listing.joined(separator: ", ")
                diagnostics.append(.error("the profile names the \(what) '\(entry.target)', which the input does not have; "
                                          + "check the spelling (the \(what)s are: \(shown))",
                                          at: entry.origin.location, pointer: entry.origin.pointer))
                return false
            }
        }
        let typeListing = types.map(\.name.description)
        let typeKeys = Set(typeNames.map(\.description))
        let operationListing = operations.map(\.id)
        let operationKeys = Set(operationListing)
        let schemeListing = authSchemes.map(\.name)

        var typeRenames: [TypeName: Rename] = [:]
        for entry in known(profile.typeRenames, in: typeKeys, what: "type", listing: typeListing) {
            typeRenames[TypeName(entry.target.split(separator: ".").map(String.init))] = Rename(name: entry.value, origin: entry.origin)
        }
        var typeDocs: [TypeName: Documentation] = [:]
        for entry in known(profile.typeDocumentation, in: typeKeys, what: "type", listing: typeListing) {
            typeDocs[TypeName(entry.target.split(separator: ".").map(String.init))] = entry.value
        }
        func apply(_ declaration: TypeDeclaration) -> TypeDeclaration {
            var declaration = declaration
            if let rename = typeRenames[declaration.name] { declaration.rename = rename }
            if let documentation = typeDocs[declaration.name] { declaration.documentation = documentation }
            declaration.nested = declaration.nested.map(apply)
            return declaration
        }
        result.types = types.map(apply)

        var operationRenames: [String: Rename] = [:]
        for entry in known(profile.operationRenames, in: operationKeys, what: "operation", listing: operationListing) {
            operationRenames[entry.target] = Rename(name: entry.value, origin: entry.origin)
        }
        var operationDocs: [String: Documentation] = [:]
        for entry in known(profile.operationDocumentation, in: operationKeys, what: "operation", listing: operationListing) {
            operationDocs[entry.target] = entry.value
        }
        result.operations = operations.map { operation in
            var operation = operation
            if let rename = operationRenames[operation.id] { operation.rename = rename }
            if let documentation = operationDocs[operation.id] { operation.documentation = documentation }
            return operation
        }

        var schemeDocs: [String: Documentation] = [:]
        for entry in known(profile.authDocumentation, in: Set(schemeListing), what: "auth scheme", listing: schemeListing) {
            schemeDocs[entry.target] = entry.value
        }
        result.authSchemes = authSchemes.map { scheme in
            var scheme = scheme
            if let documentation = schemeDocs[scheme.name] { scheme.documentation = documentation }
            return scheme
        }
        // After the renames, which rebuild the operations; the envelope first, because paging may
        // find the number of pages in it.
        let lookup = ShapeLookup(declarations: declarationsByName)
        if let envelope = profile.envelope { result.applying(envelope, lookup: lookup, diagnostics: &diagnostics) }
        result.applying(profile.paging, lookup: lookup, diagnostics: &diagnostics)
        if let tasks = profile.tasks { result.applying(tasks, lookup: lookup, diagnostics: &diagnostics) }
        if let longRunning = profile.longRunning { result.applying(longRunning, lookup: lookup, diagnostics: &diagnostics) }
        return (result, diagnostics)
    }
}
