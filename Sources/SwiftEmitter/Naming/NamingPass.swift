import APIModel

/// Every Swift name in one API, decided once, before any code is printed.
///
/// Each scope (the namespace, a type's nested types, a type's members, an operation's parameters)
/// is named in a fixed order; a name that is taken gets a number (`name2`), so the result never
/// depends on hashing and never reaches the compiler twice. Type names are unique without regard to
/// case, because they become file names.
struct SwiftNames {
    let namespace: String
    private(set) var localTypeNames: [TypeName: String] = [:]
    /// `Namespace.Outer.Inner` for every declaration, worked out once.
    private var qualifiedNames: [TypeName: String] = [:]
    private(set) var propertyNames: [TypeName: [String]] = [:]
    private(set) var caseNames: [TypeName: [String]] = [:]
    /// For each object, per one-of group: the property name, the enum's type name, and its case names.
    private(set) var oneOfNames: [TypeName: [(property: String, type: String, cases: [String])]] = [:]
    private(set) var groupNames: [String: String] = [:]
    private(set) var operationNames: [String: String] = [:]
    private(set) var parameterLabels: [String: [String]] = [:]
    private(set) var bodyLabels: [String: String] = [:]
    private(set) var serverNames: [String: String] = [:]
    private(set) var authNames: [String: String] = [:]
    /// The name of the generic response envelope type, when the API has one.
    private(set) var envelopeName = "Envelope"
    /// The envelope's properties (its result last), in the envelope's order.
    private(set) var envelopePropertyNames: [String] = []
    /// The `...Pages` function of each paged operation, by operation id.
    private(set) var pagesFunctionNames: [String: String] = [:]

    /// Names a type must not take at any level: they would hide a type the generated code uses.
    static let reservedTypeNames: Set<String> = [
        "Swift", "Foundation", "FoundationNetworking", "Spec2SwiftRuntime",
        "String", "Int", "Int32", "Int64", "UInt", "Double", "Float", "Bool", "Character", "Array", "Dictionary",
        "Set", "Optional", "Result", "Error", "Never", "Void", "Any", "AnyObject", "Type", "Protocol", "Self",
        "Codable", "Encodable", "Decodable", "Encoder", "Decoder", "CodingKey", "CodingKeys", "Hashable", "Equatable",
        "Sendable", "RawRepresentable", "DecodingError", "EncodingError", "Data", "Date", "URL", "UUID",
        "JSONValue", "JSONKey", "Timestamp", "Nullable", "SecretString", "Int64String", "UUIDString", "IPAddressString",
        "IPNetworkString", "IPInterfaceString", "Request", "RequestPath", "ResponseDecoding", "NoContent",
        "Authentication", "ParameterValue", "UnionDecodingFailures", "ResponseEnvelope", "EnvelopeFailure",
        "ProviderMessage", "APIError", "Auth", "SecretBytes", "FieldMask", "ProtobufDuration", "HTTPMethod", "Indirect",
        "Duration", "APIClient", "PagedRequest", "Page", "PageSequence", "LongRunningOperation", "HTTPHeaders", "QueryItems",
        "RetryPolicy", "ErrorResponse", "HTTPTransport", "URLSessionTransport",
    ]

    /// `reservedTypeNames` as a case-insensitive scope stores them, worked out once.
    static let reservedTypeKeys = Set(reservedTypeNames.map { $0.lowercased() })

    /// Member names that would clash with what generated types declare themselves.
    static let reservedStructMembers: Set<String> = ["hashValue", "hash", "encode"]
    static let reservedEnumMembers: Set<String> = ["rawValue", "hashValue", "hash", "encode", "undocumented", "parameterText"]

