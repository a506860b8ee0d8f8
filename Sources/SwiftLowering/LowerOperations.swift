import APIModel

/// What operations and helpers read besides the model: the lowered declarations and envelope, to
/// find the Swift names of the properties that paging and waiting read.
struct OperationContext {
    let lowering: LoweringContext
    /// Every lowered declaration, nested ones included, by qualified name.
    let declarations: [String: SwiftDeclaration]
    let envelope: SwiftEnvelope?

    var namer: Namer { lowering.namer }

    /// Operations sorted by function name (then id), so that reordering the input does not move them;
    /// an operation whose body may be sent in several formats is one function per format.
    func lowerOperations(_ operations: [NamedOperation], container: String, diagnostics: inout [Diagnostic]) -> [SwiftOperation] {
        operations.sorted { ($0.name, $0.operation.id) < ($1.name, $1.operation.id) }.flatMap {
            lowerOperation($0, container: container, diagnostics: &diagnostics)
        }
    }

    /// One function per format of the body (one when it has none). With several, the functions share
    /// the operation's name and differ in the body's label (`json:`, `form:`, `multipart:`, `text:`,
    /// `data:`); only the first may leave an optional body out, so that a call without one is never
    /// ambiguous. Parameters, path and answer are lowered once, for all of them.
    private func lowerOperation(_ named: NamedOperation, container: String, diagnostics: inout [Diagnostic]) -> [SwiftOperation] {
        let operation = named.operation
        var scope = Scope(reserved: ReservedNames.operationLocals
                          .union(operation.pagination == nil ? [] : ReservedNames.pagingLocals)
                          .union(operation.waitsForTasks ? ReservedNames.waitingLocals : []))
        var parameters: [(model: Parameter?, lowered: SwiftParameter)] = []
        var pathLabels: [String: String] = [:]
        for parameter in operation.parameters {
            let label = scope.claim(SwiftIdentifiers.memberName(parameter.name))
            if parameter.location == .path { pathLabels[parameter.name] = label }
            parameters.append((parameter, lowerParameter(parameter, label: label, diagnostics: &diagnostics)))
        }
        let (path, inPath) = lowerPath(operation.path, labels: pathLabels)
        let (responseType, decoding) = lowerResponse(operation.response)

        var functions: [SwiftOperation] = []
        let contents: [BodyContent?] = operation.requestBody?.contents ?? [nil]
        for (index, content) in contents.enumerated() {
            var bodyScope = scope
            var all = parameters
            var contentType: String?
            var bodyEncoding: SwiftBodyEncoding?
            if let body = operation.requestBody, let content {
                let optional = !body.required && index == 0
                let type = bodyType(content)
                all.append((nil, SwiftParameter(label: bodyScope.claim(body.contents.count == 1 ? "body" : Self.bodyLabel(content.format)),
                                                type: optional ? .optional(type) : type, isOptional: optional,
                                                documentation: body.documentation, encoding: .body)))
                let mediaTypes = content.mediaTypes
                let declared = mediaTypes.first ?? "*/*"   // never empty, by `BodyContent`'s contract
                let first = Self.concrete(declared, content.format)
                let ownContentType = [BodyFormat.json, .text, .binary].contains(content.format)
                // The caller chooses among several types, and names the type of text or bytes sent under a range.
                if ownContentType && (mediaTypes.count > 1 || (MediaTypes.isWildcard(declared) && content.format != .json)) {
                    let choice = mediaTypes.count == 1 ? "Any media type" : "One of " + mediaTypes.map { "`\($0)`" }.joined(separator: ", ")
                    all.append((nil, SwiftParameter(label: bodyScope.claim("contentType"), type: .builtin(.string), isOptional: true,
                                                    documentation: Documentation(details: "The body's media type. \(choice); `\(first)` unless given."),
                                                    encoding: .contentType, defaultText: first)))
                } else if ownContentType, first != "application/json" {
                    contentType = first
                }
                bodyEncoding = lowerBodyEncoding(content)
            }
            // Path parameters as the path has them, then what is required, then what may be left out.
            let ordered = inPath.compactMap { label in all.first { $0.lowered.label == label } }
                + all.filter { !inPath.contains($0.lowered.label) && !$0.lowered.isOptional }
                + all.filter { !inPath.contains($0.lowered.label) && $0.lowered.isOptional }
            // The helpers go with the first function only.
            let isFirst = index == 0
            functions.append(SwiftOperation(
                id: operation.id, name: named.name, method: operation.method, pathTemplate: operation.path, path: path,
                server: namer.namespace + "." + (operation.server.flatMap { namer.serverNames[$0] } ?? namer.defaultServer),
                parameters: ordered.map(\.lowered), responseType: responseType,
                decoding: decoding, contentType: contentType, bodyEncoding: bodyEncoding, documentation: operation.documentation,
                deprecated: operation.deprecated, origin: operation.origin,
                pages: isFirst ? lowerPages(named, parameters: ordered, container: container, diagnostics: &diagnostics) : nil,
                errorShape: namer.errorShapeName.map { namer.namespace + "." + $0 },
                waiting: isFirst ? lowerWaiting(named) : nil,
                idempotencyKeyHeader: operation.parameters.first(where: Self.isIdempotencyKey)?.name
                    ?? (["POST", "PATCH"].contains(operation.method) ? lowering.api.idempotencyKeyHeader : nil),
                stream: isFirst ? lowerStream(named) : nil))
        }
        return functions
    }

