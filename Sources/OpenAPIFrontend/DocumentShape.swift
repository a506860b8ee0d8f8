import APIModel
import FrontendSupport
import YAMLReader

/// The fixed fields of the OpenAPI objects that the generator reads little or nothing of (the
/// document's top, `info`, `tags`, `externalDocs`, `components`, links, headers, server variables and
/// XML objects), as the specification (3.0 to 3.2) lists them. A document whose such parts do not fit
/// still generates; each misfit is a located warning, so that a mistake there is never silent.
/// Extension keys (`x-...`) are allowed in every object.
struct FieldShape: Sendable {
    /// What a field holds.
    indirect enum Kind: Sendable {
        case string
        case flag
        case mapping
        case list
        case any
        case object(FieldShape)
        /// A mapping whose values are each an object of the shape (or a `$ref`).
        case mapOf(FieldShape)
        /// A list whose items are each an object of the shape.
        case listOf(FieldShape)
    }

    /// How diagnostics name the object: "the 'info' object".
    var what: String
    var fields: KeyValuePairs<String, Kind>
    var required: [String] = []

    static let externalDocs = FieldShape(what: "an 'externalDocs' object", fields: ["description": .string, "url": .string],
                                          required: ["url"])
    static let contact = FieldShape(what: "the 'contact' object", fields: ["name": .string, "url": .string, "email": .string])
    static let license = FieldShape(what: "the 'license' object", fields: ["name": .string, "identifier": .string, "url": .string],
                                     required: ["name"])
    static let info = FieldShape(what: "the 'info' object", fields: [
        "title": .string, "summary": .string, "description": .string, "termsOfService": .string,
        "contact": .object(contact), "license": .object(license), "version": .string,
    ], required: ["title", "version"])
    static let tag = FieldShape(what: "a tag", fields: [
        "name": .string, "summary": .string, "description": .string, "externalDocs": .object(externalDocs),
        "parent": .string, "kind": .string,
    ], required: ["name"])
    static let link = FieldShape(what: "a link", fields: [
        "operationRef": .string, "operationId": .string, "parameters": .mapping, "requestBody": .any,
        "description": .string, "server": .mapping,
    ])
    static let header = FieldShape(what: "a header", fields: [
        "description": .string, "required": .flag, "deprecated": .flag, "allowEmptyValue": .flag, "style": .string,
        "explode": .flag, "schema": .any, "example": .any, "examples": .mapping, "content": .mapping,
    ])
    /// (`schemas`, `securitySchemes` and the fields `.any` marks elsewhere are checked where they are translated.)
    static let components = FieldShape(what: "'components'", fields: [
        "schemas": .any, "responses": .mapping, "parameters": .mapping, "examples": .mapping, "requestBodies": .mapping,
        "headers": .mapOf(header), "securitySchemes": .any, "links": .mapOf(link), "callbacks": .mapping,
        "pathItems": .mapping, "mediaTypes": .mapping,
    ])
    static let document = FieldShape(what: "an OpenAPI document", fields: [
        "openapi": .string, "$self": .string, "info": .object(info), "jsonSchemaDialect": .string, "servers": .any,
        "paths": .any, "webhooks": .any, "components": .object(components), "security": .any,
        "tags": .listOf(tag), "externalDocs": .object(externalDocs),
    ])
    static let xml = FieldShape(what: "an 'xml' object", fields: [
        "name": .string, "namespace": .string, "prefix": .string, "attribute": .flag, "wrapped": .flag, "nodeType": .string,
    ])
}

extension NodeReader {
    /// Warns, where it is, of each way `node` does not fit `shape`.
    /// `unknownFields: false` (for versions newer than the generator knows) leaves unknown fields alone.
    func check(_ node: YAMLNode, _ pointer: JSONPointer, against shape: FieldShape, unknownFields: Bool = true) {
        guard let mapping = node.mapping else {
            warning("\(shape.what) must be a mapping, but it is \(node.kindDescription); it is ignored", node, pointer)
            return
        }
        for pair in mapping {
            guard let key = pair.key.scalar?.text, !key.hasPrefix("x-") else { continue }
            guard let kind = shape.fields.first(where: { $0.key == key })?.value else {
                guard unknownFields else { continue }
                warning("'\(key)' is not a field of \(shape.what), and is ignored; the fields are "
                        + shape.fields.map(\.key).joined(separator: ", ") + ", and extensions named x-...", pair.key, pointer.appending(key))
                continue
            }
            check(pair.value, pointer.appending(key), holds: kind, field: "'\(key)' of \(shape.what)", unknownFields: unknownFields)
        }
        for field in shape.required where node[field] == nil {
            warning("\(shape.what) has no '\(field)', which the specification requires; add it", node, pointer)
        }
    }

