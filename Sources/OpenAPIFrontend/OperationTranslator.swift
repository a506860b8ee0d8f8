import APIModel
import FrontendSupport
import YAMLReader

/// Translates `paths` into operations. Inline schemas of parameters, bodies and responses are declared
/// as top-level types named after the operation (`<summary or operationId> body`, ...).
struct OperationTranslator {
    let context: DocumentContext
    let schemas: SchemaTranslator

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    func operations(lift: inout [TypeDeclaration]) -> [Operation] {
        guard let paths = context.root["paths"] else { return [] }
        var result: [Operation] = []
        var seenIDs: [String: YAMLNode] = [:]
        let pathsPointer = JSONPointer.root.appending("paths")
        for (path, _, itemNode) in context.entries(paths, pathsPointer, what: "'paths'", nullIsEmpty: true) {
            let itemPointer = pathsPointer.appending(path)
            guard let (item, resolvedPointer) = context.dereference(itemNode, itemPointer) else { continue }
            if !path.hasPrefix("/") {
                context.error("the path '\(path)' must start with '/'", itemNode, itemPointer)
            }
            let shared = item["parameters"].map { parameterNodes($0, resolvedPointer.appending("parameters")) } ?? []
            let pathServer = item["servers"].flatMap { context.registerServers($0, resolvedPointer.appending("servers")) }
            for (method, _, operationNode) in context.entries(item, resolvedPointer, what: "a path item", nullIsEmpty: true) {
                guard Self.methods.contains(method) else { continue }
                let pointer = resolvedPointer.appending(method)
                let id = operationNode["operationId"]?.scalar?.text ?? "\(method) \(path)"
                if context.excludedOperations.contains(id) {
                    context.omittedOperations.append(id)
                    continue
                }
                // An error confined to this operation names the way to generate the rest without it.
                let start = context.log.diagnostics.count
                let translated = operation(method: method, path: path, node: operationNode, pointer, shared: shared, lift: &lift)
                context.log.amendErrors(since: start, with: "; to generate the rest of the document without this operation, "
                                        + "exclude it: --exclude-operation '\(id)', or `exclude-operations: ['\(id)']` in spec2swift.yaml")
                guard var operation = translated else { continue }
                operation.server = operationNode["servers"].flatMap { context.registerServers($0, pointer.appending("servers")) }
                    ?? pathServer
                let idNode = operationNode["operationId"] ?? operationNode
                if let previous = seenIDs[operation.id] {
                    context.error("operationId '\(operation.id)' is used twice (first at line \(previous.mark.line)); "
                                  + "operation ids must be unique", idNode, pointer.appending("operationId"))
                    operation.id += " \(method.uppercased()) \(path)"
                }
                seenIDs[operation.id] = idNode
                result.append(operation)
            }
        }
        return result
    }

    private func operation(method: String, path: String, node: YAMLNode, _ pointer: JSONPointer,
                           shared: [(node: YAMLNode, pointer: JSONPointer)], lift: inout [TypeDeclaration]) -> Operation? {
        guard node.mapping != nil else {
            context.error("an operation must be a mapping, but it is \(node.kindDescription)", node, pointer)
            return nil
        }
        let id = context.string(node["operationId"], pointer.appending("operationId"), what: "'operationId'")
            ?? "\(method) \(path)"
        let summary = node["summary"]?.scalar?.text
        let baseName = summary.flatMap { $0.isEmpty ? nil : $0 } ?? id
        var tags: [String] = []
        for (index, tag) in context.sequence(node["tags"], pointer.appending("tags"), what: "'tags'").enumerated() {
            if let text = context.string(tag, pointer.appending("tags").appending(index), what: "a tag") { tags.append(text) }
        }

        // Operation parameters replace path-level ones with the same name and location.
        let own = node["parameters"].map { parameterNodes($0, pointer.appending("parameters")) } ?? []
        var merged = shared.filter { sharedParameter in
            !own.contains { key(of: $0.node) == key(of: sharedParameter.node) }
        }
        merged.append(contentsOf: own)
        var parameters: [Parameter] = []
        for entry in merged {
            // OpenAPI: header parameters named Accept, Content-Type or Authorization SHALL be ignored.
            if entry.node["in"]?.scalar?.text == "header",
               let name = entry.node["name"]?.scalar?.text.lowercased(), ["accept", "content-type", "authorization"].contains(name) {
                continue
            }
            if let parameter = parameter(entry.node, entry.pointer, operationName: baseName, lift: &lift) {
                parameters.append(parameter)
            }
        }
        parameters += undeclaredPathParameters(path, parameters, node, pointer)

        let body = node["requestBody"].flatMap {
            requestBody($0, pointer.appending("requestBody"), operationName: baseName, lift: &lift)
        }
        let response = self.response(node["responses"], pointer.appending("responses"), operationName: baseName,
                                     at: node, lift: &lift)
        return Operation(
            id: id, nameHint: summary, documentation: Documentation(summary: summary, details: node["description"]?.scalar?.text),
            tags: tags, method: method.uppercased(), path: path, parameters: parameters, requestBody: body,
            response: response, deprecated: node["deprecated"]?.scalar?.boolValue ?? false,
            origin: context.origin(node, pointer))
    }

