import APIModel
import Parallelism

/// `APIDefinition` -> `SwiftAPI`: every naming, lowering and checking decision between the model and
/// the printer.
///
/// In order: the model is checked (`Validation`: what the frontends guarantee, checked again for
/// any model, so that nothing later looks up what is not there); every type, group, operation,
/// server and scheme is named (`Namer`); cycles are found (`Recursion`); then declarations,
/// operations and helpers are lowered, and every warning is reported where its decision is made.
public enum Lowering {
    /// The Swift-side description of `api` and every diagnostic found; nil when there are errors.
    public static func lower(_ api: APIDefinition, access: AccessLevel = .public) -> (SwiftAPI?, [Diagnostic]) {
        let problems = Validation.check(api)
        guard problems.isEmpty else { return (nil, problems) }
        let context = LoweringContext(api: api)
        guard context.namer.diagnostics.isEmpty else { return (nil, context.namer.diagnostics) }
        var diagnostics = NameCollisions.warnings(in: api)

        // Declarations are independent of each other once named, so they are lowered on all cores.
        let types = context.namer.declarations.sorted { $0.declaration.name < $1.declaration.name }
            .parallelMap { context.lowerDeclaration($0) }
        var declarations: [String: SwiftDeclaration] = [:]
        for declaration in types.flatMap(\.flattened) {
            declarations[declaration.qualifiedName] = declaration
        }
        let envelope = context.namer.envelope.map { context.lowerEnvelope($0.model, name: $0.name) }
        let operationContext = OperationContext(lowering: context, declarations: declarations, envelope: envelope)

        let ungroupedNames = context.namer.ungroupedOperations
        var ungrouped = operationContext.lowerOperations(ungroupedNames, container: context.namer.namespace,
                                                         diagnostics: &diagnostics)
        var groups = context.namer.groups.map { group in
            SwiftOperationGroup(
                tag: group.tag, name: group.name,
                operations: operationContext.lowerOperations(group.operations, container: context.namer.namespace + "." + group.name,
                                                             diagnostics: &diagnostics),
                importsFoundation: group.operations.contains { context.usesFoundation($0.operation) })
        }
        for named in context.namer.declarations.flatMap(\.flattened).sorted(by: { $0.declaration.name < $1.declaration.name })
        where context.recursion.emptyAliases.contains(named.declaration.name) {
            let origin = named.declaration.origin
            diagnostics.append(.warning("'\(named.declaration.name)' only refers to itself through other names, so it describes "
                                        + "no value; it is generated as any JSON", at: origin.location, pointer: origin.pointer))
        }
        let containers = ungrouped.map { ($0, context.namer.namespace) }
            + groups.flatMap { group in group.operations.map { ($0, context.namer.namespace + "." + group.name) } }
        let longRunning = api.longRunningOperations.flatMap {
            operationContext.lowerLongRunning($0, operations: containers, diagnostics: &diagnostics)
        }
        let backgroundTasks = api.backgroundTasks.flatMap {
            operationContext.lowerBackgroundTasks($0, operations: containers, diagnostics: &diagnostics)
        }
        if backgroundTasks == nil {
            // Without a task type to poll, no operation can wait.
            for index in ungrouped.indices { ungrouped[index].waiting = nil }
            for group in groups.indices { for index in groups[group].operations.indices { groups[group].operations[index].waiting = nil } }
        }

        let namespaceFoundation = ungroupedNames.contains { context.usesFoundation($0.operation) }
            || (api.envelope?.properties.map(\.type).contains(where: LoweringContext.needsFoundation) ?? false)
        let lowered = SwiftAPI(
            namespace: context.namer.namespace, version: api.version, documentation: api.documentation,
            servers: context.lowerServers(), authSchemes: context.lowerAuthSchemes(), envelope: envelope,
            longRunning: longRunning, backgroundTasks: backgroundTasks, types: types, ungroupedOperations: ungrouped, groups: groups,
            namespaceImportsFoundation: namespaceFoundation,
            errorShape: context.namer.errorShapeName.flatMap { name in
                api.errorShape.map { SwiftErrorShape(name: name, list: $0.list, message: $0.message, code: $0.code) }
            },
            access: access, lineWidth: Layout.lineWidth)
        return (diagnostics.contains { $0.severity == .error } ? nil : lowered, diagnostics)
    }
}

