import APIModel
import YAMLReader

/// The component schemas of a document: those under the input document's `components/schemas`, and
/// the schemas of other files that `$ref`s use as schemas, each generated once under one name.
///
/// A schema in another file gets a name when a `$ref` in a schema's place points to the whole file
/// (named after the file: `schemas/Pet.yaml` is `Pet`) or to an entry of a map of schemas
/// (`common.yaml#/components/schemas/Pet`, `#/$defs/Pet`, `#/definitions/Pet`, or a top-level key,
/// `pets.yaml#/Pet`: `Pet`). A component of the input document that is only a `$ref` to such a
/// schema (`Pet: {$ref: schemas/Pet.yaml}`, the usual layout) gives it its name, and is not declared
/// again. The other names are handed out in the order of the schemas' pointers, `Pet`, then `Pet2`
/// for a second `Pet` in another file, so they never depend on the order the files are read in.
/// A `$ref` into the middle of another file's schema is translated in place, as a local one is.
struct ComponentSchemas: Sendable {
    struct Component: Sendable {
        var node: YAMLNode
        var pointer: JSONPointer
    }

    /// Every component schema by name, other files' included.
    var byName: [String: Component] = [:]
    /// The names of other files' schemas, by their pointer.
    var external: [JSONPointer: String] = [:]
    /// Components of the input document whose schema is another file's (they are declared from there).
    var forwarded: [String: Component] = [:]
    /// Other files' schemas to declare besides the input document's components, by name, in pointer order.
    var externalDeclarations: [(name: String, component: Component)] = []

    /// The input document's components only (a document in one file).
    init(root: YAMLNode) {
        for pair in root["components"]?["schemas"]?.mapping ?? [] {
            if let name = pair.key.scalar?.text, byName[name] == nil {
                byName[name] = Component(node: pair.value, pointer: Self.rootPointer.appending(name))
            }
        }
    }

    static let rootPointer = JSONPointer.root.appending("components").appending("schemas")

    /// The input document's components and the schemas of other files its `$ref`s use, found by
    /// following every `$ref` where a schema, parameter, body, response, header or path item stands
    /// (operations that are excluded are passed over).
    init(documents: DocumentFiles, excludedOperations: Set<String>) {
        self.init(root: documents.root)
        var finder = SchemaFinder(documents: documents, excludedOperations: excludedOperations)
        finder.walkDocument()
        let found = finder.found
        var taken = Set(byName.keys)
        for pair in documents.root["components"]?["schemas"]?.mapping ?? [] {
            guard let name = pair.key.scalar?.text, let reference = pair.value["$ref"]?.scalar?.text,
                  pair.value.mapping?.allSatisfy({ ["$ref", "description", "summary", "title"].contains($0.key.scalar?.text ?? "") }) == true,
                  case .success(let target) = documents.resolve(reference, from: Self.rootPointer.appending(name)),
                  found[target.pointer] != nil, external[target.pointer] == nil else { continue }
            external[target.pointer] = name
            let component = Component(node: target.node, pointer: target.pointer)
            forwarded[name] = component
            byName[name] = component
        }
        for (pointer, entry) in found.sorted(by: { $0.key < $1.key }) where external[pointer] == nil {
            var name = entry.base
            var number = 2
            while taken.contains(name) {
                name = entry.base + String(number)
                number += 1
            }
            taken.insert(name)
            external[pointer] = name
            let component = Component(node: entry.node, pointer: pointer)
            byName[name] = component
            externalDeclarations.append((name, component))
        }
    }

    /// The name of the component schema at `pointer`, if one is there.
    func name(at pointer: JSONPointer) -> String? {
        if pointer.document == nil {
            let tokens = pointer.tokens
            guard tokens.count == 3, tokens[0] == "components", tokens[1] == "schemas", byName[tokens[2]] != nil else { return nil }
            return tokens[2]
        }
        return external[pointer]
    }