    private func check(_ value: YAMLNode, _ pointer: JSONPointer, holds kind: FieldShape.Kind, field: String, unknownFields: Bool) {
        func expect(_ fits: Bool, _ expected: String) {
            if !fits { warning("\(field) must be \(expected), but it is \(value.kindDescription); it is ignored", value, pointer) }
        }
        switch kind {
        case .string: expect(value.scalar?.resolved == .string, "a string")
        case .flag: expect(value.scalar?.boolValue != nil, "true or false")
        case .mapping: expect(value.mapping != nil, "a mapping")
        case .list: expect(value.sequence != nil, "a list")
        case .any: break
        case .object(let shape): check(value, pointer, against: shape, unknownFields: unknownFields)
        case .mapOf(let shape):
            guard let entries = value.mapping else { return expect(false, "a mapping") }
            for pair in entries where pair.value["$ref"] == nil {
                guard let key = pair.key.scalar?.text, !key.hasPrefix("x-") else { continue }
                check(pair.value, pointer.appending(key), against: shape, unknownFields: unknownFields)
            }
        case .listOf(let shape):
            guard let items = value.sequence else { return expect(false, "a list") }
            for (index, item) in items.enumerated() { check(item, pointer.appending(index), against: shape, unknownFields: unknownFields) }
        }
    }
}

extension DocumentContext {
    /// The checks of the parts of an OpenAPI 3 document that translation does not read (see
    /// `FieldShape`), and of the rules the specification states across fields there: a document has
    /// `paths` (3.0) or one of `paths`, `components` and `webhooks` (3.1); a server variable has a
    /// default, and an enum that is not empty and holds it; `allowReserved` is for query parameters.
    /// Fields of versions newer than 3.2 are not known, so they are not called unknown; the rules that
    /// 3.2 relaxed apply to 3.0 and 3.1 only (`allowReserved` elsewhere), or to 3.1 only (an empty
    /// enum, which 3.0 says only "SHOULD NOT" be).
    func checkShape() {
        let version = root["openapi"]?.scalar?.text ?? ""
        let strict = version.hasPrefix("3.0") || version.hasPrefix("3.1")
        check(root, .root, against: .document, unknownFields: strict || version.hasPrefix("3.2"))
        if version.hasPrefix("3.0"), root["paths"] == nil {
            warning("an OpenAPI 3.0 document must have 'paths'; add `paths: {}` if it has no operations", root, .root)
        } else if !version.hasPrefix("3.0"), root["paths"] == nil, root["components"] == nil, root["webhooks"] == nil {
            warning("the document has none of 'paths', 'components' and 'webhooks', so it describes nothing; add one", root, .root)
        }
        checkServerVariables(root["servers"], JSONPointer.root.appending("servers"), emptyEnums: version.hasPrefix("3.1"))
        if strict { checkAllowReserved() }
        checkUnusedReferences()
    }

    private func checkServerVariables(_ servers: YAMLNode?, _ pointer: JSONPointer, emptyEnums: Bool) {
        for (index, server) in (servers?.sequence ?? []).enumerated() {
            let variablesPointer = pointer.appending(index).appending("variables")
            for pair in server["variables"]?.mapping ?? [] {
                guard let name = pair.key.scalar?.text else { continue }
                let variable = pair.value
                let variablePointer = variablesPointer.appending(name)
                let fallback = variable["default"]?.scalar?.text
                if fallback == nil {
                    warning("the server variable '\(name)' has no 'default', which the specification requires; add one", variable,
                            variablePointer)
                }
                guard let choices = variable["enum"] else { continue }
                let values = choices.sequence?.compactMap(\.scalar?.text) ?? []
                if values.isEmpty, emptyEnums {
                    warning("the 'enum' of the server variable '\(name)' must be a list of at least one value; it is ignored", choices,
                            variablePointer.appending("enum"))
                } else if let fallback, !values.isEmpty, !values.contains(fallback) {
                    warning("the default '\(fallback)' of the server variable '\(name)' is not one of its 'enum' values ("
                            + values.joined(separator: ", ") + "); the default is used", variable["default"] ?? variable,
                            variablePointer.appending("default"))
                }
            }
        }
    }

