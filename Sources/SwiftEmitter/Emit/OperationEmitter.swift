import APIModel

/// Each operation becomes a static function that returns a `Request` value: method, server, path
/// with every parameter percent-encoded as one segment, query, headers, JSON body and the response
/// type. Building it touches no network.
extension EmitContext {
    /// A parameter as the function declares it and the request uses it.
    struct OperationParameter {
        var label: String
        var type: String
        var isOptional: Bool
        var documentation: String?
        /// The statement that puts the value into the request (nil for path parameters).
        var statement: String?
        /// The parameter's name on the wire; nil for the body.
        var wireName: String?
    }

    /// The function's parameters in order: path parameters as the path has them, then what is
    /// required, then what may be left out. Paths use `pathLabels` to interpolate their values.
    func parameterList(_ operation: Operation, diagnostics: inout [Diagnostic]) -> (ordered: [OperationParameter], pathLabels: [String: String]) {
        let labels = names.parameterLabels[operation.id] ?? []
        var pathLabels: [String: String] = [:]
        var parameters: [OperationParameter] = []
        for (parameter, label) in zip(operation.parameters, labels) {
            if parameter.location == .path { pathLabels[parameter.name] = label }
            parameters.append(operationParameter(parameter, label: label, diagnostics: &diagnostics))
        }
        if let body = operation.requestBody, let label = names.bodyLabels[operation.id] {
            let type = swiftType(body.type)
            parameters.append(OperationParameter(
                label: label, type: body.required ? type : type + "?", isOptional: !body.required,
                documentation: body.documentation.details ?? "The request body.",
                statement: "request.body = \(SwiftIdentifiers.escaped(label))", wireName: nil))
        }
        let pathOrder = PathTemplate(operation.path).variables.compactMap { pathLabels[$0] }
        let ordered = pathOrder.compactMap { label in parameters.first { $0.label == label } }
            + parameters.filter { !pathOrder.contains($0.label) && !$0.isOptional }
            + parameters.filter { !pathOrder.contains($0.label) && $0.isOptional }
        return (ordered, pathLabels)
    }

    func emitOperation(_ operation: Operation, into printer: inout CodePrinter, diagnostics: inout [Diagnostic]) {
        let (ordered, pathLabels) = parameterList(operation, diagnostics: &diagnostics)

        let response = operation.response.type.map(swiftType) ?? "NoContent"
        let requestType = "Request<\(response)>"
        var docs: [String] = []
        if let summary = operation.documentation.summary, !summary.isEmpty { docs.append(summary) }
        if let details = operation.documentation.details, !details.isEmpty { docs.append(details) }
        let documented = ordered.filter { !($0.documentation ?? "").isEmpty }
        if !documented.isEmpty {
            docs.append((["- Parameters:"] + documented.map {
                "  - \($0.label): " + ($0.documentation ?? "").split(separator: "\n").joined(separator: " ")
            }).joined(separator: "\n"))
        }
        docs.append("- Remark: `\(operation.method) \(operation.path)`, operation `\(operation.id)`, "
                    + "generated from `\(operation.origin.pointer)`.")
        printer.documentation(docs)
        if operation.deprecated { printer.line("@available(*, deprecated)") }

        let declared = ordered.map { parameter in
            "\(SwiftIdentifiers.escaped(parameter.label)): \(parameter.type)\(parameter.isOptional ? " = nil" : "")"
        }
        let name = SwiftIdentifiers.escaped(names.operationNames[operation.id] ?? "operation")
        printer.signature("public static func \(name)", parameters: declared, suffix: " -> \(requestType)") { body in
            let creation = "\(requestType)("
            let arguments = [
                "method: \(methodExpression(operation.method))",
                "server: \(serverExpression(operation.server))",
                "path: \(pathExpression(operation.path, labels: pathLabels))",
                "operationID: \(SwiftLiteral.string(operation.id))",
                "decoding: \(decodingExpression(operation.response.type == nil))",
            ]
            let statements = ordered.compactMap(\.statement)
            let contentType = operation.requestBody.map(\.contentType).flatMap { $0 == "application/json" ? nil : $0 }
            if statements.isEmpty && contentType == nil {
                body.line(creation)
                body.indented { $0.lines(arguments, separator: ",") }
                body.line(")")
                return
            }
            body.line("var request = " + creation)
            body.indented { $0.lines(arguments, separator: ",") }
            body.line(")")
            if let contentType { body.line("request.contentType = \(SwiftLiteral.string(contentType))") }
            for statement in statements { body.line(statement) }
            body.line("return request")
        }
    }