    // MARK: - Parameters

    private func parameterNodes(_ node: YAMLNode, _ pointer: JSONPointer) -> [(node: YAMLNode, pointer: JSONPointer)] {
        context.sequence(node, pointer, what: "'parameters'").enumerated().compactMap { index, item in
            context.dereference(item, pointer.appending(index))
        }
    }

    private func key(of parameter: YAMLNode) -> String {
        (parameter["in"]?.scalar?.text ?? "") + " " + (parameter["name"]?.scalar?.text ?? "")
    }

    private func parameter(_ node: YAMLNode, _ pointer: JSONPointer, operationName: String,
                           lift: inout [TypeDeclaration]) -> Parameter? {
        guard let name = context.string(node["name"], pointer.appending("name"), what: "a parameter's 'name'"),
              let place = context.string(node["in"], pointer.appending("in"), what: "a parameter's 'in'") else {
            if node["name"] == nil || node["in"] == nil {
                context.error("a parameter needs both 'name' and 'in'", node, pointer)
            }
            return nil
        }
        guard let location = Parameter.Location(rawValue: place) else {
            if place == "cookie" {
                context.warning("cookie parameter '\(name)' is not supported and is left out of the request builder", node, pointer)
            } else {
                context.error("'\(place)' is not a parameter location; use path, query, header or cookie", node, pointer.appending("in"))
            }
            return nil
        }
        let typeName = TypeName(operationName + " " + name)
        var encoding = Parameter.Encoding.form
        var type = TypeRef.string(.plain)
        var defaultValue: JSONValue?
        if let schema = node["schema"] {
            let schemaPointer = pointer.appending("schema")
            if let contentSchema = schema["contentSchema"] {
                // OpenAPI 3.1: a string whose content is JSON of `contentSchema`.
                encoding = .json
                type = schemas.typeRef(contentSchema, schemaPointer.appending("contentSchema"), name: typeName, lift: &lift, depth: 0)
            } else {
                type = schemas.typeRef(schema, schemaPointer, name: typeName, lift: &lift, depth: 0)
            }
            defaultValue = schema["default"].map(\.jsonValue)
        } else if let content = node["content"] {
            encoding = .json
            let contentPointer = pointer.appending("content")
            if let (mediaType, _, media) = context.entries(content, contentPointer, what: "'content'", nullIsEmpty: true).first,
               let schema = media["schema"] {
                type = schemas.typeRef(schema, contentPointer.appending(mediaType).appending("schema"), name: typeName, lift: &lift, depth: 0)
            }
        } else {
            context.error("parameter '\(name)' has neither 'schema' nor 'content'; add a schema", node, pointer)
        }
        switch node["style"]?.scalar?.text {
        case "deepObject"?:
            encoding = .deepObject
        case "spaceDelimited"?, "pipeDelimited"?:
            context.warning("the '\(node["style"]?.scalar?.text ?? "")' style is not supported; the values are sent comma-separated",
                            node, pointer.appending("style"))
            encoding = .commaSeparated
        default:
            if node["explode"]?.scalar?.boolValue == false, encoding == .form { encoding = .commaSeparated }
        }
        let required = location == .path ? true : (node["required"]?.scalar?.boolValue ?? false)
        if location == .path, node["required"]?.scalar?.boolValue == false {
            context.error("path parameter '\(name)' must be required", node, pointer.appending("required"))
        }
        return Parameter(
            name: name, location: location, type: type, required: required, encoding: encoding,
            documentation: Documentation(details: node["description"]?.scalar?.text),
            deprecated: node["deprecated"]?.scalar?.boolValue ?? false, defaultValue: defaultValue,
            origin: context.origin(node, pointer))
    }