    /// `allowReserved` on a parameter that is not in the query: the components' parameters, and those
    /// written in place in path items and operations (a `$ref` is checked where it points).
    private func checkAllowReserved() {
        func check(_ parameter: YAMLNode, _ pointer: JSONPointer) {
            guard let flag = parameter["allowReserved"], parameter["in"]?.scalar?.text != "query" else { return }
            warning("'allowReserved' is for query parameters only; it is ignored here", flag, pointer.appending("allowReserved"))
        }
        let components = JSONPointer.root.appending("components").appending("parameters")
        for pair in root["components"]?["parameters"]?.mapping ?? [] {
            if let name = pair.key.scalar?.text { check(pair.value, components.appending(name)) }
        }
        for item in root["paths"]?.mapping ?? [] {
            guard let path = item.key.scalar?.text else { continue }
            let itemPointer = JSONPointer.root.appending("paths").appending(path)
            var holders: [(node: YAMLNode, pointer: JSONPointer)] = [(item.value, itemPointer)]
            for pair in item.value.mapping ?? [] {
                if let key = pair.key.scalar?.text { holders.append((pair.value, itemPointer.appending(key))) }
            }
            for (holder, holderPointer) in holders {
                for (index, parameter) in (holder["parameters"]?.sequence ?? []).enumerated() {
                    check(parameter, holderPointer.appending("parameters").appending(index))
                }
            }
        }
    }
}

extension DocumentContext {
    /// What a `$ref` in a part the generated code does not use points to.
    private enum UnusedPart {
        case example, header, link, callback
        case pathItem(expression: String)

        var name: String {
            switch self {
            case .example: "an example"
            case .header: "a header"
            case .link: "a link"
            case .callback: "a callback"
            case .pathItem: "a callback's path item"
            }
        }
    }

    /// Follows the `$ref`s of the parts of a document that translation does not read (examples, links,
    /// response headers and callbacks, in the components and wherever operations use them), so that a
    /// broken one is not silent. Nothing generated depends on them, so a reference that does not
    /// resolve, or a cycle, is a warning and the document still generates.
    func checkUnusedReferences() {
        var visited: Set<JSONPointer> = []
        let components = JSONPointer.root.appending("components")
        let parts: [(String, UnusedPart)] = [("examples", .example), ("headers", .header), ("links", .link), ("callbacks", .callback)]
        for (field, part) in parts {
            for (name, node) in quietEntries(root["components"]?[field]) {
                checkUnused(node, components.appending(field).appending(name), part, &visited)
            }
        }
        for field in ["paths", "webhooks"] {
            for (path, item) in quietEntries(root[field]) {
                checkPathItem(item, JSONPointer.root.appending(field).appending(path), path: path, &visited)
            }
        }
    }

    /// The entries of a mapping but its `x-` extensions, without a word when it is none (unlike
    /// `NodeReader.entries`, which reports: translation reports what it reads).
    private func quietEntries(_ node: YAMLNode?) -> [(String, YAMLNode)] {
        (node?.mapping ?? []).compactMap { pair in
            guard let key = pair.key.scalar?.text, !key.hasPrefix("x-") else { return nil }
            return (key, pair.value)
        }
    }

    /// A node with its `$ref`s followed without a word: the translation reports those it reads.
    private func silently(_ node: YAMLNode, _ pointer: JSONPointer) -> (node: YAMLNode, pointer: JSONPointer)? {
        var current = (node: node, pointer: pointer)
        var seen: Set<JSONPointer> = []
        while let reference = current.node["$ref"]?.scalar?.text {
            guard let next = target(of: reference, from: current.pointer.appending("$ref")), seen.insert(next.pointer).inserted else {
                return nil
            }
            current = next
        }
        return current
    }

