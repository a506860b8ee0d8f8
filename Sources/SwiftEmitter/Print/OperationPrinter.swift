import APIModel
import SwiftLowering

/// Each operation becomes a static function that returns a `Request` value: method, server, path
/// with every parameter percent-encoded as one segment, query, headers, JSON body and the response
/// type. Building it touches no network.
extension PrintContext {
    /// Operations in their order, each followed by its paging and waiting helpers.
    func printOperations(_ operations: [SwiftOperation], into printer: inout CodePrinter) {
        for (index, operation) in operations.enumerated() {
            if index > 0 { printer.line() }
            printOperation(operation, into: &printer)
            if let pages = operation.pages {
                printPagesFunction(pages, of: operation, into: &printer)
            }
            if let waiting = operation.waiting, let tasks = api.backgroundTasks {
                printWaitFunction(waiting, of: operation, tasks: tasks, into: &printer)
            }
            if let stream = operation.stream {
                printStreamFunction(stream, of: operation, into: &printer)
            }
        }
    }

    /// `createStream(...)`: the same call, its answer read as items as they arrive.
    private func printStreamFunction(_ stream: SwiftStreamFunction, of operation: SwiftOperation, into printer: inout CodePrinter) {
        let item = spelling(stream.itemType)
        let element = SwiftEmitter.streamElement(stream)
        let (what, make): (String, String)
        switch stream.format {
        case .serverSentEvents:
            what = "each Server-Sent Event, its `data` read as `\(item)`"
            make = ".serverSentEvents(call, of: \(item).self, accept: \(SwiftLiteral.string(stream.accept))"
                + (stream.terminator.map { ", terminator: \(SwiftLiteral.string($0)))" } ?? ")")
        case .jsonLines, .jsonSequence:
            what = "each JSON value as `\(item)`"
            make = ".jsonValues(call, format: .\(stream.format.rawValue), accept: \(SwiftLiteral.string(stream.accept)))"
        }
        let arguments = operation.parameters.map { "\(Identifiers.escaped($0.label)): \(Identifiers.escaped($0.label))" }
        printer.line()
        printer.documentation([
            "`\(operation.name)` as a stream: `client.stream(...)` delivers \(what), as it arrives; ending the loop "
                + "ends the connection.",
            "- Remark: Asks for `\(stream.accept)`.",
        ])
        if operation.deprecated { printer.line("@available(*, deprecated)") }
        printer.signature("\(access) static func \(Identifiers.escaped(stream.name))", parameters: declarations(operation.parameters),
                          suffix: " -> StreamRequest<\(element)>") { body in
            body.line("let call = Self.\(Identifiers.escaped(operation.name))(" + arguments.joined(separator: ", ") + ")")
            body.line("return " + make)
        }
    }

    func printOperation(_ operation: SwiftOperation, into printer: inout CodePrinter) {
        let requestType = "Request<\(spelling(operation.responseType))>"
        var docs: [String] = []
        if let summary = operation.documentation.summary, !summary.isEmpty { docs.append(summary) }
        if let details = operation.documentation.details, !details.isEmpty { docs.append(details) }
        let documented = operation.parameters.compactMap { parameter in
            parameterDocumentation(parameter).map { (label: parameter.label, text: $0) }
        }.filter { !$0.text.isEmpty }
        if !documented.isEmpty {
            docs.append((["- Parameters:"] + documented.map {
                "  - \($0.label): " + $0.text.split(separator: "\n").joined(separator: " ")
            }).joined(separator: "\n"))
        }
        if case .data(let accept) = operation.decoding {
            docs.append("- Returns: The answer's bytes (`\(accept)`); `APIClient.response(for:)` also gives their `contentType`.")
        }
        docs.append("- Remark: `\(operation.method) \(operation.pathTemplate)`, operation `\(operation.id)`, "
                    + "generated from `\(operation.origin.pointer)`.")
        printer.documentation(docs)
        if operation.deprecated { printer.line("@available(*, deprecated)") }

        let name = Identifiers.escaped(operation.name)
        printer.signature("\(access) static func \(name)", parameters: declarations(operation.parameters),
                          suffix: " -> \(requestType)") { body in
            let creation = "\(requestType)("
            let arguments = [
                "method: \(methodExpression(operation.method))",
                "server: \(operation.server)",
                "path: \(pathExpression(operation.path))",
                "operationID: \(SwiftLiteral.string(operation.id))",
                "decoding: \(decodingExpression(operation.decoding))",
            ] + (operation.errorShape.map { ["errorShape: \($0)"] } ?? [])
            let statements = operation.parameters.compactMap(statement)
            if statements.isEmpty && operation.contentType == nil && operation.bodyEncoding == nil && operation.idempotencyKeyHeader == nil {
                body.line(creation)
                body.indented { $0.lines(arguments, separator: ",") }
                body.line(")")
                return
            }
            body.line("var request = " + creation)
            body.indented { $0.lines(arguments, separator: ",") }
            body.line(")")
            if let contentType = operation.contentType { body.line("request.contentType = \(SwiftLiteral.string(contentType))") }
            if let encoding = operation.bodyEncoding { printBodyEncoding(encoding, into: &body) }
            for statement in statements { body.line(statement) }
            if let header = operation.idempotencyKeyHeader { body.line("request.idempotencyKeyHeader = \(SwiftLiteral.string(header))") }
            body.line("return request")
        }
    }

