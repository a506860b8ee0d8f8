import APIModel

/// Every name in one API that other parts refer to, decided once, before anything is lowered: the
/// namespace, the envelope, every type, the operation groups, the operations and their paging
/// helpers, servers and authentication schemes. Member names (properties, cases, parameters) are
/// claimed where their declaration is lowered, since nothing outside it refers to them by name.
///
/// Each scope is named in a fixed order, so the result never depends on hashing. Type names are
/// unique without regard to case, because they become file names.
struct Namer {
    let namespace: String
    /// The envelope, when the API has one, with its type name.
    let envelope: (model: Envelope, name: String)?
    /// `api.types`, in the same order, with their names.
    let declarations: [NamedDeclaration]
    /// Every declaration's qualified name, nested ones included.
    let qualifiedNames: [TypeName: String]
    /// Operations of no group, in the input's order.
    let ungroupedOperations: [NamedOperation]
    /// Operation groups, sorted by tag.
    let groups: [NamedGroup]
    /// The API's servers, in its order, with the names of their constants.
    let servers: [(model: Server, name: String)]
    /// The names of server constants, by the model's server name.
    let serverNames: [String: String]
    /// In the API's order, with the names of their functions.
    let authSchemes: [(model: AuthScheme, name: String)]
    /// The constant of the empty server, when the API names none.
    let placeholderServer: String?
    /// The constant of the server operations go to unless they name one: the first, or the placeholder.
    let defaultServer: String
    /// The constant of the error bodies' shape, when the API declares one.
    let errorShapeName: String?
    /// Names an API profile chose that are taken (by another type, another rename, or a name the
    /// generated code uses), each an error at the profile's entry.
    let diagnostics: [Diagnostic]

    init(api: APIDefinition) {
        var problems: [Diagnostic] = []
        var namespaceScope = Scope(reserved: ReservedNames.types)
        namespace = namespaceScope.claim(SwiftIdentifiers.typeName(api.name))
        var topLevel = Scope(reserved: ReservedNames.types.union([namespace]), caseInsensitive: true)
        envelope = api.envelope.map { ($0, topLevel.claim(SwiftIdentifiers.typeName($0.name))) }

        // Names a profile chose come first, then names the input gives, so that a name made up for an
        // inline schema never takes one.
        var locals = [String](repeating: "", count: api.types.count)
        let namespaceName = namespace
        let given = Set(api.types.filter { $0.rename == nil && !$0.synthesized }
            .map { ReservedNames.typeCandidate($0.name.last, namespace: namespaceName).lowercased() })
        for index in api.types.indices {
            guard let rename = api.types[index].rename else { continue }
            let lowered = rename.name.lowercased()
            if !SwiftIdentifiers.isPlainIdentifier(rename.name) || topLevel.isTaken(rename.name) || given.contains(lowered)
                || lowered == namespaceName.lowercased() {
                problems.append(.error("the profile renames '\(api.types[index].name)' to '\(rename.name)', which is "
                                       + (SwiftIdentifiers.isPlainIdentifier(rename.name) ? "taken in '\(namespaceName)'" : "not a Swift type name")
                                       + "; choose another name", at: rename.origin.location, pointer: rename.origin.pointer))
            }
            locals[index] = topLevel.claim(rename.name)
        }
        for index in api.types.indices where api.types[index].rename == nil && !api.types[index].synthesized {
            locals[index] = topLevel.claim(ReservedNames.typeCandidate(api.types[index].name.last, namespace: namespace))
        }
        for index in api.types.indices where api.types[index].rename == nil && api.types[index].synthesized {
            locals[index] = topLevel.claim(ReservedNames.typeCandidate(api.types[index].name.last, namespace: namespace))
        }
        let namespace = namespace
        declarations = zip(api.types, locals).map { declaration, local in
            NamedDeclaration(declaration, name: local, qualifiedName: namespace + "." + local, namespace: namespace)
        }
        var qualified: [TypeName: String] = [:]
        for named in declarations.flatMap(\.flattened) {
            qualified[named.declaration.name] = named.qualifiedName
        }
        qualifiedNames = qualified

        // Operation groups share the namespace with top-level types.
        var byGroup: [String: [Operation]] = [:]
        var ungrouped: [Operation] = []
        for operation in api.operations {
            if let tag = operation.group { byGroup[tag, default: []].append(operation) } else { ungrouped.append(operation) }
        }
        groups = byGroup.sorted { $0.key < $1.key }.map { tag, operations in
            let candidate = SwiftIdentifiers.typeName(tag)
            let name = topLevel.claim(topLevel.isTaken(candidate) ? candidate + "Operations" : candidate)
            return NamedGroup(tag: tag, name: name, operations: Self.nameOperations(operations, reserved: [], problems: &problems))
        }
        ungroupedOperations = Self.nameOperations(ungrouped, reserved: ReservedNames.namespaceMembers, problems: &problems)
        diagnostics = problems

        var members = Scope(reserved: Set((ungroupedOperations + groups.flatMap(\.operations)).map(\.name)))
        servers = api.servers.map { ($0, members.claim(SwiftIdentifiers.memberName($0.name + " server"))) }
        serverNames = Dictionary(servers.map { ($0.model.name, $0.name) }, uniquingKeysWith: { first, _ in first })
        if let first = servers.first {
            placeholderServer = nil
            defaultServer = first.name
        } else {
            let placeholder = members.claim(SwiftIdentifiers.memberName("default server"))
            placeholderServer = placeholder
            defaultServer = placeholder
        }
        errorShapeName = api.errorShape.map { _ in members.claim("errorShape") }
        var auth = Scope()
        authSchemes = api.authSchemes.map { ($0, auth.claim(SwiftIdentifiers.memberName($0.name))) }
    }