    /// Follows the `$ref`s of `node`, a part of the kind `part`, warning where one leads nowhere, and
    /// looks into what it reaches for more such parts.
    private func checkUnused(_ node: YAMLNode, _ pointer: JSONPointer, _ part: UnusedPart, _ visited: inout Set<JSONPointer>) {
        var current = (node: node, pointer: pointer)
        var seen: Set<JSONPointer> = []
        while let reference = current.node["$ref"]?.scalar?.text {
            let at = current.pointer.appending("$ref")
            switch documents.resolve(reference, from: at) {
            case .failure:
                warning("$ref '\(reference)' of \(part.name) does not resolve; the generated code does not use "
                        + "\(part.name), so it is ignored, but the document is wrong there: point the $ref at an existing object",
                        current.node["$ref"] ?? current.node, at)
                return
            case .success(let target):
                guard seen.insert(target.pointer).inserted else {
                    warning("$ref '\(reference)' of \(part.name) refers back to itself through a cycle of references; "
                            + "it is ignored", current.node, current.pointer)
                    return
                }
                current = target
            }
        }
        guard visited.insert(current.pointer).inserted else { return }
        switch part {
        case .example, .link: break
        case .header: checkContent(current.node, current.pointer, &visited)
        case .callback:
            for (expression, item) in quietEntries(current.node) {
                checkUnused(item, current.pointer.appending(expression), .pathItem(expression: expression), &visited)
            }
        case .pathItem(let expression): checkPathItem(current.node, current.pointer, path: expression, &visited, followed: true)
        }
    }

    /// The examples of a parameter, a header or a body, and of each of its media types.
    private func checkContent(_ node: YAMLNode, _ pointer: JSONPointer, _ visited: inout Set<JSONPointer>) {
        for (name, example) in quietEntries(node["examples"]) {
            checkUnused(example, pointer.appending("examples").appending(name), .example, &visited)
        }
        for (type, media) in quietEntries(node["content"]) {
            for (name, example) in quietEntries(media["examples"]) {
                checkUnused(example, pointer.appending("content").appending(type).appending("examples").appending(name), .example, &visited)
            }
        }
    }

    /// `path` is the key the item stands under, which names an operation without an id.
    private func checkPathItem(_ node: YAMLNode, _ pointer: JSONPointer, path: String, _ visited: inout Set<JSONPointer>,
                               followed: Bool = false) {
        guard case let (item, itemPointer)? = followed ? (node: node, pointer: pointer) : silently(node, pointer) else { return }
        if !followed, !visited.insert(itemPointer).inserted { return }
        var operations: [(YAMLNode, JSONPointer)] = [(item, itemPointer)]
        for method in OperationTranslator.methods {
            guard let operation = item[method], let followed = silently(operation, itemPointer.appending(method)) else { continue }
            // An excluded operation is not read any further, here as in translation (the same id, or
            // "get /path" without one).
            if excludedOperations.contains(followed.node["operationId"]?.scalar?.text ?? "\(method) \(path)") { continue }
            operations.append(followed)
        }
        for (index, (operation, operationPointer)) in operations.enumerated() {
            for (offset, parameter) in (operation["parameters"]?.sequence ?? []).enumerated() {
                if case let (node, at)? = silently(parameter, operationPointer.appending("parameters").appending(offset)) {
                    checkContent(node, at, &visited)
                }
            }
            guard index > 0 else { continue } // the path item itself has parameters only
            if let body = operation["requestBody"], case let (node, at)? = silently(body, operationPointer.appending("requestBody")) {
                checkContent(node, at, &visited)
            }
            if let responses = operation["responses"], case let (map, mapPointer)? = silently(responses, operationPointer.appending("responses")) {
                for (status, response) in quietEntries(map) {
                    guard case let (node, at)? = silently(response, mapPointer.appending(status)) else { continue }
                    checkContent(node, at, &visited)
                    for (name, header) in quietEntries(node["headers"]) {
                        checkUnused(header, at.appending("headers").appending(name), .header, &visited)
                    }
                    for (name, link) in quietEntries(node["links"]) {
                        checkUnused(link, at.appending("links").appending(name), .link, &visited)
                    }
                }
            }
            for (name, callback) in quietEntries(operation["callbacks"]) {
                checkUnused(callback, operationPointer.appending("callbacks").appending(name), .callback, &visited)
            }
        }
    }
}
