import APIModel

/// Which helpers an operation gets, and why not when it does not: `...Pages` functions for paged
/// lists, and waiting for long-running operations. Each helper that cannot be generated is a warning
/// that says why.
extension OperationContext {
    /// `listPages(...)`: the list operation's parameters without the page, returning a `PagedRequest`.
    func lowerPages(_ named: NamedOperation, parameters: [(model: Parameter?, lowered: SwiftParameter)], container: String,
                    diagnostics: inout [Diagnostic]) -> SwiftPagesFunction? {
        let operation = named.operation
        guard let pagination = operation.pagination, let name = named.pagesName else { return nil }
        func skip(_ reason: String) -> SwiftPagesFunction? {
            diagnostics.append(.warning("no paging helper for '\(operation.id)': \(reason)", at: operation.origin.location,
                                        pointer: operation.origin.pointer))
            return nil
        }
        let keyPath = pagination.totalPagesPath.joined(separator: ".")
        guard let envelope, let envelopeName = namer.envelope?.name else {
            return skip("paging reads the page count from a response envelope, and the API has none")
        }
        guard case .array(let element)? = operation.response.type else { return skip("its result is not a list") }
        guard let (steps, conversion) = totalPages(pagination.totalPagesPath, in: envelope) else {
            return skip("'\(keyPath)' is not a number in the envelope")
        }
        guard parameters.contains(where: { $0.model?.name == pagination.pageParameter }) else {
            return skip("it has no parameter '\(pagination.pageParameter)' for the page")
        }
        let isPage = { (parameter: (model: Parameter?, lowered: SwiftParameter)) in parameter.model?.name == pagination.pageParameter }
        return SwiftPagesFunction(
            name: name, elementType: lowering.swiftType(element), parameters: parameters.filter { !isPage($0) }.map(\.lowered),
            arguments: parameters.map { SwiftPagesFunction.Argument(label: $0.lowered.label, isPage: isPage($0)) },
            container: container, envelope: namer.namespace + "." + envelopeName,
            totalPagesKeyPath: pagination.totalPagesPath, totalPages: steps, conversion: conversion)
    }

    /// The steps from an envelope to the number of pages (`$0.resultInfo?.totalPages`), and how it
    /// becomes a `Double?`; nil when the path does not end at a number.
    private func totalPages(_ path: [String], in envelope: SwiftEnvelope)
        -> (steps: [SwiftPagesFunction.Step], conversion: SwiftPagesFunction.Conversion)? {
        guard let first = path.first, var property = envelope.properties.first(where: { $0.key == first }) else { return nil }
        var steps = [SwiftPagesFunction.Step(property: property.name, throughOptional: false)]
        var optional = property.declaredType.isOptional
        for key in path.dropFirst() {
            guard case .named(let type) = property.valueType, let next = declarations[type]?.structure?.property(key: key) else {
                return nil
            }
            steps.append(SwiftPagesFunction.Step(property: next.name, throughOptional: optional))
            property = next
            optional = optional || next.declaredType.isOptional
        }
        switch property.valueType {
        case .builtin(.double): return (steps, .none)
        case .builtin(.int), .builtin(.int32), .builtin(.int64): return (steps, .integer(optional: optional))
        default: return nil
        }
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
                                pollDeprecated: poll.deprecated)
    }
}
