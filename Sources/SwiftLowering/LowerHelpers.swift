import APIModel

/// Which helpers an operation gets, and why not when it does not: `...Pages` functions for paged
/// lists, and waiting for long-running operations. Each helper that cannot be generated is a warning
/// that says why.
extension OperationContext {
    /// `listPages(...)`: the list operation's parameters without the page's, returning a `PagedRequest`.
    func lowerPages(_ named: NamedOperation, parameters: [(model: Parameter?, lowered: SwiftParameter)], container: String,
                    diagnostics: inout [Diagnostic]) -> SwiftPagesFunction? {
        let operation = named.operation
        guard let pagination = operation.pagination, let name = named.pagesName else { return nil }
        func skip(_ reason: String) -> SwiftPagesFunction? {
            let origin = pagination.origin ?? operation.origin
            diagnostics.append(.warning("no paging helper for '\(operation.id)': \(reason)", at: origin.location, pointer: origin.pointer))
            return nil
        }
        let parameterName = pagination.style.parameter
        guard let page = parameters.first(where: { $0.model?.name == parameterName })?.lowered else {
            return skip("it has no parameter '\(parameterName)' for the page")
        }
        let wanted: SwiftType = if case .token = pagination.style { .builtin(.string) } else { .builtin(.int) }
        guard page.type.unwrapped == wanted else {
            return skip("its page parameter '\(parameterName)' is not \(wanted == .builtin(.int) ? "an integer" : "a string")")
        }
        let answer = operation.response.type.map(lowering.swiftType)
        let text = { (keyPath: [String]) in "'" + keyPath.joined(separator: ".") + "'" }
        // The list at `keyPath` in the answer, and its element type.
        func list(_ keyPath: [String]) -> (SwiftPagesFunction.Path, SwiftType)? {
            guard let (found, type) = path(keyPath, in: answer), case .array(let element) = type else { return nil }
            return (found, element)
        }
        // A count found by `path(...)`, as the runtime reads it.
        func count(_ found: (path: SwiftPagesFunction.Path, type: SwiftType)?) -> SwiftPagesFunction.Count? {
            switch found?.type {
            case .builtin(.double)?: return found.map { SwiftPagesFunction.Count(path: $0.path, conversion: .none) }
            case .builtin(.int)?, .builtin(.int32)?, .builtin(.int64)?:
                return found.map { SwiftPagesFunction.Count(path: $0.path, conversion: .integer) }
            default: return nil
            }
        }
        let style: SwiftPagesFunction.Style
        let element: SwiftType
        switch pagination.style {
        case .pageNumber(_, let totalPages, let itemsPath?):
            guard let (found, type) = list(itemsPath) else { return skip("its answer has no list \(text(itemsPath))") }
            guard let total = count(path(totalPages, in: answer)) else {
                return skip("\(text(totalPages)) is not a number in its answer")
            }
            style = .pages(items: found, totalPages: total)
            element = type
        case .pageNumber(_, let totalPages, nil):
            guard case .array(let type)? = answer else { return skip("its result is not a list") }
            guard let envelope, let envelopeName = namer.envelope?.name, let total = count(path(totalPages, in: envelope.properties)) else {
                return skip("\(text(totalPages)) is not a number in the response envelope" + (envelope == nil ? ", and the API has none" : ""))
            }
            style = .envelopePages(envelope: namer.namespace + "." + envelopeName, totalPages: total)
            element = type
        case .offset(_, let itemsPath, let totalPath):
            guard let (found, type) = list(itemsPath) else { return skip("its answer has no list \(text(itemsPath))") }
            var total: SwiftPagesFunction.Count?
            if let totalPath {
                guard let counted = count(path(totalPath, in: answer)) else { return skip("\(text(totalPath)) is not a number in its answer") }
                total = counted
            }
            style = .offset(items: found, total: total)
            element = type
        case .token(_, let itemsPath, let nextPath):
            guard let (found, type) = list(itemsPath) else { return skip("its answer has no list \(text(itemsPath))") }
            guard let next = path(nextPath, in: answer)?.path else { return skip("its answer has no field \(text(nextPath))") }
            style = .token(items: found, nextToken: next)
            element = type
        }
        let isPage = { (parameter: (model: Parameter?, lowered: SwiftParameter)) in parameter.model?.name == parameterName }
        return SwiftPagesFunction(
            name: name, elementType: element, parameters: parameters.filter { !isPage($0) }.map(\.lowered),
            arguments: parameters.map { SwiftPagesFunction.Argument(label: $0.lowered.label, isPage: isPage($0)) },
            pageRequired: !page.isOptional, container: container, style: style)
    }