    /// Every path parameter must appear in the path. A `{name}` in the path that the operation does not
    /// declare is still a value the caller must give: it becomes a required string path parameter, with
    /// a warning.
    private func undeclaredPathParameters(_ path: String, _ parameters: [Parameter], _ node: YAMLNode,
                                          _ pointer: JSONPointer) -> [Parameter] {
        let names = PathTemplate(path).variables
        for parameter in parameters where parameter.location == .path && !names.contains(parameter.name) {
            context.error("path parameter '\(parameter.name)' does not appear in the path '\(path)'",
                          node, parameter.origin.pointer)
        }
        var added: [Parameter] = []
        for name in names where !parameters.contains(where: { $0.location == .path && $0.name == name })
            && !added.contains(where: { $0.name == name }) {
            context.warning("the path has '{\(name)}' but the operation declares no path parameter named '\(name)'; "
                            + "it is generated as a required String path parameter (declare it to give it a type)", node, pointer)
            added.append(Parameter(name: name, location: .path, type: .string(.plain), required: true,
                                   origin: context.origin(node, pointer)))
        }
        return added
    }

    // MARK: - Bodies

    private func requestBody(_ node: YAMLNode, _ pointer: JSONPointer, operationName: String,
                             lift: inout [TypeDeclaration]) -> RequestBody? {
        guard let (body, bodyPointer) = context.dereference(node, pointer) else { return nil }
        let contentPointer = bodyPointer.appending("content")
        let entries = context.entries(body["content"] ?? YAMLNode(.mapping(YAMLMapping([])), mark: body.mark), contentPointer, what: "'content'", nullIsEmpty: true)
        guard let (mediaType, _, media) = entries.first(where: { isJSON($0.key) }) else {
            let types = entries.map(\.key).joined(separator: ", ")
            context.warning("request bodies of type \(types.isEmpty ? "(none)" : types) are not supported; "
                            + "the request builder is generated without a body", body, bodyPointer)
            return nil
        }
        let type = media["schema"].map {
            schemas.typeRef($0, contentPointer.appending(mediaType).appending("schema"), name: TypeName(operationName + " body"),
                            lift: &lift, depth: 0)
        } ?? .json
        return RequestBody(type: type, required: body["required"]?.scalar?.boolValue ?? false, contentType: mediaType,
                           documentation: Documentation(details: body["description"]?.scalar?.text))
    }

    private func isJSON(_ mediaType: String) -> Bool {
        let base = mediaType.split(separator: ";").first.map(String.init) ?? mediaType
        return base == "application/json" || base.hasSuffix("+json") || base == "*/*"
    }

    // MARK: - Responses

    /// The success answer: the first 2xx status (in numeric order) and its JSON body, if any.
    private func response(_ node: YAMLNode?, _ pointer: JSONPointer, operationName: String, at operation: YAMLNode,
                          lift: inout [TypeDeclaration]) -> Response {
        guard let node else {
            context.error("the operation has no 'responses'; list at least its success response", operation, pointer)
            return Response(statusCodes: [], type: nil)
        }
        let entries = context.entries(node, pointer, what: "'responses'", nullIsEmpty: true)
        var success = entries.filter { $0.key.hasPrefix("2") }.sorted { $0.key < $1.key }
        if success.isEmpty, let fallback = entries.first(where: { $0.key == "default" }) {
            // Without a 2xx response, `default` describes the successful answer too.
            success = [fallback]
        }
        let codes = success.map(\.key)
        // When one success status has no body (a 204 beside a 200), the result may be absent.
        let someHaveNoBody = success.contains { entry in
            let resolved = context.dereference(entry.value, pointer.appending(entry.key))?.node ?? entry.value
            return !(resolved["content"]?.mapping ?? []).contains { isJSON($0.key.scalar?.text ?? "") }
        }
        for (code, _, responseNode) in success {
            guard let (resolved, resolvedPointer) = context.dereference(responseNode, pointer.appending(code)) else { continue }
            let content = resolved["content"]?.mapping ?? []
            guard let media = content.first(where: { isJSON($0.key.scalar?.text ?? "") }) else {
                if let other = content.first?.key.scalar?.text {
                    context.warning("response bodies of type \(other) are not supported; the answer's body is not decoded",
                                    resolved, resolvedPointer)
                }
                continue
            }
            let mediaType = media.key.scalar?.text ?? ""
            guard let schema = media.value["schema"] else { continue }
            let type = schemas.typeRef(schema, resolvedPointer.appending("content").appending(mediaType).appending("schema"),
                                       name: TypeName(operationName + " response"), lift: &lift, depth: 0)
            return Response(statusCodes: codes, type: someHaveNoBody ? type.orNull : type,
                            documentation: Documentation(details: resolved["description"]?.scalar?.text))
        }
        if codes.isEmpty {
            context.warning("the operation lists no 2xx response; any 2xx answer is accepted without a body", node, pointer)
        }
        return Response(statusCodes: codes, type: nil)
    }
}
