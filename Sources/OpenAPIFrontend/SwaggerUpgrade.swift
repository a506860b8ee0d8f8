import APIModel
import FrontendSupport
import YAMLReader

/// A Swagger 2.0 document rewritten as the OpenAPI 3.0 document that says the same, so that the rest
/// of the frontend reads one kind of document. The mapping follows the one swagger2openapi makes:
///
/// - `host`, `basePath` and `schemes` become `servers` (https first when listed);
/// - `definitions`, `parameters`, `responses` and `securityDefinitions` become components, and
///   `$ref`s to them are rewritten;
/// - an `in: body` parameter becomes the request body, under every `consumes` type; `formData`
///   parameters become the properties of a form (or, with a file or a multipart `consumes`, a
///   multipart) body, `type: file` bytes;
/// - a response's schema is given under every `produces` type;
/// - a parameter's `type`, `items`, `enum` and other schema keywords become its `schema`, and
///   `collectionFormat` its `style` and `explode`;
/// - `x-nullable: true` becomes `nullable: true`, a string `discriminator` a Discriminator Object;
/// - basic, apiKey and oauth2 security schemes become their 3.0 forms.
///
/// New nodes keep the mark of what they were made from, and diagnostics name places of the 2.0
/// document, so every message points at what the user wrote.
///
/// The files the document's `$ref`s name are written in 2.0 terms too; each is upgraded as it is read
/// (`upgradeFile`), node by node by its shape, since a file may hold a path item, a response, a
/// parameter or schemas at any depth. Their `#/...` references point into themselves and stay.
final class SwaggerUpgrade: NodeReader {
    let file: String
    var log = DiagnosticLog()
    private let documents: DocumentFiles
    private let root: YAMLNode
    private let globalConsumes: [String]
    private let globalProduces: [String]
    /// The referenced file being upgraded (its path relative to the input document's folder); nil
    /// for the input document.
    private let referencedFile: String?

    /// The keywords of a 2.0 parameter (or header, or items) that are its schema in 3.0.
    private static let schemaKeywords: Set<String> = [
        "type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
        "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf", "x-nullable",
        // Already renamed from `x-nullable` in a referenced file.
        "nullable",
    ]

    private init(documents: DocumentFiles, referencedFile: String? = nil) {
        self.documents = documents
        self.file = documents.file
        self.root = documents.root
        self.referencedFile = referencedFile
        globalConsumes = Self.mediaTypes(documents.root["consumes"])
        globalProduces = Self.mediaTypes(documents.root["produces"])
    }

    func file(of pointer: JSONPointer) -> String {
        pointer.document.map(documents.displayPath) ?? file
    }

    /// The OpenAPI 3.0 form of the Swagger 2.0 document `documents.root`, and what the upgrade noticed.
    static func upgrade(_ documents: DocumentFiles) -> (YAMLNode, [Diagnostic]) {
        let upgrade = SwaggerUpgrade(documents: documents)
        return (upgrade.document(), upgrade.log.diagnostics)
    }

    /// The OpenAPI 3.0 form of `tree`, the file `document` (relative to the input document's folder)
    /// that a `$ref` of the Swagger 2.0 document `documents.root` names. `documents` reads the files
    /// as written, which is what a parameter listed by reference is upgraded from.
    static func upgradeFile(_ tree: YAMLNode, document: String, of documents: DocumentFiles) -> (YAMLNode, [Diagnostic]) {
        let upgrade = SwaggerUpgrade(documents: documents, referencedFile: document)
        return (upgrade.fileNode(tree, JSONPointer(document: document)), upgrade.log.diagnostics)
    }