    /// `label: Type` for each parameter, `= nil` for those that may be left out (or their default).
    func declarations(_ parameters: [SwiftParameter]) -> [String] {
        parameters.map { parameter in
            let defaultValue = parameter.defaultText.map { " = " + SwiftLiteral.string($0) } ?? (parameter.isOptional ? " = nil" : "")
            return "\(Identifiers.escaped(parameter.label)): \(spelling(parameter.type))\(defaultValue)"
        }
    }

    /// `request.bodyEncoding = .form([...])`, one property's encoding a line.
    private func printBodyEncoding(_ encoding: SwiftBodyEncoding, into body: inout CodePrinter) {
        let (name, fields): (String, [SwiftFieldEncoding])
        switch encoding {
        case .text: body.line("request.bodyEncoding = .text"); return
        case .binary: body.line("request.bodyEncoding = .binary"); return
        case .form(let list): (name, fields) = ("form", list)
        case .multipart(let list): (name, fields) = ("multipart", list)
        }
        guard !fields.isEmpty else {
            body.line("request.bodyEncoding = .\(name)()")
            return
        }
        body.line("request.bodyEncoding = .\(name)([")
        body.indented { lines in
            for field in fields {
                let arguments = [
                    field.style.map { "style: .\($0.rawValue)" },
                    field.explode.map { "explode: \($0)" },
                    field.allowReserved ? "allowReserved: true" : nil,
                    field.contentType.map { "contentType: \(SwiftLiteral.string($0))" },
                ].compactMap { $0 }
                lines.line("\(SwiftLiteral.string(field.property)): FieldEncoding(\(arguments.joined(separator: ", "))),")
            }
        }
        body.line("])")
    }

    /// The statement that puts the value into the request (none for path parameters, which the path holds).
    private func statement(_ parameter: SwiftParameter) -> String? {
        let value = Identifiers.escaped(parameter.label)
        switch parameter.encoding {
        case .path:
            return nil
        case .body:
            return "request.body = \(value)"
        case .contentType:
            return "request.contentType = \(value)"
        case .header(let name):
            return "request.headers.set(\(SwiftLiteral.string(name)), \(value))"
        case .query(let name, let style):
            let wire = SwiftLiteral.string(name)
            switch style {
            case .form: return "request.query.append(\(wire), \(value))"
            case .delimited(.comma): return "request.query.appendCommaSeparated(\(wire), \(value))"
            case .delimited(let delimiter):
                return "request.query.appendDelimited(\(wire), \(value), by: \(SwiftLiteral.string(delimiter.rawValue)))"
            case .objectFields: return "request.query.appendFields(\(wire), \(value))"
            case .deepObject: return "request.query.appendFields(\(wire), \(value), deep: true)"
            case .json: return "request.query.appendJSON(\(wire), \(value))"
            }
        }
    }

    /// The text, with the default when there is one; the body says what it is when it has no text.
    private func parameterDocumentation(_ parameter: SwiftParameter) -> String? {
        let details = parameter.documentation.details
        if parameter.encoding == .body {
            return details ?? "The request body."
        }
        guard let value = parameter.defaultValue, value != .null else { return details }
        return [details, "Default: `\(jsonText(value))`."].compactMap { $0 }.joined(separator: " ")
    }

    private func methodExpression(_ method: String) -> String {
        switch method {
        case "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE": return "." + method.lowercased()
        default: return "HTTPMethod(rawValue: \(SwiftLiteral.string(method)))"
        }
    }

    /// The path as an interpolated literal, each parameter with its name: `"/secrets/\(secretID, name: "secret_id")"`.
    private func pathExpression(_ path: [SwiftOperation.PathPart]) -> String {
        var text = "\""
        for part in path {
            switch part {
            case .literal(let literal): text += SwiftLiteral.stringContent(literal)
            case .parameter(let label, let name):
                text += "\\(" + Identifiers.escaped(label) + ", name: " + SwiftLiteral.string(name) + ")"
            }
        }
        return text + "\""
    }

    private func decodingExpression(_ decoding: SwiftOperation.Decoding) -> String {
        switch decoding {
        case .none: return ".none"
        case .json: return ".json"
        case .enveloped(let envelope): return ".enveloped(\(envelope).self)"
        case .text(let accept): return ".text(accepting: \(SwiftLiteral.string(accept)))"
        case .data(let accept): return ".data(accepting: \(SwiftLiteral.string(accept)))"
        }
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
