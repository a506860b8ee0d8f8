import APIModel
import FrontendSupport
import Parallelism
import YAMLReader

/// Choices about an OpenAPI document that the document itself does not make.
public struct OpenAPIOptions: Hashable, Sendable {
    /// The namespace the API is generated into.
    public var namespace: String
    /// Text put before the credential of `apiKey` security schemes, by scheme name (`APIKey ` for Gcore).
    public var authPrefixes: [String: String]
    /// Translate parts of the document on all cores (the default); false for one thread. The result
    /// is the same either way.
    public var concurrent: Bool
    /// Operation ids left out before they are read: nothing about them is translated or reported.
    public var excludedOperations: Set<String>

    public init(namespace: String, authPrefixes: [String: String] = [:], concurrent: Bool = true,
                excludedOperations: Set<String> = []) {
        self.namespace = namespace
        self.authPrefixes = authPrefixes
        self.concurrent = concurrent
        self.excludedOperations = excludedOperations
    }
}

/// OpenAPI 3.0 and 3.1 documents (and Swagger 2.0, through `SwaggerUpgrade`) -> `APIDefinition`.
public enum OpenAPIFrontend {
    /// Translates a parsed document that is one file (a `$ref` to another file is an error). Returns nil
    /// when there were errors; the diagnostics say why.
    public static func translate(_ root: YAMLNode, file: String, options: OpenAPIOptions) -> (APIDefinition?, [Diagnostic]) {
        translate(DocumentFiles.single(file: file, root: root), options: options)
    }

    /// Translates a parsed document whose `$ref`s may name other files, which `documents` reads.
    /// Returns nil when there were errors; the diagnostics say why.
    public static func translate(_ written: DocumentFiles, options: OpenAPIOptions) -> (APIDefinition?, [Diagnostic]) {
        var documents = written
        var upgradeDiagnostics: [Diagnostic] = []
        let isSwagger = written.root.mapping != nil && written.root["swagger"] != nil && written.root["openapi"] == nil
        if isSwagger {
            // Swagger 2.0 is read as the OpenAPI 3.0 document that says the same.
            let (upgraded, diagnostics) = SwaggerUpgrade.upgrade(written)
            documents = written.replacingRoot(upgraded) { document, tree in
                SwaggerUpgrade.upgradeFile(tree, document: document, of: written)
            }
            upgradeDiagnostics = diagnostics
        }
        let root = documents.root
        let context = DocumentContext(documents: documents, excludedOperations: options.excludedOperations)
        context.log.append(contentsOf: upgradeDiagnostics)
        guard root.mapping != nil else {
            context.error("an OpenAPI document must be a mapping at the top level, but this is \(root.kindDescription)", root, .root)
            return (nil, context.log.sorted.map { isSwagger ? SwaggerUpgrade.inSwaggerTerms($0) : $0 })
        }
        checkVersion(context, swagger: written.root["swagger"])
        if written.root["swagger"] == nil { context.checkShape() }

        let info = root["info"]
        let title = info?["title"]?.scalar?.text ?? options.namespace
        if info == nil {
            context.error("the document has no 'info'; add info with a title and a version", root, .root)
        }

        context.registerServers(root["servers"], JSONPointer.root.appending("servers"))
        var (types, operations) = translateSchemasAndPaths(context, concurrent: options.concurrent)
        // Each file that is not YAML or JSON is reported once, whichever references needed it.
        context.log.append(contentsOf: documents.usedInvalidFiles + documents.upgradeDiagnostics)
        types.sort { $0.name < $1.name }
        let omitted = context.omittedOperations

        var definition = APIDefinition(
            name: options.namespace, title: title, version: info?["version"]?.scalar?.text,
            documentation: Documentation(summary: title, details: info?["description"]?.scalar?.text),
            servers: context.servers, authSchemes: authSchemes(context, options: options),
            operations: operations, types: types, origin: context.origin(root, .root))
        definition.omittedOperations = omitted
        return (context.log.hasErrors ? nil : definition, context.log.sorted.map { isSwagger ? SwaggerUpgrade.inSwaggerTerms($0) : $0 })
    }

    /// One part of a document that can be translated on its own: a run of component schemas, or the paths.
    private enum Part: Sendable {
        case schemas([(name: String, component: ComponentSchemas.Component)])
        case paths
    }

    /// What translating one part gave, with what its context found and claimed along the way.
    private struct PartResult: Sendable {
        var types: [TypeDeclaration]
        var operations: [Operation]
        var diagnostics: [Diagnostic]
        var claimed: [TypeName]
        var servers: [Server]
        var omitted: [String]
    }

