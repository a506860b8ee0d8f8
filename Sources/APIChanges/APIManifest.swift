import APIModel
import SwiftEmitter
import SwiftLowering

/// The Swift API of one namespace as a flat list of constructs, each with the facts that decide
/// whether a change to it breaks callers: its Swift name, the Swift type it is declared with, whether
/// callers may leave it out, what carries it (requests or answers), and, apart from those, how it
/// travels on the wire and a digest of its documentation. Made from the lowered API (`SwiftAPI`),
/// so it holds exactly the names and types the printer prints.
///
/// Entries come in declaration order (a struct's properties as its initializer takes them, a
/// function's parameters as it takes them), so the order of members is part of the manifest.
public struct APIManifest: Hashable, Sendable {
    public var namespace: String
    public var entries: [ManifestEntry]

    public init(namespace: String, entries: [ManifestEntry]) {
        self.namespace = namespace
        self.entries = entries
    }
}

/// One construct of the generated API.
public struct ManifestEntry: Hashable, Sendable {
    /// In the order reports list them: functions first, then types and their members, then the rest.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A function: an operation, its `...Pages` helper, or `wait(for:)`.
        case operation
        /// A parameter of a function.
        case parameter
        /// A struct, enum, union, alias, one-of enum or the envelope.
        case type
        /// A property of a struct (or of the envelope).
        case property
        /// A case of an enum of values.
        case enumCase = "case"
        /// A case of a union or of a one-of enum, with its associated value.
        case member
        /// The enum an operation group's functions are declared on.
        case group
        /// A function on `Namespace.Auth`.
        case auth
        /// A server constant.
        case server
        /// The constant with the shape of the API's error bodies.
        case errorShape
        /// The namespace enum: its documentation and the API version.
        case namespace
    }

    /// What carries a type's values.
    public enum Carriers: String, Hashable, Sendable {
        case requests, answers, both, none

        /// Whether callers build values of the type (a type no operation mentions counts as both).
        public var built: Bool { self != .answers }
        /// Whether callers read values of the type.
        public var read: Bool { self != .requests }
    }

    public var kind: Kind
    /// The Swift name, qualified from the namespace (`Gcore.Secret.algorithm`); a parameter is named
    /// after its function (`Gcore.Secrets.getSecret.secretID`).
    public var name: String
    /// The JSON pointer of the construct in the input.
    public var pointer: String?
    /// Types: what carries their values.
    public var carriers: Carriers?
    /// Types: `struct`, `enum String`, `union`, `typealias`, `wrapper`, `one-of`, `envelope`; functions:
    /// `operation`, `pages`, `wait`, `waits` (an `...AndWait` helper), `tasks` (the task type's conformance),
    /// `stream` (an operation's streaming form).
    public var shape: String?
    /// The Swift type without the `Optional` and `Nullable` the flags below add (for a function, what
    /// it returns; for an authentication function, its labels).
    public var type: String?
    /// The declared type is `Optional`.
    public var optional = false
    /// `null` is a value on the wire.
    public var nullable = false
    /// The declared type is `Nullable<T>?` (absent, `null` and a value kept apart).
    public var threeState = false
    /// Callers may leave it out of the initializer or function (it defaults to nil or empty).
    public var defaulted = false
    /// A `const` property: computed, not in the initializer.
    public var computed = false
    public var deprecated = false
    /// The default value the input documents, as compact JSON.
    public var defaultValue: String?
    /// How it travels: wire names, tags, method and path, encodings. Callers' source never sees it.
    public var wire: String?
    /// A digest of its documentation.
    public var documentation: String?
    /// The namespace: the API version.
    public var version: String?

    public init(kind: Kind, name: String, pointer: String? = nil) {
        self.kind = kind
        self.name = name
        self.pointer = pointer
    }

    /// The key that identifies the construct between two versions.
    var key: String { kind.rawValue + " " + name }

    /// Whether the generated code shows the pointer (in a type's or an operation's documentation), so
    /// that a new pointer alone is a documentation change.
    var showsPointer: Bool {
        (kind == .type && shape != "one-of") || (kind == .operation && shape == "operation")
    }
}

