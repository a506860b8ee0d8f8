import APIModel
import FrontendSupport
import YAMLReader

/// Translates `paths` into operations. Inline schemas of parameters, bodies and responses are declared
/// as top-level types named after the operation (`<summary of at most 10 words, or operationId> body`, ...).
struct OperationTranslator {
    let context: DocumentContext
    let schemas: SchemaTranslator

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    func operations(lift: inout [TypeDeclaration]) -> [Operation] {
        guard let paths = context.root["paths"] else { return [] }
        var result: [Operation] = []
        var seenIDs: [String: YAMLNode] = [:]
        let pathsPointer = JSONPointer.root.appending("paths")
        for (path, _, itemNode) in context.entries(paths, pathsPointer, what: "'paths'", nullIsEmpty: true) where !path.hasPrefix("x-") {
            let itemPointer = pathsPointer.appending(path)
            guard let (item, resolvedPointer) = context.dereference(itemNode, itemPointer) else { continue }
            if !path.hasPrefix("/") {
                context.error("the path '\(path)' must start with '/'", itemNode, itemPointer)
            }
            let shared = item["parameters"].map { parameterNodes($0, resolvedPointer.appending("parameters")) } ?? []
            let pathServer = item["servers"].flatMap { context.registerServers($0, resolvedPointer.appending("servers")) }
            for (method, _, writtenNode) in context.entries(item, resolvedPointer, what: "a path item", nullIsEmpty: true) {
                guard Self.methods.contains(method),
                      let (operationNode, pointer) = context.dereference(writtenNode, resolvedPointer.appending(method)) else { continue }
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

    /// The bodies of the requests the API sends (OpenAPI 3.1 `webhooks`): no operation is called, but
    /// an inline payload schema is declared as a type named `<webhook> <method> webhook body`, for the
    /// receiver to decode. A payload that is a `$ref` is already a component.
    func webhookPayloads(lift: inout [TypeDeclaration]) {
        guard let webhooks = context.root["webhooks"] else { return }
        let webhooksPointer = JSONPointer.root.appending("webhooks")
        for (name, _, itemNode) in context.entries(webhooks, webhooksPointer, what: "'webhooks'", nullIsEmpty: true)
        where !name.hasPrefix("x-") {
            guard let (item, itemPointer) = context.dereference(itemNode, webhooksPointer.appending(name)) else { continue }
            let methods = context.entries(item, itemPointer, what: "a path item", nullIsEmpty: true).filter { Self.methods.contains($0.key) }
            for (method, _, writtenNode) in methods {
                guard let (operation, pointer) = context.dereference(writtenNode, itemPointer.appending(method)),
                      let body = operation["requestBody"] else { continue }
                let operationName = name + (methods.count > 1 ? " \(method)" : "") + " webhook"
                _ = requestBody(body, pointer.appending("requestBody"), operationName: operationName, lift: &lift)
            }
        }
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
        let nameHint = Operation.nameHint(summary: summary)
        let baseName = nameHint ?? id
        var tags: [String] = []
        for (index, tag) in context.sequence(node["tags"], pointer.appending("tags"), what: "'tags'").enumerated() {
            if let text = context.string(tag, pointer.appending("tags").appending(index), what: "a tag") { tags.append(text) }
        }

        // Operation parameters replace path-level ones with the same name and location.
        let own = withoutDuplicates(node["parameters"].map { parameterNodes($0, pointer.appending("parameters")) } ?? [])
        var merged = withoutDuplicates(shared).filter { sharedParameter in
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
        parameters = pathParametersMatchingThePath(path, parameters, node, pointer)

        let body = node["requestBody"].flatMap {
            requestBody($0, pointer.appending("requestBody"), operationName: baseName, lift: &lift)
        }
        let response = self.response(node["responses"], pointer.appending("responses"), operationName: baseName,
                                     at: node, hasBody: method != "head", lift: &lift)
        return Operation(
            id: id, nameHint: nameHint, documentation: Documentation(summary: summary, details: node["description"]?.scalar?.text),
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

    /// What identifies a parameter in its list: its location and name (a header's in any case).
    private func key(of parameter: YAMLNode) -> String {
        let location = parameter["in"]?.scalar?.text ?? ""
        let name = parameter["name"]?.scalar?.text ?? ""
        return location + " " + (location == "header" ? name.lowercased() : name)
    }

    /// The list with each parameter once: OpenAPI forbids duplicates, and a second one is left out with
    /// a warning rather than refusing the document.
    private func withoutDuplicates(_ parameters: [(node: YAMLNode, pointer: JSONPointer)]) -> [(node: YAMLNode, pointer: JSONPointer)] {
        var seen: Set<String> = []
        return parameters.filter { entry in
            guard entry.node["name"] != nil, !seen.insert(key(of: entry.node)).inserted else { return true }
            let name = entry.node["name"]?.scalar?.text ?? ""
            context.warning("the parameter '\(name)' (in \(entry.node["in"]?.scalar?.text ?? "?")) is listed twice; "
                            + "the first is used and this one left out", entry.node, entry.pointer)
            return false
        }
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
            // Exploded, these styles repeat the name as `form` does; `explode` is false unless written.
            if node["explode"]?.scalar?.boolValue != true {
                encoding = node["style"]?.scalar?.text == "pipeDelimited" ? .delimited(.pipe) : .delimited(.space)
            }
        default:
            if node["explode"]?.scalar?.boolValue == false, encoding == .form { encoding = .delimited(.comma) }
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

    /// `parameters` with the path parameters made to match the path. A path parameter that does not
    /// appear in the path has nowhere to go: it is left out, with a warning. A `{name}` in the path that
    /// the operation does not declare is still a value the caller must give: it becomes a required
    /// string path parameter, with a warning.
    private func pathParametersMatchingThePath(_ path: String, _ parameters: [Parameter], _ node: YAMLNode,
                                               _ pointer: JSONPointer) -> [Parameter] {
        let names = PathTemplate(path).variables
        var kept: [Parameter] = []
        for parameter in parameters {
            guard parameter.location != .path || names.contains(parameter.name) else {
                context.warning("path parameter '\(parameter.name)' does not appear in the path '\(path)', so it has nowhere to go "
                                + "and is left out; write '{\(parameter.name)}' in the path, or rename the parameter",
                                node, parameter.origin.pointer)
                continue
            }
            kept.append(parameter)
        }
        var added: [Parameter] = []
        for name in names where !parameters.contains(where: { $0.location == .path && $0.name == name })
            && !added.contains(where: { $0.name == name }) {
            context.warning("the path has '{\(name)}' but the operation declares no path parameter named '\(name)'; "
                            + "it is generated as a required String path parameter (declare it to give it a type)", node, pointer)
            added.append(Parameter(name: name, location: .path, type: .string(.plain), required: true,
                                   origin: context.origin(node, pointer)))
        }
        return kept + added
    }

    // MARK: - Bodies

    /// Every format the body may be sent in, in the order the input first lists each: for each, the
    /// schema of its first media type (for JSON, `application/json` when listed) and the encodings of
    /// form and multipart properties. The schema of the first format names its inline type `<operation>
    /// body`; the others `<operation> <format> body`.
    private func requestBody(_ node: YAMLNode, _ pointer: JSONPointer, operationName: String,
                             lift: inout [TypeDeclaration]) -> RequestBody? {
        guard let (body, bodyPointer) = context.dereference(node, pointer) else { return nil }
        let contentPointer = bodyPointer.appending("content")
        let entries = body["content"].map { context.entries($0, contentPointer, what: "'content'", nullIsEmpty: true) } ?? []
        guard !entries.isEmpty else {
            context.warning("the request body lists no media types in 'content', so the request builder is generated without "
                            + "a body; list one (application/json, multipart/form-data, ...) with its schema", body, bodyPointer)
            return nil
        }
        var groups: [(format: BodyFormat, entries: [(mediaType: String, media: YAMLNode)])] = []
        for (mediaType, _, media) in entries {
            let format = bodyFormat(mediaType, schema: media["schema"], contentPointer.appending(mediaType).appending("schema"))
            if let index = groups.firstIndex(where: { $0.format == format }) {
                groups[index].entries.append((mediaType, media))
            } else {
                groups.append((format, [(mediaType, media)]))
            }
        }
        let contents = groups.enumerated().map { index, group -> BodyContent in
            var entries = group.entries
            if group.format == .json, let preferred = entries.firstIndex(where: { MediaTypes.essence($0.mediaType) == "application/json" }) {
                entries.insert(entries.remove(at: preferred), at: 0)
            }
            let (mediaType, media) = entries[0]
            let mediaPointer = contentPointer.appending(mediaType)
            var type: TypeRef?
            if [.json, .form, .multipart].contains(group.format) {
                let name = TypeName(operationName + (index == 0 ? " body" : " \(group.format.word) body"))
                type = media["schema"].map {
                    schemas.typeRef($0, mediaPointer.appending("schema"), name: name, lift: &lift, depth: 0)
                } ?? .json
            }
            let encodings = [.form, .multipart].contains(group.format)
                ? self.encodings(media["encoding"], mediaPointer.appending("encoding")) : []
            return BodyContent(format: group.format, mediaTypes: entries.map(\.mediaType), type: type, encodings: encodings)
        }
        return RequestBody(contents: contents, required: body["required"]?.scalar?.boolValue ?? false,
                           documentation: Documentation(details: body["description"]?.scalar?.text))
    }

    /// The format of a media type; under a wildcard (`*/*`, `application/*`), a schema of an object,
    /// an array, a number or a boolean is JSON (documents generated from Spring say `*/*` for JSON).
    private func bodyFormat(_ mediaType: String, schema: YAMLNode?, _ pointer: JSONPointer) -> BodyFormat {
        if MediaTypes.isWildcard(mediaType), let schema, isStructured(schema, pointer) { return .json }
        return MediaTypes.format(of: mediaType)
    }

    /// Whether a schema describes JSON beyond a string: an object, an array, a number, a boolean, or a
    /// composition of schemas.
    private func isStructured(_ schema: YAMLNode, _ pointer: JSONPointer) -> Bool {
        let target = schemas.componentTarget(schema, pointer)?.node ?? schema
        let types = target["type"].map { node in node.sequence?.compactMap { $0.scalar?.text } ?? [node.scalar?.text ?? ""] } ?? []
        if !types.isEmpty { return types.contains { $0 != "string" && $0 != "null" } }
        return ["properties", "items", "allOf", "anyOf", "oneOf", "additionalProperties"].contains { target[$0] != nil }
    }

    /// The Encoding Objects of a form or multipart body, sorted by property.
    private func encodings(_ node: YAMLNode?, _ pointer: JSONPointer) -> [PropertyEncoding] {
        guard let node else { return [] }
        var result: [PropertyEncoding] = []
        for (property, _, value) in context.entries(node, pointer, what: "'encoding'", nullIsEmpty: true) {
            let entryPointer = pointer.appending(property)
            guard value.mapping != nil else {
                context.error("the encoding of '\(property)' must be a mapping, but it is \(value.kindDescription)", value, entryPointer)
                continue
            }
            var encoding = PropertyEncoding(property: property)
            encoding.contentType = context.string(value["contentType"], entryPointer.appending("contentType"), what: "'contentType'")
            if let styleNode = value["style"], let style = context.string(styleNode, entryPointer.appending("style"), what: "'style'") {
                if let known = PropertyEncoding.Style(rawValue: style) {
                    encoding.style = known
                } else {
                    context.error("'\(style)' is not a style of a form property; use form, spaceDelimited, pipeDelimited or deepObject",
                                  styleNode, entryPointer.appending("style"))
                }
            }
            if value["explode"] != nil {
                encoding.explode = context.flag(value["explode"], entryPointer.appending("explode"), what: "'explode'")
            }
            if value["allowReserved"] != nil {
                encoding.allowReserved = context.flag(value["allowReserved"], entryPointer.appending("allowReserved"), what: "'allowReserved'")
            }
            if value["headers"] != nil {
                context.warning("the headers of the part '\(property)' are not sent (the runtime writes Content-Disposition and "
                                + "Content-Type only); send them with a ClientMiddleware if the server needs them",
                                value, entryPointer.appending("headers"))
            }
            result.append(encoding)
        }
        return result.sorted { $0.property < $1.property }
    }

    // MARK: - Responses

    /// The success answer: the first 2xx status (in numeric order) that has a body, and how to read it.
    /// When it lists several media types, JSON of a schema beyond a string wins; otherwise the first
    /// listed decides: JSON, text (`String`) or bytes (`Data`), asking for every listed type of that kind.
    private func response(_ node: YAMLNode?, _ pointer: JSONPointer, operationName: String, at operation: YAMLNode,
                          hasBody: Bool, lift: inout [TypeDeclaration]) -> Response {
        guard let written = node else {
            // OpenAPI 3.1 allows an operation without responses; 3.0 requires them. Either way, the
            // document says nothing of the answer.
            context.warning("the operation has no 'responses', so any 2xx answer is accepted and its body ignored; "
                            + "list at least its success response", operation, pointer)
            return Response(statusCodes: [], type: nil)
        }
        guard let (node, pointer) = context.dereference(written, pointer) else { return Response(statusCodes: [], type: nil) }
        let entries = context.entries(node, pointer, what: "'responses'", nullIsEmpty: true)
        var success = entries.filter { $0.key.hasPrefix("2") }.sorted { $0.key < $1.key }
        if success.isEmpty, let fallback = entries.first(where: { $0.key == "default" }) {
            // Without a 2xx response, `default` describes the successful answer too.
            success = [fallback]
        }
        let codes = success.map(\.key)
        guard hasBody else {
            // RFC 9110: an answer to HEAD has no content, whatever the document lists.
            if let listed = success.first(where: { context.dereference($0.value, pointer.appending($0.key))?.node["content"] != nil }) {
                context.warning("an answer to HEAD has no body, so the 'content' listed here is not generated; leave it out",
                                listed.value, pointer.appending(listed.key))
            }
            return Response(statusCodes: codes, type: nil)
        }
        func contents(_ resolved: YAMLNode, _ at: JSONPointer) -> [(mediaType: String, schema: YAMLNode?, isJSON: Bool)] {
            (resolved["content"]?.mapping ?? []).compactMap { pair in
                guard let mediaType = pair.key.scalar?.text else { return nil }
                let schemaPointer = at.appending("content").appending(mediaType).appending("schema")
                return (mediaType, pair.value["schema"], isJSON(mediaType, schema: pair.value["schema"], schemaPointer))
            }
        }
        // When one success status has no JSON body (a 204 beside a 200), a JSON result may be absent.
        let someHaveNoJSON = success.contains { entry in
            let resolved = context.dereference(entry.value, pointer.appending(entry.key)) ?? (entry.value, pointer.appending(entry.key))
            return !contents(resolved.node, resolved.pointer).contains { $0.isJSON }
        }
        for (code, _, responseNode) in success {
            guard let (resolved, resolvedPointer) = context.dereference(responseNode, pointer.appending(code)) else { continue }
            let all = contents(resolved, resolvedPointer)
            // A streaming media type gives the operation a streaming form too; the buffered form reads
            // the other media types, or the stream's bytes when it is the only one.
            let streamed = all.first { MediaTypes.streamFormat($0.mediaType) != nil }
            var stream: Response.Stream?
            if let entry = streamed {
                stream = self.stream(entry.mediaType, resolved["content"]?[entry.mediaType],
                                     resolvedPointer.appending("content").appending(entry.mediaType), operationName: operationName, lift: &lift)
            }
            let others = all.filter { MediaTypes.streamFormat($0.mediaType) == nil }
            let listed = others.isEmpty ? all : others
            guard let first = listed.first else { continue }
            let documentation = Documentation(details: resolved["description"]?.scalar?.text)
            func withStream(_ response: Response) -> Response {
                var response = response
                response.stream = stream
                return response
            }
            let json = listed.filter(\.isJSON)
            if let chosen = json.first(where: { MediaTypes.essence($0.mediaType) == "application/json" }) ?? json.first,
               let schema = chosen.schema {
                let type = schemas.typeRef(schema, resolvedPointer.appending("content").appending(chosen.mediaType).appending("schema"),
                                           name: TypeName(operationName + " response"), lift: &lift, depth: 0)
                let isString: Bool
                if case .string = type.nonNull { isString = true } else { isString = false }
                if !isString || first.isJSON {
                    return withStream(Response(statusCodes: codes, type: someHaveNoJSON ? type.orNull : type, documentation: documentation))
                }
            } else if first.isJSON {
                // JSON without a schema says nothing to decode.
                continue
            }
            let isText = MediaTypes.isText(first.mediaType)
            let kindred = listed.filter { !$0.isJSON && MediaTypes.isText($0.mediaType) == isText }.map(\.mediaType)
            return withStream(Response(statusCodes: codes, type: nil, media: isText ? .text(kindred) : .binary(kindred),
                                       documentation: documentation))
        }
        if codes.isEmpty {
            // Only redirects: the client follows them, and the body of the answer they lead to, which
            // the document does not describe, is the result as bytes.
            if entries.contains(where: { $0.key.hasPrefix("3") }) {
                return Response(statusCodes: [], type: nil, media: .binary(["*/*"]))
            }
            context.warning("the operation lists no 2xx response; any 2xx answer is accepted without a body", node, pointer)
        }
        return Response(statusCodes: codes, type: nil)
    }

    /// A streamed answer's framing and item type: OpenAPI 3.2's `itemSchema`, or else the `schema` of
    /// the media type, describes one item (one event's `data`, one line, one record).
    private func stream(_ mediaType: String, _ media: YAMLNode?, _ pointer: JSONPointer, operationName: String,
                        lift: inout [TypeDeclaration]) -> Response.Stream? {
        guard let format = MediaTypes.streamFormat(mediaType) else { return nil }
        let key = media?["itemSchema"] != nil ? "itemSchema" : "schema"
        let itemType = media?[key].map {
            schemas.typeRef($0, pointer.appending(key), name: TypeName(operationName + " event"), lift: &lift, depth: 0)
        }
        return Response.Stream(format: format, mediaType: mediaType, itemType: itemType)
    }

    /// JSON, or a wildcard whose schema is JSON beyond a string.
    private func isJSON(_ mediaType: String, schema: YAMLNode?, _ pointer: JSONPointer) -> Bool {
        bodyFormat(mediaType, schema: schema, pointer) == .json
    }
}
