import APIModel

/// Helpers on top of single requests: `...Pages` functions for paged list operations, and waiting for
/// long-running operations.
extension EmitContext {
    /// `listPages(...)`: the list operation's parameters without the page, returning a `PagedRequest`
    /// whose pages `APIClient.pages(_:)` fetches one at a time.
    func emitPagesFunction(_ operation: Operation, into printer: inout CodePrinter, diagnostics: inout [Diagnostic]) {
        guard let pagination = operation.pagination, let name = names.pagesFunctionNames[operation.id] else { return }
        func skip(_ reason: String) {
            diagnostics.append(.warning("no paging helper for '\(operation.id)': \(reason)", at: operation.origin.location,
                                        pointer: operation.origin.pointer))
        }
        guard api.envelope != nil else { return skip("paging reads the page count from a response envelope, and the API has none") }
        guard case .array(let element)? = operation.response.type else { return skip("its result is not a list") }
        guard let totalPages = totalPagesExpression(pagination.totalPagesPath) else {
            return skip("'\(pagination.totalPagesPath.joined(separator: "."))' is not a number in the envelope")
        }
        // The operation's own parameters (its warnings were reported when it was emitted), minus the page.
        var ignored: [Diagnostic] = []
        var parameters: [String] = []
        var arguments: [String] = []
        for parameter in parameterList(operation, diagnostics: &ignored).ordered {
            let escaped = SwiftIdentifiers.escaped(parameter.label)
            if parameter.wireName == pagination.pageParameter {
                arguments.append("\(escaped): page")
                continue
            }
            parameters.append("\(escaped): \(parameter.type)" + (parameter.isOptional ? " = nil" : ""))
            arguments.append("\(escaped): \(escaped)")
        }
        let elementType = swiftType(element)
        let function = names.operationNames[operation.id] ?? "list"
        let group = operation.group.flatMap { names.groupNames[$0] }.map { names.namespace + "." + $0 } ?? names.namespace
        printer.line()
        printer.documentation([
            "\(operation.documentation.summary ?? function) A page at a time: `client.pages(...)` fetches each page when it is reached, "
                + "and `client.all(...)` collects every item.",
            "- Remark: Pages of `\(function)`, counted by `\(pagination.totalPagesPath.joined(separator: "."))`.",
        ])
        if operation.deprecated { printer.line("@available(*, deprecated)") }
        printer.signature("public static func \(SwiftIdentifiers.escaped(name))", parameters: parameters,
                          suffix: " -> PagedRequest<\(elementType)>") { body in
            body.line("PagedRequest { page in")
            body.indented { closure in
                let call = "\(group).\(SwiftIdentifiers.escaped(function))"
                if call.count + arguments.joined(separator: ", ").count > 100 {
                    closure.line(call + "(")
                    closure.indented { $0.lines(arguments, separator: ",") }
                    closure.line(")")
                } else {
                    closure.line(call + "(" + arguments.joined(separator: ", ") + ")")
                }
                closure.line(".paged(\(names.namespace).\(names.envelopeName)<[\(elementType)]>.self, page: page) { \(totalPages) }")
            }
            body.line("}")
        }
    }

    /// `$0.resultInfo?.totalPages` for `result_info.total_pages`, as a `Double?`.
    private func totalPagesExpression(_ path: [String]) -> String? {
        guard let envelope = api.envelope, let first = path.first,
              let index = envelope.properties.firstIndex(where: { $0.name == first }) else { return nil }
        var expression = "$0." + SwiftIdentifiers.escaped(names.envelopePropertyNames[index])
        var property = envelope.properties[index]
        var optional = !property.required || property.type.isNullable
        for key in path.dropFirst() {
            guard case .named(let name) = property.type.nonNull, case .object(let shape)? = declarations[name]?.kind,
                  let next = shape.properties.firstIndex(where: { $0.name == key }) else { return nil }
            expression += (optional ? "?." : ".") + SwiftIdentifiers.escaped(names.propertyNames[name]?[next] ?? key)
            property = shape.properties[next]
            optional = optional || !property.required || property.type.isNullable
        }
        switch property.type.nonNull {
        case .number: return expression
        case .integer(let format) where format != .int64String:
            return optional ? expression + ".map(Double.init)" : "Double(\(expression))"
        default: return nil
        }
    }