extension APIManifest {
    /// The manifest of a lowered API.
    public init(_ api: SwiftAPI) {
        var builder = ManifestBuilder(namespace: api.namespace)
        builder.add(api)
        self.init(namespace: api.namespace, entries: builder.entries)
    }
}

/// Turns a `SwiftAPI` into entries, in declaration order.
private struct ManifestBuilder {
    let namespace: String
    var entries: [ManifestEntry] = []
    /// The API's task type, which `...AndWait` helpers return an array of.
    var taskType: String?

    func spelling(_ type: SwiftType) -> String { SwiftEmitter.spelling(type) }

    mutating func add(_ api: SwiftAPI) {
        var root = ManifestEntry(kind: .namespace, name: namespace)
        root.documentation = Digest.of(api.documentation)
        root.version = api.version
        entries.append(root)
        for server in api.servers {
            var entry = ManifestEntry(kind: .server, name: namespace + "." + server.name)
            entry.wire = server.isPlaceholder ? "no server" : server.url
            entry.documentation = Digest.of(texts: [server.documentation.details])
            entries.append(entry)
        }
        if let shape = api.errorShape {
            var entry = ManifestEntry(kind: .errorShape, name: namespace + "." + shape.name)
            entry.wire = [shape.list.map { "list " + $0.joined(separator: ".") }, "message " + shape.message.joined(separator: "."),
                          shape.code.map { "code " + $0.joined(separator: ".") }].compactMap { $0 }.joined(separator: ", ")
            entries.append(entry)
        }
        for scheme in api.authSchemes {
            var entry = ManifestEntry(kind: .auth, name: namespace + ".Auth." + scheme.name)
            let labels = scheme.basic ? ["username", "password"]
                : scheme.credentials.count == 1 ? ["_"] : scheme.credentials.map(\.label)
            entry.type = "(" + labels.map { $0 + ":" }.joined() + ")"
            entry.wire = scheme.basic ? "basic"
                : scheme.credentials.map { "\($0.location == .query ? "query" : "header") \($0.wireName): \($0.prefix)<\($0.credential)>" }
                    .joined(separator: ", ")
            entry.documentation = Digest.of(texts: [scheme.documentation.details])
            entries.append(entry)
        }
        if let envelope = api.envelope {
            let name = namespace + "." + envelope.name
            var entry = ManifestEntry(kind: .type, name: name, pointer: envelope.origin.pointer.string)
            entry.carriers = .answers
            entry.shape = "envelope"
            entry.wire = envelope.success.map { "success " + $0.property }
            entry.documentation = Digest.of(envelope.documentation)
            entries.append(entry)
            for property in envelope.properties + [envelope.result] {
                add(property, owner: name)
            }
        }
        if let longRunning = api.longRunning {
            var entry = ManifestEntry(kind: .operation, name: namespace + ".wait")
            entry.shape = "wait"
            entry.type = longRunning.type
            entry.deprecated = longRunning.pollDeprecated
            entry.wire = "polls \(longRunning.pollContainer).\(longRunning.pollFunction)(\(longRunning.pollLabel):) "
                + "(\(longRunning.pollOperationID)); id \(longRunning.operationID.property), done \(longRunning.isDone.property), "
                + "error \(Self.describe(longRunning.error))"
            entries.append(entry)
        }
        if let tasks = api.backgroundTasks {
            taskType = tasks.type
            var entry = ManifestEntry(kind: .operation, name: tasks.type + ".taskState")
            entry.shape = "tasks"
            entry.type = "BackgroundTaskState"
            entry.wire = "polls \(tasks.pollContainer).\(tasks.pollFunction)(\(tasks.pollLabel):) (\(tasks.pollOperationID)); "
                + "id \(tasks.id.property), state \(tasks.state.property), finished " + tasks.finishedStates.joined(separator: "|")
                + ", failed " + tasks.failedStates.joined(separator: "|") + (tasks.error.map { ", error \($0.property)" } ?? "")
            entries.append(entry)
        }
        for declaration in api.types.flatMap(\.flattened) {
            add(declaration)
        }
        for operation in api.ungroupedOperations {
            add(operation, container: namespace)
        }
        for group in api.groups {
            var entry = ManifestEntry(kind: .group, name: namespace + "." + group.name)
            entry.wire = "tag " + group.tag
            entries.append(entry)
            for operation in group.operations {
                add(operation, container: entry.name)
            }
        }
    }