    /// Functions are named after the operation's name hint, its summary when that is short enough to
    /// be a name (`Operation.nameHint(summary:)`: `Get secret` -> `getSecret`), else its id; operations
    /// whose summaries collide in one group fall back to their operation ids. Paging helpers are
    /// named after their operation, once every operation of the group has its name.
    /// A profile's rename is used as it is, and claimed first; one that another operation of the group
    /// wants too is an error.
    private static func nameOperations(_ operations: [Operation], reserved: Set<String>,
                                       problems: inout [Diagnostic]) -> [NamedOperation] {
        let preferred = operations.map { operation -> String in
            let hint = operation.nameHint.map { SwiftIdentifiers.memberName($0) }
            guard let hint, hint != "value" else { return SwiftIdentifiers.memberName(operation.id) }
            return hint
        }
        var counts: [String: Int] = [:]
        for (operation, candidate) in zip(operations, preferred) where operation.rename == nil { counts[candidate, default: 0] += 1 }
        var scope = Scope(reserved: reserved)
        var renamed: [String: String] = [:]
        for operation in operations {
            guard let rename = operation.rename else { continue }
            if !SwiftIdentifiers.isPlainIdentifier(rename.name) || scope.isTaken(rename.name) || counts[rename.name] != nil {
                problems.append(.error("the profile names the operation '\(operation.id)' '\(rename.name)', which "
                                       + (SwiftIdentifiers.isPlainIdentifier(rename.name) ? "another operation of its group has"
                                          : "is not a Swift function name") + "; choose another name",
                                       at: rename.origin.location, pointer: rename.origin.pointer))
            }
            renamed[operation.id] = scope.claim(rename.name)
        }
        let shared = sharedNames(operations, preferred: preferred, counts: counts)
        var named = zip(operations, preferred).map { operation, candidate in
            if let name = renamed[operation.id] { return NamedOperation(operation: operation, name: name, pagesName: nil) }
            let unique = counts[candidate, default: 0] > 1 ? shared[operation.id] ?? SwiftIdentifiers.memberName(operation.id) : candidate
            return NamedOperation(operation: operation, name: scope.claim(unique), pagesName: nil)
        }
        for index in named.indices where named[index].operation.pagination != nil {
            named[index].pagesName = scope.claim(named[index].name + "Pages")
        }
        for index in named.indices where named[index].operation.waitsForTasks {
            named[index].waitName = scope.claim(named[index].name + "AndWait")
        }
        for index in named.indices where named[index].operation.response.stream != nil {
            named[index].streamName = scope.claim(named[index].name + "Stream")
        }
        return named
    }
}

