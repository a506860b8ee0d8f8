/// The rules of an API profile that give operations behaviour by their shape: paging for every list
/// whose answer looks like a page, and waiting for every operation that answers with background tasks.

/// Paging for every operation that takes the rule's page parameter and whose answer has the rule's
/// shape (or, with `operations`, for those operations only).
public struct PagingRule: Hashable, Sendable {
    public var style: Pagination.Style
    /// The operations the rule is limited to; nil: every operation of the right shape.
    public var operations: [String]?
    public var origin: Origin

    public init(style: Pagination.Style, operations: [String]? = nil, origin: Origin) {
        self.style = style
        self.operations = operations
        self.origin = origin
    }
}

/// An API whose mutations answer with the IDs of background tasks (Gcore's `{ tasks: [id] }`), each
/// fetched by one operation until its state is finished or failed.
public struct BackgroundTasks: Hashable, Sendable {
    /// The property of an answer that holds the task IDs (an array of strings): every operation whose
    /// answer has it gets a helper that sends and waits.
    public var idsProperty: String
    /// The id of the operation that fetches a task by its ID (its only required parameter).
    public var pollOperation: String
    /// The task's properties: its ID, its state, the error text of a failed task, and the resources it created.
    public var idProperty: String
    public var stateProperty: String
    public var errorProperty: String?
    public var createdProperty: String?
    /// The states of a task that has ended well, and badly; any other state is still running.
    public var finishedStates: [String]
    public var failedStates: [String]
    public var origin: Origin

    public init(idsProperty: String, pollOperation: String, idProperty: String, stateProperty: String, errorProperty: String?,
                createdProperty: String?, finishedStates: [String], failedStates: [String], origin: Origin) {
        self.idsProperty = idsProperty
        self.pollOperation = pollOperation
        self.idProperty = idProperty
        self.stateProperty = stateProperty
        self.errorProperty = errorProperty
        self.createdProperty = createdProperty
        self.finishedStates = finishedStates
        self.failedStates = failedStates
        self.origin = origin
    }
}

/// The wrapper around every JSON answer. A descriptor lists its fields (`fieldsListed`), because its
/// answers are the results; an OpenAPI document's answers are whole envelopes, so the fields are read
/// off them and each answer's type becomes that of its `result`.
public struct EnvelopeRule: Hashable, Sendable {
    /// The envelope; its `properties` are those listed, and empty when `fieldsListed` is false.
    public var envelope: Envelope
    public var fieldsListed: Bool

    public init(envelope: Envelope, fieldsListed: Bool) {
        self.envelope = envelope
        self.fieldsListed = fieldsListed
    }
}

/// Finding properties of answers by key path, through named types and nullability.
struct ShapeLookup {
    let declarations: [TypeName: TypeDeclaration]

    /// The object shape a value of `type` has, through aliases (a cycle of aliases has none) and nullability.
    func object(_ type: TypeRef?) -> ObjectShape? {
        var current = type
        var seen: Set<TypeName> = []
        while case .named(let name)? = current?.nonNull, seen.insert(name).inserted, let declaration = declarations[name] {
            switch declaration.kind {
            case .object(let shape): return shape
            case .alias(let target): current = target
            default: return nil
            }
        }
        return nil
    }

    /// The property at `path` (`result_info.total_pages`) in a value of `type`.
    func property(_ path: [String], in type: TypeRef?) -> Property? {
        property(path, in: object(type)?.properties ?? [])
    }

    /// The property at `path` in a list of properties (an envelope's).
    func property(_ path: [String], in properties: [Property]) -> Property? {
        guard let first = path.first, let found = properties.first(where: { $0.name == first }) else { return nil }
        return path.count == 1 ? found : property(Array(path.dropFirst()), in: found.type)
    }
}

extension TypeRef {
    var isArray: Bool {
        if case .array = nonNull { return true }
        return false
    }

    var isNumber: Bool {
        switch nonNull {
        case .integer, .number: return true
        default: return false
        }
    }

    var isText: Bool {
        if case .string = nonNull { return true }
        return false
    }
}

extension APIDefinition {
    /// `style` made concrete for `operation` when its answer has the shape `style` pages through (the
    /// parameter aside): a rule without `items` takes the answer's one list.
    func answer(of operation: Operation, fits style: Pagination.Style, lookup: ShapeLookup) -> Pagination.Style? {
        let response = operation.response.type
        var style = style
        let onlyList = lookup.object(response).map { $0.properties.filter { $0.type.isArray } }.flatMap { $0.count == 1 ? [$0[0].name] : nil }
        switch style {
        case .offset(let parameter, [], let total):
            guard let onlyList else { return nil }
            style = .offset(parameter: parameter, items: onlyList, total: total)
        case .token(let parameter, [], let next):
            guard let onlyList else { return nil }
            style = .token(parameter: parameter, items: onlyList, nextToken: next)
        default:
            break
        }
        return fits(response, style, lookup: lookup) ? style : nil
    }