    /// A node of a referenced file by its shape: a parameter (`in`) is upgraded where an operation
    /// lists it, a path item (an HTTP method's operation, with its `responses`) and a response (a
    /// `schema` or `headers`) as in the document; a schema's keywords as a schema's; anything else is a
    /// map or list of these.
    private func fileNode(_ node: YAMLNode, _ pointer: JSONPointer) -> YAMLNode {
        if let items = node.sequence {
            return YAMLNode(.sequence(items.enumerated().map { fileNode($1, pointer.appending($0)) }), mark: node.mark)
        }
        guard let pairs = node.mapping else { return node }
        let keys = Set(pairs.compactMap { $0.key.scalar?.text })
        if keys.contains("in") || keys.contains("$ref") { return node }
        // An operation has `responses` in 2.0, which also tells a path item from schemas named `options`
        // or `delete` in a map of them.
        if keys.contains(where: { OperationTranslator.methods.contains($0) && node[$0]?["responses"] != nil }) {
            return pathItem(node, pointer)
        }
        if keys.contains("schema") || keys.contains("headers") { return response(node, pointer, produces: globalProduces) }
        if !keys.isDisjoint(with: Self.schemaShapeKeys) { return schema(node, pointer) }
        return mapValues(node) { fileNode($0, pointer.appending($1)) }
    }

    /// Keywords only a schema has, among those that a 2.0 upgrade changes or looks into.
    private static let schemaShapeKeys: Set<String> = [
        "type", "properties", "items", "allOf", "additionalProperties", "discriminator", "x-nullable", "enum", "format",
    ]

    private func document() -> YAMLNode {
        let mark = root.mark
        var pairs: [YAMLPair] = [pair("openapi", text("3.0.3", mark))]
        var components: [YAMLPair] = []
        let top = JSONPointer.root
        for entry in root.mapping ?? [] {
            guard let key = entry.key.scalar?.text else { continue }
            let pointer = top.appending(key)
            switch key {
            case "swagger", "host", "basePath", "schemes", "consumes", "produces":
                continue
            case "paths":
                pairs.append(YAMLPair(key: entry.key, value: paths(entry.value, pointer)))
            case "definitions":
                components.append(pair("schemas", mapValues(entry.value) { schema($0, pointer.appending($1)) }))
            case "parameters":
                // Body and form parameters have no component of their own in 3.0: they are written into
                // each operation that refers to them.
                let kept = (entry.value.mapping ?? []).filter { !["body", "formData"].contains($0.value["in"]?.scalar?.text ?? "") }
                components.append(pair("parameters", mapValues(node(kept, entry.value.mark)) {
                    parameter($0, pointer.appending($1))
                }))
            case "responses":
                components.append(pair("responses", mapValues(entry.value) {
                    response($0, pointer.appending($1), produces: globalProduces)
                }))
            case "securityDefinitions":
                components.append(pair("securitySchemes", mapValues(entry.value) { securityScheme($0, pointer.appending($1)) }))
            default:
                pairs.append(entry)
            }
        }
        if let servers = servers() { pairs.insert(pair("servers", servers), at: 1) }
        if !components.isEmpty { pairs.append(pair("components", node(components, mark))) }
        return node(pairs, mark)
    }

    // MARK: - Servers

    private func servers() -> YAMLNode? {
        let host = root["host"]?.scalar?.text
        var basePath = root["basePath"]?.scalar?.text ?? ""
        if let written = root["basePath"], !basePath.isEmpty, !basePath.hasPrefix("/") {
            warning("'basePath' must start with '/'; it is read as '/\(basePath)'", written, JSONPointer.root.appending("basePath"))
            basePath = "/" + basePath
        }
        guard host != nil || !basePath.isEmpty else { return nil }
        let mark = (root["host"] ?? root["basePath"] ?? root).mark
        guard let host else { return YAMLNode(.sequence([node([pair("url", text(basePath, mark))], mark)]), mark: mark) }
        let written = (root["schemes"]?.sequence ?? []).compactMap { $0.scalar?.text.lowercased() }
        var schemes = written.filter { $0 == "http" || $0 == "https" }
        if let others = root["schemes"], schemes.count < written.count {
            warning("only the http and https schemes are generated; "
                    + "\(written.filter { $0 != "http" && $0 != "https" }.joined(separator: ", ")) are left out",
                    others, JSONPointer.root.appending("schemes"))
        }
        if schemes.isEmpty { schemes = ["https"] }
        if let secure = schemes.firstIndex(of: "https") { schemes.insert(schemes.remove(at: secure), at: 0) }
        var seen: Set<String> = []
        let servers = schemes.filter { seen.insert($0).inserted }.map { scheme in
            node([pair("url", text(scheme + "://" + host + basePath, mark))], mark)
        }
        return YAMLNode(.sequence(servers), mark: mark)
    }