extension Namer {
    /// Names for operations whose summaries give one name: when exactly one of them is current (the
    /// others are `deprecated`, or it has the highest version in its path, `/v2/`), it keeps the name,
    /// and each other gets its path's version (`createSecretV1`) when that tells them apart, or else
    /// its operation id. Without one current operation, none is named here (all take their ids).
    static func sharedNames(_ operations: [Operation], preferred: [String], counts: [String: Int]) -> [String: String] {
        var byName: [String: [Operation]] = [:]
        for (operation, candidate) in zip(operations, preferred) where operation.rename == nil && counts[candidate, default: 0] > 1 {
            byName[candidate, default: []].append(operation)
        }
        var names: [String: String] = [:]
        for (candidate, sharing) in byName {
            let current = sharing.filter { !$0.deprecated }
            var winner: Operation?
            if current.count == 1 {
                winner = current[0]
            } else {
                let versions = sharing.map { pathVersion($0.path) ?? 0 }
                if let top = versions.max(), top > 0, versions.filter({ $0 == top }).count == 1,
                   let index = versions.firstIndex(of: top) {
                    winner = sharing[index]
                }
            }
            guard let winner else { continue }
            names[winner.id] = candidate
            let others = sharing.filter { $0.id != winner.id }
            let versions = others.map { pathVersion($0.path) }
            for (operation, version) in zip(others, versions) {
                let distinct = version.map { own in own != pathVersion(winner.path) && versions.filter { $0 == own }.count == 1 } ?? false
                names[operation.id] = distinct ? candidate + "V\(version ?? 0)" : SwiftIdentifiers.memberName(operation.id)
            }
        }
        return names
    }

    /// The version a path names in a segment of its own (`/cloud/v2/secrets` -> 2).
    static func pathVersion(_ path: String) -> Int? {
        path.split(separator: "/").lazy.compactMap { segment -> Int? in
            guard segment.count > 1, segment.first == "v" || segment.first == "V" else { return nil }
            return Int(segment.dropFirst())
        }.first
    }
}

/// The operations of one tag, with the name of their enum.
struct NamedGroup: Sendable {
    let tag: String
    let name: String
    /// In the input's order.
    let operations: [NamedOperation]
}

/// A declaration with its type names decided: its own, its nested types', and those of the enums
/// of its one-of groups (which share the nested types' scope).
struct NamedDeclaration: Sendable {
    let declaration: TypeDeclaration
    let name: String
    let qualifiedName: String
    let nested: [NamedDeclaration]
    /// The one-of groups of an object, each with its enum's name.
    let oneOfs: [(group: OneOfGroup, typeName: String)]

    init(_ declaration: TypeDeclaration, name: String, qualifiedName: String, namespace: String) {
        self.declaration = declaration
        self.name = name
        self.qualifiedName = qualifiedName
        // Nested types: not the parent's name, not a reserved name.
        var scope = Scope(keys: ReservedNames.typeKeys, caseInsensitive: true)
        scope.reserve(namespace)
        scope.reserve(name)
        nested = declaration.nested.map { nested in
            let local = scope.claim(nested.rename?.name ?? ReservedNames.typeCandidate(nested.name.last, namespace: namespace))
            return NamedDeclaration(nested, name: local, qualifiedName: qualifiedName + "." + local, namespace: namespace)
        }
        if case .object(let shape) = declaration.kind {
            oneOfs = shape.oneOfs.map { ($0, scope.claim(ReservedNames.typeCandidate($0.name, namespace: namespace))) }
        } else {
            oneOfs = []
        }
    }

    /// This declaration and every declaration nested in it, depth first.
    var flattened: [NamedDeclaration] {
        [self] + nested.flatMap(\.flattened)
    }
}

/// An operation with the names of its function and of its paging and waiting helpers.
struct NamedOperation: Sendable {
    let operation: Operation
    let name: String
    var pagesName: String?
    var waitName: String? = nil
    var streamName: String? = nil
}