    private static func describe(_ access: SwiftLongRunning.ErrorAccess) -> String {
        switch access {
        case .property(let property): return property
        case .oneOfCase(let property, let name, _): return property + "." + name
        }
    }

    // MARK: - Types

    private mutating func add(_ declaration: SwiftDeclaration) {
        let name = declaration.qualifiedName
        var entry = ManifestEntry(kind: .type, name: name, pointer: declaration.origin.pointer.string)
        entry.carriers = Self.carriers(declaration.carriedBy)
        entry.deprecated = declaration.deprecated
        entry.documentation = Digest.of(declaration.documentation)
        var members: [ManifestEntry] = []
        var oneOfs: [SwiftOneOf] = []
        switch declaration.kind {
        case .structure(let shape):
            entry.shape = "struct"
            for property in shape.properties {
                members.append(propertyEntry(property, owner: name))
            }
            for group in shape.oneOfs {
                var property = ManifestEntry(kind: .property, name: name + "." + group.property, pointer: group.origin?.pointer.string)
                property.type = name + "." + group.typeName
                property.optional = !group.required
                property.defaulted = !group.required
                property.documentation = Digest.of(texts: [group.documentation.details])
                members.append(property)
                oneOfs.append(group)
            }
            if let additional = shape.additionalProperties {
                var property = ManifestEntry(kind: .property, name: name + ".additionalProperties")
                property.type = spelling(.dictionary(additional))
                property.defaulted = true
                members.append(property)
            }
        case .enumeration(let shape):
            entry.shape = shape.rawType == .string ? "enum String" : "enum Int"
            for value in shape.cases {
                var member = ManifestEntry(kind: .enumCase, name: name + "." + value.name)
                member.wire = JSONText.string(value.value) + (value.number.map { " or \($0)" } ?? "")
                member.documentation = Digest.of(texts: [value.documentation.details])
                members.append(member)
            }
        case .union(let shape):
            entry.shape = "union"
            switch shape.selection {
            case .tagged(let discriminator):
                entry.wire = "tagged by " + JSONText.string(discriminator)
            case .untagged(let order):
                entry.wire = "untagged, tried as " + order.map(\.name).joined(separator: ", ")
            }
            if shape.indirect { entry.wire = (entry.wire ?? "") + ", indirect" }
            for member in shape.members {
                var lowered = ManifestEntry(kind: .member, name: name + "." + member.name)
                lowered.type = spelling(member.type)
                let tags = member.tags.map(JSONText.string).joined(separator: ", ")
                lowered.wire = tags.isEmpty ? nil : "tags " + tags + (member.writtenTag.map { ", writes " + JSONText.string($0) } ?? "")
                members.append(lowered)
            }
        case .alias(.typeAlias(let type)):
            entry.shape = "typealias"
            entry.type = spelling(type)
        case .alias(.wrapper(let type)):
            entry.shape = "wrapper"
            entry.type = spelling(type)
        }
        entries.append(entry)
        entries.append(contentsOf: members)
        for group in oneOfs {
            var type = ManifestEntry(kind: .type, name: name + "." + group.typeName, pointer: group.origin?.pointer.string)
            type.carriers = entry.carriers
            type.shape = "one-of"
            entries.append(type)
            for field in group.cases {
                var member = ManifestEntry(kind: .member, name: type.name + "." + field.name, pointer: field.origin?.pointer.string)
                member.type = spelling(field.type)
                member.wire = "key " + JSONText.string(field.key)
                member.documentation = Digest.of(texts: [field.documentation.details])
                entries.append(member)
            }
        }
    }

