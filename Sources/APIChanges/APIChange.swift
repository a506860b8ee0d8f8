/// One change to the generated Swift API, as callers of the client see it.
public struct APIChange: Hashable, Sendable {
    public enum Action: String, Hashable, Sendable, CaseIterable {
        case added, removed, changed
    }

    /// What about a construct changed.
    public enum Aspect: String, Hashable, Sendable, CaseIterable {
        /// A struct became an enum, an operation a paging helper...
        case shape
        /// The Swift type (or, for a function, what it returns; for authentication, its labels).
        case type
        /// Whether callers may leave it out.
        case optionality = "optional"
        /// Whether `null` is a value (and the Swift type with it: `T?`, `Nullable<T>?`).
        case nullability = "nullable"
        /// A `const` property became stored, or the reverse.
        case constant
        /// The order of a function's parameters or of a struct's initializer arguments (or of cases).
        case order
        case deprecated
        /// The documented default value.
        case defaultValue = "default"
        /// How values travel: wire names, tags, method, path, encodings. Callers' source never sees it.
        case wire
    }

    /// One aspect's old and new value, as text.
    public struct Difference: Hashable, Sendable {
        public var aspect: Aspect
        /// What changed in words: `now optional`, `type changed`, `reordered`.
        public var phrase: String
        public var old: String?
        public var new: String?
    }

    /// The top-level declaration whose file holds the construct.
    public enum Container: Hashable, Sendable {
        /// The namespace's own file: servers, authentication, ungrouped operations, the envelope, `wait(for:)`.
        case namespace
        /// A top-level type's file (nested types and members included), by qualified name.
        case type(String)
        /// An operation group's file, by qualified name.
        case group(String)
    }

    public var kind: ManifestEntry.Kind
    public var action: Action
    /// The Swift name, qualified from the namespace.
    public var name: String
    /// How the report shows the construct: a function with its labels, a parameter in its function.
    public var display: String
    /// What the construct is, in words (`property`, `enum case`, `paging helper`).
    public var what: String
    /// The JSON pointer it comes from (the new one, or the old one for what was removed).
    public var pointer: String?
    /// What carries the type it belongs to (its own, for a type), as existing callers use it.
    public var carriers: ManifestEntry.Carriers?
    /// The declared form of an added or removed construct (`String?`, `-> Request<Gcore.Secret>`).
    public var declaration: String?
    /// For changes: each aspect that changed.
    public var differences: [Difference]
    /// Whether existing callers' source may no longer compile.
    public var breaking: Bool
    /// Why it breaks callers, or why it does not.
    public var reason: String
    public var container: Container
}

/// A construct whose documentation (or spec pointer, or the API version) changed, and nothing else
/// callers see.
public struct DocumentationChange: Hashable, Sendable {
    public var kind: ManifestEntry.Kind
    public var name: String
    public var pointer: String?
    /// What changed: `documentation`, `pointer`, `version 1.0 -> 1.1`.
    public var detail: String
    public var container: APIChange.Container
}

/// Every change between two versions of one API.
public struct APIChangeReport: Hashable, Sendable {
    public var namespace: String
    /// Source-breaking changes first, then compatible ones; each part ordered by Swift name.
    public var changes: [APIChange]
    /// Ordered by Swift name.
    public var documentation: [DocumentationChange]

    public var breaking: [APIChange] { changes.filter(\.breaking) }
    public var compatible: [APIChange] { changes.filter { !$0.breaking } }
    public var isEmpty: Bool { changes.isEmpty && documentation.isEmpty }
}