/// What lowering reads: the model, its names, its cycles, and which types requests carry.
struct LoweringContext: Sendable {
    let api: APIDefinition
    let namer: Namer
    let declarations: [TypeName: TypeDeclaration]
    let recursion: Recursion
    /// Types carried by requests: their optional nullable properties keep absent and `null` apart.
    let inputTypes: Set<TypeName>
    /// Types that a request's parameters or body hold, and types that an answer's body holds (the
    /// envelope's properties included): what callers build, and what they read.
    let requestTypes: Set<TypeName>
    let answerTypes: Set<TypeName>

    init(api: APIDefinition) {
        self.api = api
        namer = Namer(api: api)
        declarations = api.declarationsByName
        recursion = Recursion(declarations: declarations)
        inputTypes = api.inputTypes(in: declarations)
        requestTypes = api.reachableTypes(from: api.operations.flatMap { $0.parameters.map(\.type) + ($0.requestBody?.types ?? []) },
                                          in: declarations)
        answerTypes = api.reachableTypes(from: api.operations.flatMap { [$0.response.type, $0.response.stream?.itemType].compactMap { $0 } } + (api.envelope?.properties.map(\.type) ?? []),
                                         in: declarations)
    }

    /// What carries values of the type.
    func carriers(of name: TypeName) -> SwiftDeclaration.Carriers {
        var carriers: SwiftDeclaration.Carriers = []
        if requestTypes.contains(name) { carriers.insert(.requests) }
        if answerTypes.contains(name) { carriers.insert(.answers) }
        return carriers
    }

    // MARK: - Types

    /// The Swift type of a model type. `Validation` has checked that every named type is declared.
    func swiftType(_ type: TypeRef) -> SwiftType {
        switch type {
        case .string(let format):
            switch format {
            case .dateTime: return .builtin(.timestamp)
            case .uuid: return .builtin(.uuidString)
            case .ipAddress: return .builtin(.ipAddressString)
            case .ipNetwork: return .builtin(.ipNetworkString)
            case .ipInterface: return .builtin(.ipInterfaceString)
            case .secret: return .builtin(.secretString)
            case .byte: return .builtin(.data)
            case .binary: return .builtin(.fileUpload)
            case .secretBytes: return .builtin(.secretBytes)
            case .duration: return .builtin(.protobufDuration)
            case .fieldMask: return .builtin(.fieldMask)
            case .plain, .date, .uri, .email, .other: return .builtin(.string)
            }
        case .integer(let format):
            switch format {
            case .int: return .builtin(.int)
            case .int32: return .builtin(.int32)
            case .int64: return .builtin(.int64)
            case .int64String: return .builtin(.int64String)
            }
        case .number: return .builtin(.double)
        case .boolean: return .builtin(.bool)
        case .json: return .builtin(.json)
        case .array(let element): return .array(swiftType(element))
        case .map(let value): return .dictionary(swiftType(value))
        case .named(let name): return .named(namer.qualifiedNames[name] ?? name.description)
        case .nullable(let wrapped): return .optional(swiftType(wrapped))
        }
    }

    /// Whether the model type's Swift type is Foundation's `Data`, or holds it.
    static func needsFoundation(_ type: TypeRef) -> Bool {
        switch type {
        case .string(.byte): return true
        case .array(let element), .map(let element), .nullable(let element): return needsFoundation(element)
        default: return false
        }
    }

    func usesFoundation(_ declaration: TypeDeclaration) -> Bool {
        declaration.references.contains(where: Self.needsFoundation)
    }

    /// Whether the operation's function spells `Data`: in a type or as a binary result (a binary body
    /// is the runtime's `BinaryBody`).
    func usesFoundation(_ operation: Operation) -> Bool {
        if case .binary = operation.response.media { return true }
        return operation.typeReferences.contains(where: Self.needsFoundation)
    }

    /// Whether values of the type can go into a path, a query value or a header as text.
    func isParameterValue(_ type: TypeRef) -> Bool {
        switch type.nonNull {
        case .string(.byte), .string(.binary): return false
        case .string, .integer, .number, .boolean: return true
        case .named(let name):
            switch declarations[name]?.kind {
            case .enumeration: return true
            case .alias(let target):
                return !recursion.wrappedAliases.contains(name) && !recursion.emptyAliases.contains(name) && isParameterValue(target)
            default: return false
            }
        default: return false
        }
    }

    /// Whether values of the type are JSON objects (a struct, or a dictionary).
    func isObject(_ type: TypeRef) -> Bool {
        switch type.nonNull {
        case .map: return true
        case .named(let name):
            switch declarations[name]?.kind {
            case .object: return true
            case .alias(let target): return isObject(target)
            default: return false
            }
        default: return false
        }
    }
}