    // MARK: - Paths and operations

    private func paths(_ paths: YAMLNode, _ pointer: JSONPointer) -> YAMLNode {
        mapValues(paths) { item, key in
            guard !key.hasPrefix("x-"), item.mapping != nil, item["$ref"] == nil else { return item }
            return self.pathItem(item, pointer.appending(key))
        }
    }

    private func pathItem(_ item: YAMLNode, _ itemPointer: JSONPointer) -> YAMLNode {
        let shared = parameterList(item["parameters"], itemPointer.appending("parameters"))
        var pairs: [YAMLPair] = []
        for entry in item.mapping ?? [] {
            guard let name = entry.key.scalar?.text else { continue }
            if name == "parameters" {
                let plain = shared.filter { !$0.isBodyOrForm }.map(\.node)
                if !plain.isEmpty { pairs.append(YAMLPair(key: entry.key, value: YAMLNode(.sequence(plain), mark: entry.value.mark))) }
            } else if OperationTranslator.methods.contains(name) {
                pairs.append(YAMLPair(key: entry.key, value: operation(entry.value, itemPointer.appending(name), shared: shared)))
            } else {
                pairs.append(entry)
            }
        }
        return node(pairs, item.mark)
    }

    private func operation(_ operation: YAMLNode, _ pointer: JSONPointer, shared: [Parameter2]) -> YAMLNode {
        guard let written = operation.mapping else { return operation }
        let consumes = operation["consumes"].map(Self.mediaTypes) ?? globalConsumes
        let produces = operation["produces"].map(Self.mediaTypes) ?? globalProduces
        let own = parameterList(operation["parameters"], pointer.appending("parameters"))
        // The operation's parameters replace the path's with the same name and place.
        let all = shared.filter { sharedOne in !own.contains { $0.key == sharedOne.key } } + own
        var pairs: [YAMLPair] = []
        for entry in written {
            guard let key = entry.key.scalar?.text else { continue }
            switch key {
            case "consumes", "produces":
                continue
            case "parameters":
                let plain = all.filter { !$0.isBodyOrForm }.map(\.node)
                if !plain.isEmpty { pairs.append(YAMLPair(key: entry.key, value: YAMLNode(.sequence(plain), mark: entry.value.mark))) }
            case "responses":
                pairs.append(YAMLPair(key: entry.key, value: mapValues(entry.value) { value, code in
                    code.hasPrefix("x-") ? value : self.response(value, pointer.appending("responses").appending(code), produces: produces)
                }))
            default:
                pairs.append(entry)
            }
        }
        if let body = requestBody(all, consumes: consumes, at: operation, pointer) {
            pairs.append(pair("requestBody", body))
        }
        return node(pairs, operation.mark)
    }

    /// A parameter as 2.0 wrote it (references followed), and its 3.0 form for those that stay parameters.
    private struct Parameter2 {
        var original: YAMLNode
        var pointer: JSONPointer
        var node: YAMLNode
        var place: String
        var key: String { place + " " + (original["name"]?.scalar?.text ?? "") }
        var isBodyOrForm: Bool { place == "body" || place == "formData" }
    }

    private func parameterList(_ list: YAMLNode?, _ pointer: JSONPointer) -> [Parameter2] {
        guard let list else { return [] }
        guard let items = list.sequence else {
            error("'parameters' must be a list, but it is \(list.kindDescription)", list, pointer)
            return []
        }
        return items.enumerated().compactMap { index, item -> Parameter2? in
            var target = (node: item, pointer: pointer.appending(index))
            var hops = 0
            while let reference = target.node["$ref"]?.scalar?.text, hops < 32 {
                guard case .success(let found) = documents.resolve(reference, from: target.pointer) else {
                    // Left as written: the translation reports the reference that leads nowhere.
                    return Parameter2(original: item, pointer: pointer.appending(index), node: rewritingReference(item), place: "")
                }
                target = found
                hops += 1
            }
            let place = target.node["in"]?.scalar?.text ?? ""
            if !["body", "formData"].contains(place), item["$ref"]?.scalar?.text.hasPrefix("#/parameters/") == true {
                // A local component parameter stays a reference to its 3.0 component.
                return Parameter2(original: target.node, pointer: target.pointer, node: rewritingReference(item), place: place)
            }
            return Parameter2(original: target.node, pointer: target.pointer, node: parameter(target.node, target.pointer), place: place)
        }
    }