    /// The Swift type of a body: the schema's for JSON, form and multipart; text is a `String`, bytes
    /// any `BinaryBody` (`Data`, or a file or a stream, which are sent without being held in memory).
    private func bodyType(_ content: BodyContent) -> SwiftType {
        switch content.format {
        case .json, .form, .multipart: lowering.swiftType(content.type ?? .json)
        case .text: .builtin(.string)
        case .binary: .builtin(.binaryBody)
        }
    }

    /// The path's parts, and the labels of its parameters in the path's order.
    private func lowerPath(_ template: String, labels: [String: String]) -> ([SwiftOperation.PathPart], [String]) {
        var path: [SwiftOperation.PathPart] = []
        var inPath: [String] = []
        for segment in PathTemplate(template).segments {
            switch segment {
            case .literal(let text):
                path.append(.literal(text))
            case .variable(let name):
                // `Validation` has checked that every variable has its path parameter.
                guard let label = labels[name] else {
                    path.append(.literal("{" + name + "}"))
                    continue
                }
                path.append(.parameter(label: label, name: name))
                if !inPath.contains(label) { inPath.append(label) }
            }
        }
        return (path, inPath)
    }

    /// The result's Swift type and how the answer is read.
    private func lowerResponse(_ response: Response) -> (SwiftType, SwiftOperation.Decoding) {
        switch response.media {
        case .text(let mediaTypes):
            return (.builtin(.string), .text(accept: mediaTypes.joined(separator: ", ")))
        case .binary(let mediaTypes):
            return (.builtin(.data), .data(accept: mediaTypes.joined(separator: ", ")))
        case .json:
            let type = response.type.map(lowering.swiftType) ?? .builtin(.noContent)
            if let envelope = namer.envelope { return (type, .enveloped(namer.namespace + "." + envelope.name)) }
            return (type, response.type == nil ? .none : .json)
        }
    }

    /// A media type a request can say its body is: a range (`*/*`, `image/*`) is no `Content-Type`, so
    /// it stands for the format's most general type.
    private static func concrete(_ mediaType: String, _ format: BodyFormat) -> String {
        guard MediaTypes.isWildcard(mediaType) else { return mediaType }
        switch format {
        case .json: return "application/json"
        case .text: return "text/plain"
        default: return "application/octet-stream"
        }
    }

    /// The body's label when an operation has several formats.
    private static func bodyLabel(_ format: BodyFormat) -> String {
        // `data:` reads better in a call than `binary:`.
        format == .binary ? "data" : format.word
    }

    /// How a body that is not JSON is written, with each property's encoding as the runtime needs it:
    /// in a form, a style, `explode` or `allowReserved` makes the property styled (`form` unless said
    /// otherwise); multipart parts take only a content type (OpenAPI ignores styles there).
    private func lowerBodyEncoding(_ content: BodyContent) -> SwiftBodyEncoding? {
        switch content.format {
        case .json: return nil
        case .text: return .text
        case .binary: return .binary
        case .form:
            return .form(content.encodings.compactMap { encoding in
                let styled = encoding.style != nil || encoding.explode != nil || encoding.allowReserved != nil
                let style = styled ? encoding.style ?? .form : nil
                let defaultExplode = style == .form
                let field = SwiftFieldEncoding(
                    property: encoding.property, style: style,
                    explode: styled && encoding.explode != nil && encoding.explode != defaultExplode ? encoding.explode : nil,
                    allowReserved: encoding.allowReserved ?? false, contentType: styled ? nil : encoding.contentType)
                return field.style == nil && field.contentType == nil ? nil : field
            })
        case .multipart:
            return .multipart(content.encodings.compactMap { encoding in
                encoding.contentType.map {
                    SwiftFieldEncoding(property: encoding.property, style: nil, explode: nil, allowReserved: false, contentType: $0)
                }
            })
        }
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
            case (.delimited(let delimiter), .array(let element)) where lowering.isParameterValue(element):
                // A null item has no text form (RFC 6570 leaves undefined values out), so items are never nil.
                type = .array(element.nonNull)
                style = .delimited(delimiter)
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
        var documentation = parameter.documentation
        var required = parameter.required
        if Self.isIdempotencyKey(parameter) {
            // The client makes the key when the caller leaves it out, so even a required one may be left out.
            required = false
            documentation.details = [documentation.details, "Left out, the client makes one for the call and sends it on every retry."]
                .compactMap { $0 }.joined(separator: " ")
        }
        return SwiftParameter(label: label, type: required ? swift : .optional(swift), isOptional: !required,
                              documentation: documentation, defaultValue: parameter.defaultValue, encoding: encoding,
                              origin: parameter.origin)
    }

    /// The streaming form: items are the stream's schema, or without one text (events) or any JSON.
    private func lowerStream(_ named: NamedOperation) -> SwiftStreamFunction? {
        guard let stream = named.operation.response.stream, let name = named.streamName else { return nil }
        let fallback: SwiftType = stream.format == .serverSentEvents ? .builtin(.string) : .builtin(.json)
        return SwiftStreamFunction(name: name, format: stream.format,
                                   itemType: stream.itemType.map { lowering.swiftType($0.nonNull) } ?? fallback,
                                   accept: stream.mediaType,
                                   terminator: stream.format == .serverSentEvents ? lowering.api.streamTerminator : nil)
    }

    /// A header parameter named as the IETF's idempotency-key draft names it, of a type a key's text fits.
    static func isIdempotencyKey(_ parameter: Parameter) -> Bool {
        guard parameter.location == .header, parameter.name.lowercased() == "idempotency-key" else { return false }
        if case .string = parameter.type.nonNull { return true }
        return false
    }
}