    /// The component schema whose subtree holds `pointer` (for `$recursiveRef: "#"`), with its name.
    func containing(_ pointer: JSONPointer) -> (name: String, component: Component)? {
        let tokens = pointer.tokens
        if pointer.document == nil {
            guard tokens.count >= 3, tokens[0] == "components", tokens[1] == "schemas", let component = byName[tokens[2]] else {
                return nil
            }
            return (tokens[2], component)
        }
        var prefix = JSONPointer(document: pointer.document ?? "")
        for index in 0...min(3, tokens.count) {
            if index > 0 { prefix = prefix.appending(tokens[index - 1]) }
            if let name = external[prefix], let component = byName[name] { return (name, component) }
        }
        return nil
    }

    /// The name a schema of another file is given, before collisions: the entry's key in a map of
    /// schemas, or the file's name without its extension; nil for a place inside a schema.
    static func baseName(_ pointer: JSONPointer) -> String? {
        guard let document = pointer.document else { return nil }
        let tokens = pointer.tokens
        switch tokens.count {
        case 0:
            var name = Substring(document.split(separator: "/").last ?? "")
            for suffix in [".yaml", ".yml", ".json"] where name.lowercased().hasSuffix(suffix) {
                name = name.dropLast(suffix.count)
            }
            return name.isEmpty ? nil : String(name)
        case 1:
            return tokens[0]
        case 2 where ["$defs", "definitions", "schemas"].contains(tokens[0]):
            return tokens[1]
        case 3 where tokens[0] == "components" && tokens[1] == "schemas":
            return tokens[2]
        default:
            return nil
        }
    }
}

/// Walks a document where OpenAPI puts schemas, parameters, bodies, responses, headers and path items,
/// following `$ref`s into other files, and notes the schemas of other files that `$ref`s use whole.
private struct SchemaFinder {
    let documents: DocumentFiles
    let excludedOperations: Set<String>
    /// Schemas of other files used through a `$ref`, by pointer, with the name they would like.
    var found: [JSONPointer: (node: YAMLNode, base: String)] = [:]
    /// The targets of `$ref`s already walked, as what (`kind`) they were walked.
    private var visited: Set<String> = []
    /// Nodes looked at; YAML aliases can make a small file a huge tree, and past this budget the walk
    /// stops (what it has not found is translated in place; the translation has its own limits).
    private var budget = 2_000_000

    init(documents: DocumentFiles, excludedOperations: Set<String>) {
        self.documents = documents
        self.excludedOperations = excludedOperations
    }

    enum Kind: String {
        case pathItem, operation, parameter, requestBody, response, header, schema
    }

    mutating func walkDocument() {
        let root = documents.root
        for (key, item) in pairs(root["paths"]) {
            visit(item, JSONPointer.root.appending("paths").appending(key), .pathItem, depth: 0)
        }
        let components = JSONPointer.root.appending("components")
        let sections: [(String, Kind)] = [("schemas", .schema), ("parameters", .parameter), ("requestBodies", .requestBody),
                                          ("responses", .response), ("headers", .header), ("pathItems", .pathItem)]
        for (section, kind) in sections {
            for (key, node) in pairs(root["components"]?[section]) {
                visit(node, components.appending(section).appending(key), kind, depth: 0)
            }
        }
    }

    /// A map that may be a `$ref` to the map (`responses: {$ref: ...}`), followed to what it names.
    private func followed(_ node: YAMLNode?, _ pointer: JSONPointer) -> (node: YAMLNode?, pointer: JSONPointer) {
        var current = (node: node, pointer: pointer)
        for _ in 0..<64 {
            guard let reference = current.node?["$ref"]?.scalar?.text,
                  case .success(let target) = documents.resolve(reference, from: current.pointer) else { break }
            current = (target.node, target.pointer)
        }
        return current
    }

    private func pairs(_ node: YAMLNode?) -> [(String, YAMLNode)] {
        (node?.mapping ?? []).compactMap { pair in pair.key.scalar.map { ($0.text, pair.value) } }
    }