    /// A 2.0 parameter that is not a body: its schema keywords moved into `schema`.
    private func parameter(_ parameter: YAMLNode, _ pointer: JSONPointer) -> YAMLNode {
        guard let written = parameter.mapping, parameter["schema"] == nil else { return parameter }
        var pairs: [YAMLPair] = []
        var schemaPairs: [YAMLPair] = []
        let place = parameter["in"]?.scalar?.text ?? ""
        for entry in written {
            guard let key = entry.key.scalar?.text else { continue }
            if key == "collectionFormat" {
                pairs.append(contentsOf: style(of: entry.value, place: place, pointer.appending(key)))
            } else if key == "allowEmptyValue" && place != "query" {
                continue
            } else if Self.schemaKeywords.contains(key) {
                schemaPairs.append(entry)
            } else {
                pairs.append(entry)
            }
        }
        if !schemaPairs.isEmpty { pairs.append(pair("schema", schema(node(schemaPairs, parameter.mark), pointer))) }
        return node(pairs, parameter.mark)
    }

    /// `collectionFormat` as 3.0's `style` and `explode`.
    private func style(of format: YAMLNode, place: String, _ pointer: JSONPointer) -> [YAMLPair] {
        let mark = format.mark
        let simple = place == "path" || place == "header"
        switch format.scalar?.text {
        case "csv"?:
            return [pair("style", text(simple ? "simple" : "form", mark)), pair("explode", flag(false, mark))]
        case "ssv"?:
            return [pair("style", text("spaceDelimited", mark)), pair("explode", flag(false, mark))]
        case "pipes"?:
            return [pair("style", text("pipeDelimited", mark)), pair("explode", flag(false, mark))]
        case "multi"?:
            return [pair("style", text("form", mark)), pair("explode", flag(true, mark))]
        case "tsv"?:
            warning("OpenAPI 3 has no tab-separated style ('collectionFormat: tsv'); the values are sent comma-separated",
                    format, pointer)
            return [pair("style", text(simple ? "simple" : "form", mark)), pair("explode", flag(false, mark))]
        default:
            warning("'\(format.scalar?.text ?? format.kindDescription)' is not a collectionFormat; use csv, ssv, tsv, pipes "
                    + "or multi", format, pointer)
            return []
        }
    }