    private func operationParameter(_ parameter: Parameter, label: String, diagnostics: inout [Diagnostic]) -> OperationParameter {
        let value = SwiftIdentifiers.escaped(label)
        let wire = SwiftLiteral.string(parameter.name)
        var type = parameter.type.nonNull
        var statement: String?
        switch parameter.location {
        case .path:
            if !isParameterValue(type) {
                diagnostics.append(.warning("path parameter '\(parameter.name)' has a type that cannot be written in a path; "
                                            + "it is generated as a string", at: parameter.origin.location, pointer: parameter.origin.pointer))
                type = .string(.plain)
            }
        case .header:
            if !isParameterValue(type) {
                diagnostics.append(.warning("header parameter '\(parameter.name)' has a type that cannot be written in a header; "
                                            + "it is generated as a string", at: parameter.origin.location, pointer: parameter.origin.pointer))
                type = .string(.plain)
            }
            statement = "request.headers.set(\(wire), \(value))"
        case .query:
            switch (parameter.encoding, type) {
            case (.json, _):
                statement = "request.query.appendJSON(\(wire), \(value))"
            case (.deepObject, _):
                statement = "request.query.appendFields(\(wire), \(value), deep: true)"
            case (.commaSeparated, .array(let element)) where isParameterValue(element):
                statement = "request.query.appendCommaSeparated(\(wire), \(value))"
            case (_, .array(let element)) where isParameterValue(element):
                statement = "request.query.append(\(wire), \(value))"
            case _ where isParameterValue(type):
                statement = "request.query.append(\(wire), \(value))"
            case _ where isObject(type):
                // `style: form` (the default) sends an object's properties as parameters of their own.
                statement = "request.query.appendFields(\(wire), \(value))"
            default:
                diagnostics.append(.warning("query parameter '\(parameter.name)' has a type OpenAPI gives no text form; "
                                            + "it is sent as JSON text", at: parameter.origin.location, pointer: parameter.origin.pointer))
                statement = "request.query.appendJSON(\(wire), \(value))"
            }
        }
        let swift = swiftType(type)
        return OperationParameter(
            label: label, type: parameter.required ? swift : swift + "?", isOptional: !parameter.required,
            documentation: parameterDocumentation(parameter), statement: statement, wireName: parameter.name)
    }

    private func parameterDocumentation(_ parameter: Parameter) -> String? {
        guard let value = parameter.defaultValue, value != .null, let text = jsonText(value) else {
            return parameter.documentation.details
        }
        return [parameter.documentation.details, "Default: `\(text)`."].compactMap { $0 }.joined(separator: " ")
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

    private func methodExpression(_ method: String) -> String {
        switch method {
        case "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE": return "." + method.lowercased()
        default: return "HTTPMethod(rawValue: \(SwiftLiteral.string(method)))"
        }
    }

    func serverExpression(_ server: String?) -> String {
        let name = server ?? api.servers.first?.name ?? "default"
        return names.namespace + "." + (names.serverNames[name] ?? "defaultServer")
    }

    /// The path as an interpolated literal: `"/secrets/\(secretID)"`.
    private func pathExpression(_ path: String, labels: [String: String]) -> String {
        var text = "\""
        for segment in PathTemplate(path).segments {
            switch segment {
            case .literal(let literal):
                text += SwiftLiteral.stringContent(literal)
            case .variable(let name):
                if let label = labels[name] {
                    text += "\\(" + SwiftIdentifiers.escaped(label) + ")"
                } else {
                    text += SwiftLiteral.stringContent("{" + name + "}")
                }
            }
        }
        return text + "\""
    }

    /// Enveloped answers are unwrapped even without a result, so that `success: false` is still an error.
    private func decodingExpression(_ noContent: Bool) -> String {
        if api.envelope != nil { return ".enveloped(\(names.namespace).\(names.envelopeName).self)" }
        return noContent ? ".none" : ".json"
    }
}

extension CodePrinter {
    /// Lines joined by `separator` at their ends, the last without it.
    mutating func lines(_ items: [String], separator: String) {
        for (index, item) in items.enumerated() {
            line(item + (index < items.count - 1 ? separator : ""))
        }
    }
}