    /// Conforms the API's operation type to `LongRunningOperation` and adds `wait(for:client:)`.
    func emitLongRunningOperations(_ spec: LongRunningOperations, into printer: inout CodePrinter) {
        guard case .object(let shape)? = declarations[spec.type]?.kind,
              let poll = api.operations.first(where: { $0.id == spec.pollOperation }),
              let pollName = names.operationNames[poll.id] else { return }
        let type = names.qualified(spec.type)
        let propertyNames = names.propertyNames[spec.type] ?? []
        func propertyName(_ key: String) -> String? {
            shape.properties.firstIndex { $0.name == key }.map { SwiftIdentifiers.escaped(propertyNames[$0]) }
        }
        printer.line()
        printer.block("extension \(type): LongRunningOperation") { body in
            if let id = propertyName(spec.idProperty) {
                let required = shape.properties.first { $0.name == spec.idProperty }?.required ?? false
                body.line("public var operationID: String { \(id)\(required ? "" : " ?? \"\"") }")
            }
            if let done = propertyName(spec.doneProperty) {
                let required = shape.properties.first { $0.name == spec.doneProperty }?.required ?? false
                body.line("public var isDone: Bool { \(done)\(required ? "" : " ?? false") }")
            }
            body.block("public var operationError: (any Encodable & Sendable)?") { getter in
                if let error = propertyName(spec.errorProperty) {
                    getter.line(error)
                } else if let (groupIndex, group) = shape.oneOfs.enumerated().first(where: { $0.element.fields.contains { $0.name == spec.errorProperty } }),
                          let names = names.oneOfNames[spec.type]?[groupIndex],
                          let fieldIndex = group.fields.firstIndex(where: { $0.name == spec.errorProperty }) {
                    let property = SwiftIdentifiers.escaped(names.property)
                    let caseName = SwiftIdentifiers.escaped(names.cases[fieldIndex])
                    getter.line("if case .\(caseName)(let error)\(group.required ? "" : "?") = \(property) { return error }")
                    getter.line("return nil")
                } else {
                    getter.line("nil")
                }
            }
        }
        let pathIndex = poll.parameters.firstIndex { $0.location == .path } ?? 0
        let label = SwiftIdentifiers.escaped(names.parameterLabels[poll.id]?[pathIndex] ?? "id")
        let group = poll.group.flatMap { names.groupNames[$0] }.map { names.namespace + "." + $0 } ?? names.namespace
        printer.line()
        printer.block("extension \(names.namespace)") { body in
            body.documentation([
                "Waits for a long-running operation: polls `\(poll.id)` until the operation is done, with pauses growing "
                    + "from `initialDelay` to `maxDelay`, and throws `APIError.operationFailed` with the operation's error, "
                    + "or `APIError.timedOut` once `timeout` has passed.",
            ])
            if poll.deprecated { body.line("@available(*, deprecated)") }
            body.line("public static func wait(")
            body.indented {
                $0.line("for operation: \(type),")
                $0.line("client: APIClient,")
                $0.line("timeout: Duration = .seconds(300),")
                $0.line("initialDelay: Duration = .milliseconds(500),")
                $0.line("maxDelay: Duration = .seconds(10)")
            }
            body.line(") async throws(APIError) -> \(type) {")
            body.indented {
                $0.line("try await client.wait(for: operation, timeout: timeout, initialDelay: initialDelay, maxDelay: maxDelay) {")
                $0.indented { $0.line("\(group).\(SwiftIdentifiers.escaped(pollName))(\(label): $0)") }
                $0.line("}")
            }
            body.line("}")
        }
    }
}