    /// The steps from a value of `type` along `keyPath` (`$0.resultInfo?.totalPages`), and the type
    /// at its end; nil when a key is not a plain property of a struct on the way.
    func path(_ keyPath: [String], in type: SwiftType?) -> (path: SwiftPagesFunction.Path, type: SwiftType)? {
        guard case .named(let name)? = type, let shape = declarations[name]?.structure else { return nil }
        return path(keyPath, in: shape.properties)
    }

    func path(_ keyPath: [String], in properties: [SwiftProperty]) -> (path: SwiftPagesFunction.Path, type: SwiftType)? {
        guard let first = keyPath.first, var property = properties.first(where: { $0.key == first }) else { return nil }
        var steps: [SwiftPagesFunction.Step] = []
        var optional = false
        var index = 0
        while true {
            // `Nullable` and `Indirect` values are not read through.
            guard property.declaredType.unwrapped == property.valueType else { return nil }
            steps.append(SwiftPagesFunction.Step(property: property.name, throughOptional: optional))
            optional = optional || property.declaredType.isOptional
            index += 1
            guard index < keyPath.count else { break }
            guard case .named(let type) = property.valueType,
                  let next = declarations[type]?.structure?.property(key: keyPath[index]) else { return nil }
            property = next
        }
        return (SwiftPagesFunction.Path(steps: steps, optional: optional, keyPath: keyPath), property.valueType)
    }

    /// Conforms the API's operation type to `LongRunningOperation` and adds `wait(for:client:)`,
    /// which polls with the poll operation.
    func lowerLongRunning(_ spec: LongRunningOperations, operations: [(operation: SwiftOperation, container: String)],
                          diagnostics: inout [Diagnostic]) -> SwiftLongRunning? {
        func skip(_ reason: String) -> SwiftLongRunning? {
            diagnostics.append(.warning("no wait(for:) helper for long-running operations: \(reason)",
                                        at: spec.origin.location, pointer: spec.origin.pointer))
            return nil
        }
        guard let declaration = declarations.values.first(where: { $0.modelName == spec.type }),
              let shape = declaration.structure else {
            return skip("'\(spec.type)' is not an object type")
        }
        func accessor(_ key: String) -> SwiftLongRunning.Accessor? {
            shape.property(key: key).map { SwiftLongRunning.Accessor(property: $0.name, optional: $0.declaredType.isOptional) }
        }
        guard let id = accessor(spec.idProperty) else { return skip("'\(spec.type)' has no property '\(spec.idProperty)'") }
        guard let done = accessor(spec.doneProperty) else { return skip("'\(spec.type)' has no property '\(spec.doneProperty)'") }
        let error: SwiftLongRunning.ErrorAccess
        if let property = shape.property(key: spec.errorProperty) {
            error = .property(property.name)
        } else if let group = shape.oneOfs.first(where: { $0.cases.contains { $0.key == spec.errorProperty } }),
                  let errorCase = group.cases.first(where: { $0.key == spec.errorProperty }) {
            error = .oneOfCase(property: group.property, case: errorCase.name, optional: !group.required)
        } else {
            return skip("'\(spec.type)' has no property '\(spec.errorProperty)'")
        }
        guard let (poll, container) = operations.first(where: { $0.operation.id == spec.pollOperation }) else {
            return skip("no operation has the id '\(spec.pollOperation)'")
        }
        let pathParameters = poll.parameters.filter { $0.encoding == .path }
        guard pathParameters.count == 1, let label = pathParameters.first?.label,
              poll.parameters.allSatisfy({ $0.encoding == .path || $0.isOptional }),
              poll.responseType == .named(declaration.qualifiedName) else {
            return skip("'\(spec.pollOperation)' must take the operation's ID as its only required parameter "
                        + "and return '\(spec.type)'")
        }
        return SwiftLongRunning(type: declaration.qualifiedName, operationID: id, isDone: done, error: error,
                                pollOperationID: poll.id, pollContainer: container, pollFunction: poll.name, pollLabel: label,
                                pollDeprecated: poll.deprecated,
                                errorShape: namer.errorShapeName.map { namer.namespace + "." + $0 })
    }
}