    private func fits(_ response: TypeRef?, _ style: Pagination.Style, lookup: ShapeLookup) -> Bool {
        switch style {
        case .pageNumber(_, let totalPages, let items):
            let itemsFit = items.map { lookup.property($0, in: response)?.type.isArray == true } ?? (response?.isArray == true)
            let count = lookup.property(totalPages, in: response) ?? envelope.flatMap { lookup.property(totalPages, in: $0.properties) }
            return itemsFit && count?.type.isNumber == true
        case .offset(_, let items, let total):
            return lookup.property(items, in: response)?.type.isArray == true
                && total.map { lookup.property($0, in: response)?.type.isNumber == true } ?? true
        case .token(_, let items, let nextToken):
            return lookup.property(items, in: response)?.type.isArray == true
                && lookup.property(nextToken, in: response)?.type.isText == true
        }
    }

    /// The operations `rules` give paging to, and a warning for each rule that fits none.
    mutating func applying(_ rules: [PagingRule], lookup: ShapeLookup, diagnostics: inout [Diagnostic]) {
        for rule in rules {
            var matched = 0
            for index in operations.indices {
                let operation = operations[index]
                guard operation.pagination == nil, rule.operations?.contains(operation.id) ?? true,
                      operation.parameters.contains(where: { $0.location == .query && $0.name == rule.style.parameter }),
                      let style = answer(of: operation, fits: rule.style, lookup: lookup) else { continue }
                operations[index].pagination = Pagination(style, origin: rule.origin)
                matched += 1
            }
            let unknown = (rule.operations ?? []).filter { id in !operations.contains { $0.id == id } }
            for id in unknown {
                diagnostics.append(.error("the paging rule names the operation '\(id)', which the input does not have; "
                                          + "check the spelling", at: rule.origin.location, pointer: rule.origin.pointer))
            }
            if matched == 0 && unknown.isEmpty {
                diagnostics.append(.warning("no operation fits this paging rule: none takes the query parameter "
                    + "'\(rule.style.parameter)' and answers with the rule's fields; check the parameter's and the fields' names",
                    at: rule.origin.location, pointer: rule.origin.pointer))
            }
        }
    }

    /// Checks `tasks` against the API and marks every operation whose answer holds task IDs.
    mutating func applying(_ tasks: BackgroundTasks, lookup: ShapeLookup, diagnostics: inout [Diagnostic]) {
        func problem(_ text: String) {
            diagnostics.append(.error(text, at: tasks.origin.location, pointer: tasks.origin.pointer))
        }
        guard let poll = operations.first(where: { $0.id == tasks.pollOperation }) else {
            return problem("'tasks' names the poll operation '\(tasks.pollOperation)', which the input does not have; check the spelling")
        }
        let pathParameters = poll.parameters.filter { $0.location == .path }
        guard pathParameters.count == 1, !poll.parameters.contains(where: { $0.required && $0.location != .path }),
              let task = lookup.object(poll.response.type) else {
            return problem("the poll operation '\(poll.id)' must take the task's ID as its only required parameter "
                           + "and answer with the task object")
        }
        let fields = [("id", tasks.idProperty), ("state", tasks.stateProperty), ("error", tasks.errorProperty),
                      ("created", tasks.createdProperty)]
        for case let (key, name?) in fields where !task.properties.contains(where: { $0.name == name }) {
            problem("'tasks' gives '\(name)' as the task's \(key) field, but the answer of '\(poll.id)' has no such field "
                    + "(its fields are: \(task.properties.map(\.name).joined(separator: ", ")))")
        }
        var matched = 0
        for index in operations.indices {
            guard let ids = lookup.property([tasks.idsProperty], in: operations[index].response.type),
                  case .array(let element) = ids.type.nonNull, element.isText else { continue }
            operations[index].waitsForTasks = true
            matched += 1
        }
        if matched == 0 {
            diagnostics.append(.warning("no operation answers with the task IDs field '\(tasks.idsProperty)', so none waits for tasks; "
                                        + "check the field's name", at: tasks.origin.location, pointer: tasks.origin.pointer))
        }
        backgroundTasks = tasks
    }
}

/// Long-running operations as a profile names them (Yandex Cloud's `Operation`): checked against the
/// API and turned into its `LongRunningOperations` by `APIDefinition.applying(_:)`.
public struct LongRunningProfile: Hashable, Sendable {
    public var type: String
    public var idProperty: String
    public var doneProperty: String
    public var errorProperty: String
    public var pollOperation: String
    public var origin: Origin
    /// Where each key's value stands, for errors about it.
    public var keyOrigins: [String: Origin]