    /// The request body: the `in: body` parameter under every `consumes` type, or the `formData`
    /// parameters as the properties of a form.
    private func requestBody(_ parameters: [Parameter2], consumes: [String], at operation: YAMLNode, _ pointer: JSONPointer) -> YAMLNode? {
        let bodies = parameters.filter { $0.place == "body" }
        let form = parameters.filter { $0.place == "formData" }
        if bodies.count > 1 {
            error("an operation can have only one 'in: body' parameter, but this one has \(bodies.count); "
                  + "make them one body whose schema has a property for each", operation, pointer)
        }
        if let body = bodies.first {
            if !form.isEmpty {
                warning("an operation cannot have both a body and form parameters; the form parameters are left out",
                        form[0].original, form[0].pointer)
            }
            let schema = body.original["schema"].map { self.schema($0, body.pointer.appending("schema")) }
                ?? node([], body.original.mark)
            let types = consumes.isEmpty ? ["application/json"] : consumes
            var pairs = [pair("content", node(types.map { pair($0, node([pair("schema", schema)], body.original.mark)) },
                                              body.original.mark))]
            pairs += copied(["description", "required", "x-"], from: body.original)
            return node(pairs, body.original.mark)
        }
        guard let first = form.first else { return nil }
        let hasFile = form.contains { $0.original["type"]?.scalar?.text == "file" }
        var types = consumes.filter { ["multipart/form-data", "application/x-www-form-urlencoded"].contains(MediaTypes.essence($0)) }
        if types.isEmpty || (hasFile && !types.contains(where: { MediaTypes.essence($0) == "multipart/form-data" })) {
            types = [hasFile ? "multipart/form-data" : "application/x-www-form-urlencoded"]
        }
        var properties: [YAMLPair] = []
        var required: [YAMLNode] = []
        var encodings: [YAMLPair] = []
        for field in form {
            guard let name = field.original["name"]?.scalar?.text else { continue }
            let converted = parameter(field.original, field.pointer)
            var property = converted["schema"] ?? node([], field.original.mark)
            if let description = field.original["description"], let pairs = property.mapping {
                property = node(pairs + [pair("description", description)], property.mark)
            }
            properties.append(pair(name, property))
            if field.original["required"]?.scalar?.boolValue == true { required.append(text(name, field.original.mark)) }
            if let style = converted["style"], let explode = converted["explode"] {
                encodings.append(pair(name, node([pair("style", style), pair("explode", explode)], field.original.mark)))
            }
        }
        var schemaPairs = [pair("type", text("object", first.original.mark)), pair("properties", node(properties, first.original.mark))]
        if !required.isEmpty { schemaPairs.append(pair("required", YAMLNode(.sequence(required), mark: first.original.mark))) }
        let schema = node(schemaPairs, first.original.mark)
        let content = types.map { type -> YAMLPair in
            var media = [pair("schema", schema)]
            if !encodings.isEmpty { media.append(pair("encoding", node(encodings, first.original.mark))) }
            return pair(type, node(media, first.original.mark))
        }
        var pairs = [pair("content", node(content, first.original.mark))]
        if !required.isEmpty { pairs.append(pair("required", flag(true, first.original.mark))) }
        return node(pairs, first.original.mark)
    }

    // MARK: - Responses

    private func response(_ response: YAMLNode, _ pointer: JSONPointer, produces: [String]) -> YAMLNode {
        guard let written = response.mapping else { return response }
        if response["$ref"] != nil { return rewritingReference(response) }
        var pairs: [YAMLPair] = []
        var content: [YAMLPair] = []
        let types = produces.isEmpty ? ["application/json"] : produces
        if let schemaNode = response["schema"] {
            let converted = schema(schemaNode, pointer.appending("schema"))
            content = types.map { type in
                var media = [pair("schema", converted)]
                if let example = response["examples"]?[type] { media.append(pair("example", example)) }
                return pair(type, node(media, schemaNode.mark))
            }
        }
        // (Without a schema the examples are left out quietly: the generated code reads no examples.)
        for example in response["examples"]?.mapping ?? [] where response["schema"] != nil {
            guard let type = example.key.scalar?.text, !types.contains(type) else { continue }
            warning("the example for '\(type)' is left out: '\(type)' is not among the types the operation produces ("
                    + types.joined(separator: ", ") + ")", example.key, pointer.appending("examples").appending(type))
        }
        for entry in written {
            guard let key = entry.key.scalar?.text else { continue }
            switch key {
            case "schema", "examples":
                continue
            case "headers":
                pairs.append(YAMLPair(key: entry.key, value: mapValues(entry.value) { header, name in
                    self.header(header, pointer.appending("headers").appending(name))
                }))
            default:
                pairs.append(entry)
            }
        }
        if !content.isEmpty { pairs.append(pair("content", node(content, response.mark))) }
        return node(pairs, response.mark)
    }

    /// A 2.0 header: its schema keywords moved into `schema`.
    private func header(_ header: YAMLNode, _ pointer: JSONPointer) -> YAMLNode {
        guard let written = header.mapping else { return header }
        if let format = header["collectionFormat"], format.scalar?.text != "csv" {
            // OpenAPI 3 headers have one style, `simple`: comma-separated, as csv.
            warning("a header's values are comma-separated in OpenAPI 3 (style simple); 'collectionFormat: "
                    + "\(format.scalar?.text ?? format.kindDescription)' has no form there and is ignored", format,
                    pointer.appending("collectionFormat"))
        }
        let kept = written.filter { !Self.schemaKeywords.contains($0.key.scalar?.text ?? "") && $0.key.scalar?.text != "collectionFormat" }
        let schemaPairs = written.filter { Self.schemaKeywords.contains($0.key.scalar?.text ?? "") }
        guard !schemaPairs.isEmpty else { return header }
        return node(kept + [pair("schema", schema(node(schemaPairs, header.mark), pointer))], header.mark)
    }