    private mutating func visit(_ node: YAMLNode, _ pointer: JSONPointer, _ kind: Kind, depth: Int) {
        budget -= 1
        guard budget > 0, depth < 500, node.mapping != nil else { return }
        if let reference = node["$ref"]?.scalar?.text {
            guard case .success(let target) = documents.resolve(reference, from: pointer) else { return }
            if kind == .schema, target.pointer.document != nil, let base = ComponentSchemas.baseName(target.pointer) {
                found[target.pointer] = (target.node, base)
            }
            // Each target once for each kind of place it is used in (cycles end here).
            guard visited.insert(kind.rawValue + " " + target.pointer.string).inserted else { return }
            visit(target.node, target.pointer, kind, depth: depth + 1)
            return
        }
        switch kind {
        case .pathItem:
            for (key, value) in pairs(node) {
                if key == "parameters" {
                    visitList(value, pointer.appending(key), .parameter, depth: depth)
                } else if OperationTranslator.methods.contains(key) {
                    visit(value, pointer.appending(key), .operation, depth: depth + 1)
                }
            }
        case .operation:
            if let id = node["operationId"]?.scalar?.text, excludedOperations.contains(id) { return }
            visitList(node["parameters"], pointer.appending("parameters"), .parameter, depth: depth)
            if let body = node["requestBody"] { visit(body, pointer.appending("requestBody"), .requestBody, depth: depth + 1) }
            let (responses, responsesPointer) = followed(node["responses"], pointer.appending("responses"))
            for (code, response) in pairs(responses) {
                visit(response, responsesPointer.appending(code), .response, depth: depth + 1)
            }
        case .parameter, .header:
            if let schema = node["schema"] { visit(schema, pointer.appending("schema"), .schema, depth: depth + 1) }
            visitContent(node, pointer, depth: depth)
        case .requestBody:
            visitContent(node, pointer, depth: depth)
        case .response:
            visitContent(node, pointer, depth: depth)
            for (name, header) in pairs(node["headers"]) {
                visit(header, pointer.appending("headers").appending(name), .header, depth: depth + 1)
            }
        case .schema:
            visitSchema(node, pointer, depth: depth)
        }
    }

    private mutating func visitList(_ node: YAMLNode?, _ pointer: JSONPointer, _ kind: Kind, depth: Int) {
        for (index, item) in (node?.sequence ?? []).enumerated() {
            visit(item, pointer.appending(index), kind, depth: depth + 1)
        }
    }

    private mutating func visitContent(_ node: YAMLNode, _ pointer: JSONPointer, depth: Int) {
        for (mediaType, media) in pairs(node["content"]) {
            if let schema = media["schema"] {
                visit(schema, pointer.appending("content").appending(mediaType).appending("schema"), .schema, depth: depth + 1)
            }
        }
    }

    /// Every keyword of JSON Schema whose value is a schema, a list of schemas or a map of schemas.
    private mutating func visitSchema(_ node: YAMLNode, _ pointer: JSONPointer, depth: Int) {
        for (keyword, value) in pairs(node) {
            let here = pointer.appending(keyword)
            switch keyword {
            case "items", "additionalProperties", "not", "if", "then", "else", "contentSchema", "propertyNames", "contains",
                 "unevaluatedItems", "unevaluatedProperties", "additionalItems":
                if value.sequence != nil {
                    visitList(value, here, .schema, depth: depth)
                } else {
                    visit(value, here, .schema, depth: depth + 1)
                }
            case "allOf", "anyOf", "oneOf", "prefixItems":
                visitList(value, here, .schema, depth: depth)
            case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas":
                let (map, mapPointer) = followed(value, here)
                for (key, schema) in pairs(map) {
                    visit(schema, mapPointer.appending(key), .schema, depth: depth + 1)
                }
            default:
                continue
            }
        }
    }
}