    init(api: APIDefinition) {
        var namespaceScope = Scope(reserved: Self.reservedTypeNames)
        namespace = namespaceScope.claim(SwiftIdentifiers.typeName(api.name))
        var topLevel = Scope(reserved: Self.reservedTypeNames.union([namespace]), caseInsensitive: true)
        if let envelope = api.envelope {
            envelopeName = topLevel.claim(SwiftIdentifiers.typeName(envelope.name))
            var members = Scope(reserved: ["unwrap", "Result"])
            envelopePropertyNames = (envelope.properties.map(\.name) + [envelope.resultKey]).map {
                members.claim(SwiftIdentifiers.memberName($0))
            }
        }
        // Names the input gives come first, so that a name made up for an inline schema never takes one.
        for declaration in api.types.filter({ !$0.synthesized }) + api.types.filter(\.synthesized) {
            name(declaration, in: &topLevel)
        }
        // Operation groups share the namespace with top-level types.
        var groups: [String] = []
        for operation in api.operations {
            if let group = operation.group, !groups.contains(group) { groups.append(group) }
        }
        for group in groups.sorted() {
            let candidate = SwiftIdentifiers.typeName(group)
            groupNames[group] = topLevel.claim(topLevel.isTaken(candidate) ? candidate + "Operations" : candidate)
        }
        nameOperations(api.operations)
        nameNamespaceMembers(api)
    }

    // MARK: - Lookups

    /// The fully qualified Swift name of a declared type (`Gcore.Instance.Flavor`).
    func qualified(_ name: TypeName) -> String {
        if let known = qualifiedNames[name] { return known }
        var parts = [namespace]
        for index in name.path.indices {
            parts.append(localTypeNames[TypeName(Array(name.path[...index]))] ?? SwiftIdentifiers.typeName(name.path[index]))
        }
        return parts.joined(separator: ".")
    }

    func local(_ name: TypeName) -> String {
        localTypeNames[name] ?? SwiftIdentifiers.typeName(name.last)
    }

    // MARK: - Types and members

    private mutating func name(_ declaration: TypeDeclaration, in scope: inout Scope) {
        // The frontends give every declaration its own model name; a repeat is skipped, not renamed,
        // so that references keep pointing at the first.
        guard localTypeNames[declaration.name] == nil else { return }
        let local = scope.claim(Self.typeCandidate(declaration.name.last, namespace: namespace))
        localTypeNames[declaration.name] = local
        let parent = TypeName(Array(declaration.name.path.dropLast()))
        qualifiedNames[declaration.name] = (declaration.name.path.count > 1 ? qualified(parent) : namespace) + "." + local

        // Nested types: not the parent's name, not a reserved name.
        var nestedScope = Scope(keys: Self.reservedTypeKeys, caseInsensitive: true)
        nestedScope.reserve(namespace)
        nestedScope.reserve(local)
        for nested in declaration.nested {
            name(nested, in: &nestedScope)
        }
        // Members may not take a nested type's name (`_2fa` can name both).
        let nestedNames = Set(declaration.nested.compactMap { localTypeNames[$0.name] })

        switch declaration.kind {
        case .object(let shape):
            var members = Scope(reserved: Self.reservedStructMembers.union(nestedNames))
            if shape.additionalProperties != nil {
                // `CodingKeys.all` lists the declared keys of such types.
                members.reserve("additionalProperties")
                members.reserve("all")
            }
            propertyNames[declaration.name] = shape.properties.map { members.claim(SwiftIdentifiers.memberName($0.name)) }
            oneOfNames[declaration.name] = shape.oneOfs.map { group in
                var cases = Scope()
                return (property: members.claim(SwiftIdentifiers.memberName(group.name)),
                        type: nestedScope.claim(Self.typeCandidate(group.name, namespace: namespace)),
                        cases: group.fields.map { cases.claim(SwiftIdentifiers.memberName($0.name)) })
            }
        case .enumeration(let shape):
            var members = Scope(reserved: Self.reservedEnumMembers.union(nestedNames))
            caseNames[declaration.name] = shape.cases.map { members.claim(SwiftIdentifiers.memberName($0.value)) }
        case .union(let shape):
            var members = Scope(reserved: Self.reservedEnumMembers.union(nestedNames))
            caseNames[declaration.name] = shape.members.map { members.claim(SwiftIdentifiers.memberName($0.nameHint)) }
        case .alias:
            break
        }
    }