    // MARK: - Schemas

    /// A 2.0 schema in its 3.0 spelling: references rewritten, `x-nullable`, string discriminators
    /// and `type: file` in their 3.0 forms, in every schema it holds.
    private func schema(_ schema: YAMLNode, _ pointer: JSONPointer) -> YAMLNode {
        guard let written = schema.mapping else { return schema }
        var pairs: [YAMLPair] = []
        for entry in written {
            guard let key = entry.key.scalar?.text else {
                pairs.append(entry)
                continue
            }
            let here = pointer.appending(key)
            switch key {
            case "$ref":
                pairs.append(YAMLPair(key: entry.key, value: rewritten(entry.value)))
            case "x-nullable":
                pairs.append(YAMLPair(key: text("nullable", entry.key.mark), value: entry.value))
            case "discriminator" where entry.value.scalar != nil:
                pairs.append(YAMLPair(key: entry.key, value: node([pair("propertyName", entry.value)], entry.value.mark)))
            case "type" where entry.value.scalar?.text == "file":
                pairs.append(YAMLPair(key: entry.key, value: text("string", entry.value.mark)))
                pairs.append(pair("format", text("binary", entry.value.mark)))
            case "format" where schema["type"]?.scalar?.text == "file":
                continue
            case "properties", "definitions", "patternProperties":
                pairs.append(YAMLPair(key: entry.key, value: mapValues(entry.value) { self.schema($0, here.appending($1)) }))
            case "items", "additionalProperties", "not":
                if let list = entry.value.sequence {
                    let items = list.enumerated().map { self.schema($1, here.appending($0)) }
                    pairs.append(YAMLPair(key: entry.key, value: YAMLNode(.sequence(items), mark: entry.value.mark)))
                } else {
                    pairs.append(YAMLPair(key: entry.key, value: self.schema(entry.value, here)))
                }
            case "allOf", "anyOf", "oneOf":
                let items = (entry.value.sequence ?? []).enumerated().map { self.schema($1, here.appending($0)) }
                pairs.append(YAMLPair(key: entry.key, value: entry.value.sequence == nil ? entry.value
                                          : YAMLNode(.sequence(items), mark: entry.value.mark)))
            default:
                pairs.append(entry)
            }
        }
        return node(pairs, schema.mark)
    }

    // MARK: - Security

    private func securityScheme(_ scheme: YAMLNode, _ pointer: JSONPointer) -> YAMLNode {
        guard let written = scheme.mapping else { return scheme }
        let mark = scheme.mark
        switch scheme["type"]?.scalar?.text {
        case "basic"?:
            return node([pair("type", text("http", mark)), pair("scheme", text("basic", mark))]
                        + copied(["description", "x-"], from: scheme), mark)
        case "oauth2"?:
            let flowNames = ["implicit": "implicit", "password": "password", "application": "clientCredentials",
                             "accessCode": "authorizationCode"]
            let flowKey = scheme["flow"]?.scalar?.text ?? ""
            guard let flow = flowNames[flowKey] else {
                warning("'\(flowKey)' is not an OAuth 2 flow of Swagger 2.0; use implicit, password, application or accessCode",
                        scheme["flow"] ?? scheme, pointer.appending("flow"))
                return node([pair("type", text("oauth2", mark)), pair("flows", node([], mark))], mark)
            }
            var flowPairs = copied(["authorizationUrl", "tokenUrl"], from: scheme)
            flowPairs.append(pair("scopes", scheme["scopes"] ?? node([], mark)))
            return node([pair("type", text("oauth2", mark)), pair("flows", node([pair(flow, node(flowPairs, mark))], mark))]
                        + copied(["description", "x-"], from: scheme), mark)
        default:
            return node(written, mark)
        }
    }

    // MARK: - Diagnostics

