import APIModel

/// What operations and helpers read besides the model: the lowered declarations and envelope, to
/// find the Swift names of the properties that paging and waiting read.
struct OperationContext {
    let lowering: LoweringContext
    /// Every lowered declaration, nested ones included, by qualified name.
    let declarations: [String: SwiftDeclaration]
    let envelope: SwiftEnvelope?

    var namer: Namer { lowering.namer }

    /// Operations sorted by function name (then id), so that reordering the input does not move them.
    func lowerOperations(_ operations: [NamedOperation], container: String, diagnostics: inout [Diagnostic]) -> [SwiftOperation] {
        operations.sorted { ($0.name, $0.operation.id) < ($1.name, $1.operation.id) }.map {
            lowerOperation($0, container: container, diagnostics: &diagnostics)
        }
    }

    private func lowerOperation(_ named: NamedOperation, container: String, diagnostics: inout [Diagnostic]) -> SwiftOperation {
        let operation = named.operation
        var scope = Scope(reserved: ReservedNames.operationLocals)
        var parameters: [(model: Parameter?, lowered: SwiftParameter)] = []
        var pathLabels: [String: String] = [:]
        for parameter in operation.parameters {
            let label = scope.claim(SwiftIdentifiers.memberName(parameter.name))
            if parameter.location == .path { pathLabels[parameter.name] = label }
            parameters.append((parameter, lowerParameter(parameter, label: label, diagnostics: &diagnostics)))
        }
        if let body = operation.requestBody {
            let type = lowering.swiftType(body.type)
            parameters.append((nil, SwiftParameter(label: scope.claim("body"), type: body.required ? type : .optional(type),
                                                   isOptional: !body.required, documentation: body.documentation,
                                                   encoding: .body)))
        }

        // Path parameters as the path has them, then what is required, then what may be left out.
        var path: [SwiftOperation.PathPart] = []
        var inPath: [String] = []
        for segment in PathTemplate(operation.path).segments {
            switch segment {
            case .literal(let text):
                path.append(.literal(text))
            case .variable(let name):
                // `Validation` has checked that every variable has its path parameter.
                guard let label = pathLabels[name] else {
                    path.append(.literal("{" + name + "}"))
                    continue
                }
                path.append(.parameter(label: label, name: name))
                if !inPath.contains(label) { inPath.append(label) }
            }
        }
        let ordered = inPath.compactMap { label in parameters.first { $0.lowered.label == label } }
            + parameters.filter { !inPath.contains($0.lowered.label) && !$0.lowered.isOptional }
            + parameters.filter { !inPath.contains($0.lowered.label) && $0.lowered.isOptional }

        let decoding: SwiftOperation.Decoding
        if let envelope = namer.envelope {
            decoding = .enveloped(namer.namespace + "." + envelope.name)
        } else {
            decoding = operation.response.type == nil ? .none : .json
        }
        let contentType = operation.requestBody.map(\.contentType).flatMap { $0 == "application/json" ? nil : $0 }
        return SwiftOperation(
            id: operation.id, name: named.name, method: operation.method, pathTemplate: operation.path, path: path,
            server: namer.namespace + "." + (operation.server.flatMap { namer.serverNames[$0] } ?? namer.defaultServer),
            parameters: ordered.map(\.lowered), responseType: operation.response.type.map(lowering.swiftType) ?? .builtin(.noContent),
            decoding: decoding, contentType: contentType, documentation: operation.documentation,
            deprecated: operation.deprecated, origin: operation.origin,
            pages: lowerPages(named, parameters: ordered, container: container, diagnostics: &diagnostics),
            errorShape: namer.errorShapeName.map { namer.namespace + "." + $0 })
    }

    /// A parameter's Swift type and where its value goes. A value that has no text form is sent as a
    /// string in a path or a header (with a warning), and as JSON text in a query.
    private func lowerParameter(_ parameter: Parameter, label: String, diagnostics: inout [Diagnostic]) -> SwiftParameter {
        var type = parameter.type.nonNull
        func warning(_ message: String) {
            diagnostics.append(.warning(message, at: parameter.origin.location, pointer: parameter.origin.pointer))
        }
        let encoding: SwiftParameter.Encoding
        switch parameter.location {
        case .path:
            if !lowering.isParameterValue(type) {
                warning("path parameter '\(parameter.name)' has a type that cannot be written in a path; it is generated as a string")
                type = .string(.plain)
            }
            encoding = .path
        case .header:
            if !lowering.isParameterValue(type) {
                warning("header parameter '\(parameter.name)' has a type that cannot be written in a header; "
                        + "it is generated as a string")
                type = .string(.plain)
            }
            encoding = .header(name: parameter.name)
        case .query:
            let style: SwiftParameter.QueryStyle
            switch (parameter.encoding, type) {
            case (.json, _):
                style = .json
            case (.deepObject, _):
                style = .deepObject
            case (.commaSeparated, .array(let element)) where lowering.isParameterValue(element):
                // A null item has no text form (RFC 6570 leaves undefined values out), so items are never nil.
                type = .array(element.nonNull)
                style = .commaSeparated
            case (_, .array(let element)) where lowering.isParameterValue(element):
                type = .array(element.nonNull)
                style = .form
            case _ where lowering.isParameterValue(type):
                style = .form
            case _ where lowering.isObject(type):
                // `style: form` (the default) sends an object's properties as parameters of their own.
                style = .objectFields
            default:
                warning("query parameter '\(parameter.name)' has a type that cannot be written as query text; "
                        + "it is sent as JSON text")
                style = .json
            }
            encoding = .query(name: parameter.name, style: style)
        }
        let swift = lowering.swiftType(type)
        return SwiftParameter(label: label, type: parameter.required ? swift : .optional(swift), isOptional: !parameter.required,
                              documentation: parameter.documentation, defaultValue: parameter.defaultValue, encoding: encoding,
                              origin: parameter.origin)
    }
}