/// Waiting for background tasks: `...AndWait` helpers, and the task type's conformance.
extension OperationContext {
    /// `createAndWait(...)`, for an operation whose answer holds task IDs.
    func lowerWaiting(_ named: NamedOperation) -> SwiftWaitFunction? {
        guard let name = named.waitName, let tasks = lowering.api.backgroundTasks,
              let (found, _) = path([tasks.idsProperty], in: named.operation.response.type.map(lowering.swiftType)),
              let step = found.steps.first else { return nil }
        return SwiftWaitFunction(name: name, idsProperty: step.property, idsOptional: found.optional)
    }

    /// Conforms the task type to `BackgroundTask`; nil, with a warning, when the poll operation or the
    /// task's fields cannot be read as the profile says (the `...AndWait` helpers are then left out).
    func lowerBackgroundTasks(_ spec: BackgroundTasks, operations: [(operation: SwiftOperation, container: String)],
                              diagnostics: inout [Diagnostic]) -> SwiftBackgroundTasks? {
        func skip(_ reason: String) -> SwiftBackgroundTasks? {
            diagnostics.append(.warning("no waiting helpers for tasks: \(reason)", at: spec.origin.location, pointer: spec.origin.pointer))
            return nil
        }
        guard let (poll, container) = operations.first(where: { $0.operation.id == spec.pollOperation }),
              let label = poll.parameters.first(where: { $0.encoding == .path })?.label,
              case .named(let typeName) = poll.responseType, let shape = declarations[typeName]?.structure else {
            return skip("'\(spec.pollOperation)' must take the task's ID in its path and answer with the task object")
        }
        func accessor(_ key: String, _ wanted: (SwiftType) -> Bool) -> SwiftLongRunning.Accessor? {
            guard let property = shape.property(key: key), property.declaredType.unwrapped == property.valueType,
                  wanted(property.valueType) else { return nil }
            return SwiftLongRunning.Accessor(property: property.name, optional: property.declaredType.isOptional)
        }
        let isString = { (type: SwiftType) in type == .builtin(.string) || type == .builtin(.uuidString) }
        guard let id = accessor(spec.idProperty, isString) else { return skip("the task's '\(spec.idProperty)' is not a string") }
        var stateIsEnum = false
        let state = accessor(spec.stateProperty) { type in
            guard case .named(let name) = type else { return type == .builtin(.string) }
            stateIsEnum = declarations[name]?.enumeration != nil
            return stateIsEnum
        }
        guard let state else { return skip("the task's '\(spec.stateProperty)' is neither a string nor an enum of strings") }
        var error: SwiftLongRunning.Accessor?
        if let key = spec.errorProperty {
            guard let found = accessor(key, isString) else { return skip("the task's '\(key)' is not a string") }
            error = found
        }
        return SwiftBackgroundTasks(
            type: typeName, id: id, state: state, stateIsEnum: stateIsEnum, error: error, finishedStates: spec.finishedStates,
            failedStates: spec.failedStates, stateKey: spec.stateProperty, createdKey: spec.createdProperty,
            pollOperationID: poll.id, pollContainer: container, pollFunction: poll.name, pollLabel: label)
    }
}