    /// The 2.0 sections of a document and the 3.0 components they became.
    private static let sections = [("definitions", ["components", "schemas"]), ("parameters", ["components", "parameters"]),
                                   ("responses", ["components", "responses"]),
                                   ("securityDefinitions", ["components", "securitySchemes"])]

    /// A diagnostic of the translation of the upgraded document, in the terms of the 2.0 document the
    /// user wrote: pointers and references into components are those of the 2.0 sections they came from.
    static func inSwaggerTerms(_ diagnostic: Diagnostic) -> Diagnostic {
        var translated = diagnostic
        if let pointer = diagnostic.pointer, pointer.document == nil {
            let tokens = pointer.tokens
            var swaggerTokens = tokens
            for (section, component) in sections where tokens.starts(with: component) {
                swaggerTokens = [section] + tokens.dropFirst(2)
            }
            // A response's schema is beside its description in 2.0, not under a media type.
            var index = 0
            while index + 3 < swaggerTokens.count {
                if swaggerTokens[index] == "responses", swaggerTokens[index + 2] == "content" {
                    swaggerTokens.removeSubrange(index + 2...index + 3)
                }
                index += 1
            }
            translated.pointer = JSONPointer(tokens: swaggerTokens)
        }
        for (section, component) in sections {
            let path = "#/" + component.joined(separator: "/")
            translated.message = translated.message
                .replacingOccurrences(of: "'" + path + "/", with: "'#/" + section + "/")
                .replacingOccurrences(of: "'\(component[1])' under #/components", with: "'\(section)' under #")
                .replacingOccurrences(of: " under " + path, with: " under #/" + section)
        }
        return translated
    }

    // MARK: - Nodes

    /// A `$ref` into 2.0's sections of this document, pointed at the 3.0 component.
    private func rewritten(_ reference: YAMLNode) -> YAMLNode {
        // In a referenced file, `#/...` points into that file, which keeps its layout.
        guard referencedFile == nil, let text = reference.scalar?.text, text.hasPrefix("#/") else { return reference }
        for (from, to) in [("#/definitions/", "#/components/schemas/"), ("#/parameters/", "#/components/parameters/"),
                           ("#/responses/", "#/components/responses/")] where text.hasPrefix(from) {
            return self.text(to + text.dropFirst(from.count), reference.mark)
        }
        return reference
    }

    private func rewritingReference(_ node: YAMLNode) -> YAMLNode {
        guard let pairs = node.mapping else { return node }
        return self.node(pairs.map { $0.key.scalar?.text == "$ref" ? YAMLPair(key: $0.key, value: rewritten($0.value)) : $0 }, node.mark)
    }

    /// The entries of `from` whose keys are listed (a key ending in `-` stands for every key it starts).
    private func copied(_ keys: [String], from node: YAMLNode) -> [YAMLPair] {
        (node.mapping ?? []).filter { pair in
            guard let key = pair.key.scalar?.text else { return false }
            return keys.contains { $0.hasSuffix("-") ? key.hasPrefix($0) : key == $0 }
        }
    }

    private func mapValues(_ map: YAMLNode, _ transform: (YAMLNode, String) -> YAMLNode) -> YAMLNode {
        guard let pairs = map.mapping else { return map }
        return node(pairs.map { entry in
            guard let key = entry.key.scalar?.text else { return entry }
            return YAMLPair(key: entry.key, value: transform(entry.value, key))
        }, map.mark)
    }

    private static func mediaTypes(_ node: YAMLNode?) -> [String] {
        node?.sequence?.compactMap { $0.scalar?.text } ?? []
    }

    private func node(_ pairs: [YAMLPair], _ mark: Mark) -> YAMLNode {
        YAMLNode(.mapping(YAMLMapping(pairs)), mark: mark)
    }

    private func pair(_ key: String, _ value: YAMLNode) -> YAMLPair {
        YAMLPair(key: text(key, value.mark), value: value)
    }

    private func text(_ value: String, _ mark: Mark) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(text: value, style: .doubleQuoted)), mark: mark)
    }

    private func flag(_ value: Bool, _ mark: Mark) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(text: value ? "true" : "false", style: .plain)), mark: mark)
    }
}