    /// A type name for an input name; one that would hide a type the generated code uses gets `Model`.
    static func typeCandidate(_ name: String, namespace: String) -> String {
        let candidate = SwiftIdentifiers.typeName(name)
        return reservedTypeNames.contains(candidate) || candidate == namespace ? candidate + "Model" : candidate
    }

    // MARK: - Operations

    /// Functions are named after the operation's summary (`Get secret` -> `getSecret`); operations
    /// whose summaries collide in one group fall back to their operation ids.
    private mutating func nameOperations(_ operations: [Operation]) {
        var byGroup: [String: [Operation]] = [:]
        for operation in operations {
            byGroup[operation.group ?? "", default: []].append(operation)
        }
        for group in byGroup.keys.sorted() {
            let members = byGroup[group] ?? []
            var preferred: [String: String] = [:]
            var counts: [String: Int] = [:]
            for operation in members {
                let hint = operation.nameHint.map { SwiftIdentifiers.memberName($0) }
                let candidate = (hint == nil || hint == "value") ? SwiftIdentifiers.memberName(operation.id) : hint ?? ""
                preferred[operation.id] = candidate
                counts[candidate, default: 0] += 1
            }
            var scope = Scope(reserved: group.isEmpty ? Self.namespaceMembers : [])
            for operation in members {
                var candidate = preferred[operation.id] ?? "operation"
                if counts[candidate, default: 0] > 1 { candidate = SwiftIdentifiers.memberName(operation.id) }
                operationNames[operation.id] = scope.claim(candidate)
                nameParameters(operation)
            }
            for operation in members where operation.pagination != nil {
                pagesFunctionNames[operation.id] = scope.claim((operationNames[operation.id] ?? "list") + "Pages")
            }
        }
    }

    private mutating func nameParameters(_ operation: Operation) {
        var scope = Scope(reserved: ["request"])
        parameterLabels[operation.id] = operation.parameters.map { scope.claim(SwiftIdentifiers.memberName($0.name)) }
        if operation.requestBody != nil {
            bodyLabels[operation.id] = scope.claim("body")
        }
    }

    // MARK: - Namespace members

    static let namespaceMembers: Set<String> = ["wait"]

    private mutating func nameNamespaceMembers(_ api: APIDefinition) {
        var scope = Scope(reserved: Set(operationNames.values))
        for server in api.servers {
            serverNames[server.name] = scope.claim(SwiftIdentifiers.memberName(server.name + " server"))
        }
        var auth = Scope()
        for scheme in api.authSchemes {
            authNames[scheme.name] = auth.claim(SwiftIdentifiers.memberName(scheme.name))
        }
    }
}

/// Names taken in one scope.
struct Scope {
    private var taken: Set<String> = []
    private let caseInsensitive: Bool

    init(reserved: Set<String> = [], caseInsensitive: Bool = false) {
        self.caseInsensitive = caseInsensitive
        for name in reserved { reserve(name) }
    }

    /// A scope whose taken names are `keys`, already in the form `key(_:)` gives (lower case when
    /// `caseInsensitive`).
    init(keys: Set<String>, caseInsensitive: Bool) {
        self.caseInsensitive = caseInsensitive
        self.taken = keys
    }

    func isTaken(_ name: String) -> Bool {
        taken.contains(key(name))
    }

    mutating func reserve(_ name: String) {
        taken.insert(key(name))
    }

    /// Names are ASCII identifiers, so folding case byte by byte is enough (and much cheaper).
    private func key(_ name: String) -> String {
        guard caseInsensitive, name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return name }
        return String(decoding: name.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// `candidate`, or `candidate2`, `candidate3`... (`name_2` after a digit): the first that is free.
    mutating func claim(_ candidate: String) -> String {
        var name = candidate
        var number = 2
        while isTaken(name) {
            name = candidate + (candidate.last?.isNumber == true ? "_" : "") + String(number)
            number += 1
        }
        reserve(name)
        return name
    }
}