    public init(type: String, idProperty: String, doneProperty: String, errorProperty: String, pollOperation: String,
                origin: Origin, keyOrigins: [String: Origin] = [:]) {
        self.type = type
        self.idProperty = idProperty
        self.doneProperty = doneProperty
        self.errorProperty = errorProperty
        self.pollOperation = pollOperation
        self.origin = origin
        self.keyOrigins = keyOrigins
    }
}

extension APIDefinition {
    /// Checks `spec` against the API's types and operations; sets `longRunningOperations` when it fits.
    mutating func applying(_ spec: LongRunningProfile, lookup: ShapeLookup, diagnostics: inout [Diagnostic]) {
        func problem(_ text: String, _ key: String) {
            let origin = spec.keyOrigins[key] ?? spec.origin
            diagnostics.append(.error(text, at: origin.location, pointer: origin.pointer))
        }
        let typeName = TypeName(spec.type.split(separator: ".").map(String.init))
        guard case .object(let shape)? = lookup.declarations[typeName]?.kind else {
            return problem("'\(spec.type)' is not an object type of the input", "type")
        }
        func property(_ name: String, key: String, isWanted: (TypeRef) -> Bool, wanted: String) {
            guard let found = shape.properties.first(where: { $0.name == name }) else {
                return problem("'\(spec.type)' has no field '\(name)'", key)
            }
            if !isWanted(found.type.nonNull) { problem("the field '\(name)' of '\(spec.type)' must be of type \(wanted)", key) }
        }
        property(spec.idProperty, key: "id", isWanted: { $0.isText }, wanted: "string")
        property(spec.doneProperty, key: "done", isWanted: { $0 == .boolean }, wanted: "bool")
        let errorFields = shape.properties.map(\.name) + shape.oneOfs.flatMap { $0.fields.map(\.name) }
        if !errorFields.contains(spec.errorProperty) { problem("'\(spec.type)' has no field '\(spec.errorProperty)'", "error") }
        guard let operation = operations.first(where: { $0.id == spec.pollOperation }) else {
            return problem("no operation has the id '\(spec.pollOperation)'", "poll")
        }
        let pathParameters = operation.parameters.filter { $0.location == .path }
        if pathParameters.count != 1 || operation.parameters.contains(where: { $0.required && $0.location != .path })
            || operation.response.type != .named(typeName) {
            problem("'\(spec.pollOperation)' must take the operation's ID as its only required parameter and return '\(spec.type)'", "poll")
        }
        longRunningOperations = LongRunningOperations(type: typeName, idProperty: spec.idProperty, doneProperty: spec.doneProperty,
                                                      errorProperty: spec.errorProperty, pollOperation: spec.pollOperation,
                                                      origin: spec.origin)
    }
}

extension APIDefinition {
    /// The envelope `rule` describes. Without listed fields, every JSON answer must be an object with
    /// the result key: its type becomes the result's, and the first answer's other fields (each
    /// optional, since answers may differ in them) become the envelope's.
    mutating func applying(_ rule: EnvelopeRule, lookup: ShapeLookup, diagnostics: inout [Diagnostic]) {
        var envelope = rule.envelope
        var unwrapped: [String] = []
        if !rule.fieldsListed {
            var fields: [Property]?
            operations = operations.map { operation in
                guard operation.response.media == .json, let answer = operation.response.type else { return operation }
                guard let shape = lookup.object(answer), let result = shape.properties.first(where: { $0.name == envelope.resultKey }) else {
                    unwrapped.append(operation.id)
                    return operation
                }
                if fields == nil {
                    fields = shape.properties.filter { $0.name != envelope.resultKey }.map { field in
                        var field = field
                        field.required = false
                        return field
                    }
                }
                var operation = operation
                operation.response.type = result.type
                return operation
            }
            envelope.properties = fields ?? []
        }
        if !unwrapped.isEmpty {
            let shown = unwrapped.count > 8 ? unwrapped.prefix(8).joined(separator: ", ") + ", ..." : unwrapped.joined(separator: ", ")
            diagnostics.append(.error("the envelope's result '\(envelope.resultKey)' is not a field of the JSON answer of \(unwrapped.count) "
                                      + "operation(s) (\(shown)); every JSON answer must be an envelope: check 'result', or leave those "
                                      + "operations out with 'exclude-operations:'", at: envelope.origin.location, pointer: envelope.origin.pointer))
        }
        if let success = envelope.successKey {
            let properties = envelope.properties
            if let field = properties.first(where: { $0.name == success }) {
                if field.type.nonNull != .boolean {
                    diagnostics.append(.error("the envelope's success field '\(success)' must be a boolean",
                                              at: field.origin.location, pointer: field.origin.pointer))
                }
            } else {
                let fields = properties.isEmpty ? "it has no fields besides the result" : "its fields are: " + properties.map(\.name).joined(separator: ", ")
                diagnostics.append(.error("the envelope's success field '\(success)' is not one of its fields; \(fields)",
                                          at: envelope.origin.location, pointer: envelope.origin.pointer))
            }
        }
        self.envelope = envelope
    }
}