    /// The component schemas and the paths, translated in parts on all cores, each part with a context
    /// of its own started from the same state. Unless two parts claim the same name for an inline
    /// type, that gives exactly what translating the parts one after another gives; when two do, the
    /// parts are translated again one after another, so the output never depends on timing.
    private static func translateSchemasAndPaths(_ context: DocumentContext, concurrent: Bool) -> ([TypeDeclaration], [Operation]) {
        let schemasPointer = ComponentSchemas.rootPointer
        var entries: [(name: String, component: ComponentSchemas.Component)] = []
        if let schemaNodes = context.root["components"]?["schemas"] {
            // A component that is another file's schema is declared from that file.
            entries = context.entries(schemaNodes, schemasPointer, what: "'components/schemas'", nullIsEmpty: true).map { entry in
                (entry.key, context.components.forwarded[entry.key]
                    ?? ComponentSchemas.Component(node: entry.value, pointer: schemasPointer.appending(entry.key)))
            }
        }
        entries += context.components.externalDeclarations
        let chunkSize = max(1, (entries.count + 2) / 3)
        var parts = stride(from: 0, to: entries.count, by: chunkSize).map { start in
            Part.schemas(Array(entries[start..<min(start + chunkSize, entries.count)]))
        }
        parts.append(.paths)

        let oneAfterAnother = { () -> ([TypeDeclaration], [Operation]) in
            let results = parts.map { translate($0, in: context) }
            return (results.flatMap(\.types), results.flatMap(\.operations))
        }
        guard concurrent else { return oneAfterAnother() }
        let start = context.start
        let results = parts.parallelMap { part in
            let local = DocumentContext(start)
            let (types, operations) = translate(part, in: local)
            return PartResult(types: types, operations: operations, diagnostics: local.log.diagnostics,
                              claimed: local.claimed, servers: local.servers,
                              omitted: local.omittedOperations)
        }
        var claimed: Set<TypeName> = []
        let independent = results.allSatisfy { $0.claimed.allSatisfy { claimed.insert($0).inserted } }
        guard independent else { return oneAfterAnother() }
        for result in results {
            context.adopt(diagnostics: result.diagnostics, claimed: result.claimed)
        }
        // Only the paths register servers and leave out operations.
        if let paths = results.last { context.adopt(servers: paths.servers, omitted: paths.omitted) }
        return (results.flatMap(\.types), results.flatMap(\.operations))
    }

    private static func translate(_ part: Part, in context: DocumentContext) -> (types: [TypeDeclaration], operations: [Operation]) {
        // Each part has the same budget, whether parts run in parallel or one after another.
        context.translatedSchemas = 0
        let schemas = SchemaTranslator(context: context)
        switch part {
        case .schemas(let entries):
            return (entries.flatMap { schemas.componentDeclarations(name: $0.name, node: $0.component.node, $0.component.pointer) }, [])
        case .paths:
            var lifted: [TypeDeclaration] = []
            let translator = OperationTranslator(context: context, schemas: schemas)
            let operations = translator.operations(lift: &lifted)
            translator.webhookPayloads(lift: &lifted)
            return (lifted, operations)
        }
    }

    private static func checkVersion(_ context: DocumentContext, swagger: YAMLNode?) {
        let root = context.root
        if let swagger {
            if root["swagger"] != nil {
                context.error("the document has both 'swagger' and 'openapi'; keep the one of the version it is written in",
                              swagger, JSONPointer.root.appending("swagger"))
            } else if swagger.scalar?.text != "2.0" {
                context.warning("Swagger \(swagger.scalar?.text ?? swagger.kindDescription) is not a version this generator knows "
                                + "(2.0); reading it as 2.0", swagger, JSONPointer.root.appending("swagger"))
            }
            return
        }
        guard let version = root["openapi"]?.scalar?.text else {
            context.error("the document has no 'openapi' version; add `openapi: 3.1.0` at the top", root, .root)
            return
        }
        if !(version.hasPrefix("3.0") || version.hasPrefix("3.1")) {
            context.warning("OpenAPI \(version) is not a version this generator knows (3.0, 3.1); reading it as 3.1",
                            root["openapi"] ?? root, JSONPointer.root.appending("openapi"))
        }
    }

    private static func authSchemes(_ context: DocumentContext, options: OpenAPIOptions) -> [AuthScheme] {
        let pointer = JSONPointer.root.appending("components").appending("securitySchemes")
        guard let schemesNode = context.root["components"]?["securitySchemes"] else { return [] }
        var result: [AuthScheme] = []
        for (name, _, node) in context.entries(schemesNode, pointer, what: "'securitySchemes'", nullIsEmpty: true) {
            let schemePointer = pointer.appending(name)
            let documentation = Documentation(details: node["description"]?.scalar?.text)
            switch (node["type"]?.scalar?.text, node["in"]?.scalar?.text, node["scheme"]?.scalar?.text.lowercased()) {
            case ("apiKey", let place?, _) where place == "header" || place == "query":
                guard let header = context.string(node["name"], schemePointer.appending("name"), what: "the key's 'name'") else { continue }
                result.append(AuthScheme(name: name, headers: [
                    AuthScheme.Header(name: header, prefix: options.authPrefixes[name] ?? "", credential: "apiKey",
                                      location: place == "query" ? .query : .header),
                ], documentation: documentation))
            case ("http", _, "basic"?):
                result.append(AuthScheme(name: name, headers: [], basic: true, documentation: documentation))
            case ("http", _, "bearer"?), ("oauth2", _, _), ("openIdConnect", _, _):
                result.append(AuthScheme(name: name, headers: [
                    AuthScheme.Header(name: "Authorization", prefix: "Bearer ", credential: "token"),
                ], documentation: documentation))
            case let (type, place, scheme):
                let what = [type, place, scheme].compactMap { $0 }.joined(separator: " ")
                context.warning("the security scheme '\(name)' (\(what)) is not supported; set its headers on the client yourself",
                                node, schemePointer)
            }
        }
        return result
    }
}