    private static func carriers(_ carriers: SwiftDeclaration.Carriers) -> ManifestEntry.Carriers {
        switch (carriers.contains(.requests), carriers.contains(.answers)) {
        case (true, true): return .both
        case (true, false): return .requests
        case (false, true): return .answers
        case (false, false): return .none
        }
    }

    private mutating func add(_ property: SwiftProperty, owner: String) {
        entries.append(propertyEntry(property, owner: owner))
    }

    private func propertyEntry(_ property: SwiftProperty, owner: String) -> ManifestEntry {
        var entry = ManifestEntry(kind: .property, name: owner + "." + property.name, pointer: property.origin?.pointer.string)
        entry.type = spelling(property.valueType)
        entry.optional = property.declaredType.isOptional
        entry.defaulted = property.defaultsToNil
        entry.deprecated = property.deprecated
        entry.defaultValue = Self.documented(property.defaultValue)
        entry.documentation = Digest.of(property.documentation)
        var wire = ["key " + JSONText.string(property.key)]
        switch property.storage {
        case .required, .optional:
            break
        case .requiredNullable:
            entry.nullable = true
        case .threeState:
            entry.nullable = true
            entry.threeState = true
        case .constant(let value, let required):
            entry.computed = true
            wire.append("always " + JSONText.value(value) + (required ? "" : " when present"))
        }
        if property.readOnly { wire.append("read-only") }
        if property.writeOnly { wire.append("write-only") }
        if property.boxed { wire.append("boxed") }
        entry.wire = wire.joined(separator: ", ")
        return entry
    }

    // MARK: - Functions

    private mutating func add(_ operation: SwiftOperation, container: String) {
        // The functions of an operation with several body formats share its name; their body's label tells them apart.
        let bodyLabel = operation.parameters.first { $0.encoding == .body && $0.label != "body" }?.label
        let name = container + "." + operation.name + (bodyLabel.map { "(\($0):)" } ?? "")
        var entry = ManifestEntry(kind: .operation, name: name, pointer: operation.origin.pointer.string)
        entry.shape = "operation"
        entry.type = spelling(operation.responseType)
        entry.deprecated = operation.deprecated
        entry.documentation = Digest.of(texts: [operation.documentation.summary, operation.documentation.details])
        var wire = "\(operation.method) \(operation.pathTemplate), id \(JSONText.string(operation.id)), server \(operation.server)"
        switch operation.decoding {
        case .none: wire += ", no body"
        case .json: break
        case .enveloped(let envelope): wire += ", in " + envelope
        case .text(let accept): wire += ", text " + accept
        case .data(let accept): wire += ", bytes " + accept
        }
        if let contentType = operation.contentType { wire += ", sends " + contentType }
        if let shape = operation.errorShape { wire += ", errors " + shape }
        if let header = operation.idempotencyKeyHeader { wire += ", idempotency key " + JSONText.string(header) }
        entry.wire = wire
        entries.append(entry)
        add(operation.parameters, function: name, pointer: entry.pointer)
        if let pages = operation.pages {
            var helper = ManifestEntry(kind: .operation, name: container + "." + pages.name, pointer: entry.pointer)
            helper.shape = "pages"
            helper.type = "PagedRequest<\(spelling(pages.elementType))>"
            helper.deprecated = operation.deprecated
            helper.documentation = Digest.of(texts: [operation.documentation.summary])
            let page = pages.arguments.first(where: \.isPage)?.label ?? ""
            helper.wire = "pages of \(operation.name) by \(page), \(Self.describe(pages.style))"
            entries.append(helper)
            add(pages.parameters, function: helper.name, pointer: entry.pointer)
        }
        if let stream = operation.stream {
            var helper = ManifestEntry(kind: .operation, name: container + "." + stream.name, pointer: entry.pointer)
            helper.shape = "stream"
            helper.type = "StreamRequest<\(SwiftEmitter.streamElement(stream))>"
            helper.deprecated = operation.deprecated
            helper.documentation = Digest.of(texts: [operation.documentation.summary])
            helper.wire = "streams \(operation.name) as \(stream.format.rawValue) \(stream.accept)"
                + (stream.terminator.map { ", until " + JSONText.string($0) } ?? "")
            entries.append(helper)
            add(operation.parameters, function: helper.name, pointer: entry.pointer)
        }
        if let waiting = operation.waiting {
            var helper = ManifestEntry(kind: .operation, name: container + "." + waiting.name, pointer: entry.pointer)
            helper.shape = "waits"
            helper.type = "[\(taskType ?? "")]"
            helper.deprecated = operation.deprecated
            helper.documentation = Digest.of(texts: [operation.documentation.summary])
            helper.wire = "sends \(operation.name), then waits for the tasks in \(waiting.idsProperty)"
            entries.append(helper)
            add(operation.parameters, function: helper.name, pointer: entry.pointer)
        }
    }

    private mutating func add(_ parameters: [SwiftParameter], function: String, pointer: String?) {
        for parameter in parameters {
            var entry = ManifestEntry(kind: .parameter, name: function + "." + parameter.label,
                                      pointer: parameter.origin?.pointer.string ?? pointer)
            entry.type = spelling(parameter.type.unwrapped)
            entry.optional = parameter.type.isOptional
            entry.defaulted = parameter.isOptional
            entry.defaultValue = Self.documented(parameter.defaultValue) ?? parameter.defaultText.map(JSONText.string)
            entry.documentation = Digest.of(texts: [parameter.documentation.details])
            switch parameter.encoding {
            case .path: entry.wire = "path"
            case .body: entry.wire = "body"
            case .contentType: entry.wire = "content type"
            case .header(let name): entry.wire = "header " + JSONText.string(name)
            case .query(let name, let style): entry.wire = "query " + JSONText.string(name) + Self.describe(style)
            }
            entries.append(entry)
        }
    }

    /// How a paging helper reads its pages, for the manifest.
    private static func describe(_ style: SwiftPagesFunction.Style) -> String {
        func path(_ path: SwiftPagesFunction.Path) -> String { path.keyPath.joined(separator: ".") }
        switch style {
        case .envelopePages(let envelope, let total): return "page numbers counted by \(path(total.path)) in \(envelope)"
        case .pages(let items, let total): return "page numbers, items \(path(items)), counted by \(path(total.path))"
        case .offset(let items, let total): return "offsets, items \(path(items))" + (total.map { ", counted by \(path($0.path))" } ?? "")
        case .token(let items, let next): return "tokens, items \(path(items)), next \(path(next))"
        }
    }

    /// A default as the documentation shows it: `null` is no default.
    private static func documented(_ value: JSONValue?) -> String? {
        guard let value, value != .null else { return nil }
        return JSONText.value(value)
    }

    private static func describe(_ style: SwiftParameter.QueryStyle) -> String {
        switch style {
        case .form: return ""
        case .delimited(.comma): return ", comma-separated"
        case .delimited(.space): return ", space-separated"
        case .delimited(.pipe): return ", pipe-separated"
        case .objectFields: return ", fields"
        case .deepObject: return ", deep object"
        case .json: return ", JSON"
        }
    }
}

/// A short, stable digest of the documentation text the generated code shows (FNV-1a, 64 bits): the
/// manifest records that the text changed, not the text.
enum Digest {
    /// A declaration's or property's paragraphs: the summary, and the details when they differ from it.
    static func of(_ documentation: Documentation) -> String? {
        of(texts: [documentation.summary, documentation.details == documentation.summary ? nil : documentation.details])
    }

    /// The paragraphs that are not empty; nil when none is.
    static func of(texts: [String?]) -> String? {
        let paragraphs = texts.compactMap { $0 }.filter { !$0.isEmpty }
        guard !paragraphs.isEmpty else { return nil }
        return StableHash.hex(paragraphs.joined(separator: "\u{0}"))
    }
}
