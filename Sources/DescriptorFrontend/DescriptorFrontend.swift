import APIModel
import FrontendSupport
import YAMLReader

/// Hand-written descriptors -> `APIDefinition`, for APIs that publish no usable OpenAPI document.
/// The format is documented in `docs/Descriptors.md`.
public enum DescriptorFrontend {
    public static let formatVersion = "1"

    static let topLevelKeys = ["descriptor", "namespace", "title", "version", "description", "servers", "auth",
                               "types", "operations"] + DescriptorReader.profileKeys

    public static func translate(_ root: YAMLNode, file: String) -> (APIDefinition?, [Diagnostic]) {
        let reader = DescriptorReader(file: file)
        let top = reader.fields(root, .root, what: "the descriptor", allowed: topLevelKeys)
        let version = reader.string(top["descriptor"], JSONPointer.root.appending("descriptor"), what: "'descriptor'")
        if version != formatVersion {
            reader.error("this descriptor says format '\(version ?? "?")'; this spec2swift reads format \(formatVersion) "
                         + "(`descriptor: \(formatVersion)`)", top["descriptor"] ?? root, JSONPointer.root.appending("descriptor"))
        }
        guard let namespace = reader.string(top["namespace"], JSONPointer.root.appending("namespace"), what: "'namespace'") else {
            reader.error("the descriptor needs a 'namespace': the Swift name its API is generated under", root, .root)
            return (nil, reader.log.sorted)
        }

        // Names first, so that types may refer to types declared after them.
        let typesPointer = JSONPointer.root.appending("types")
        let typeEntries = top["types"].map { reader.entries($0, typesPointer, what: "'types'") } ?? []
        for (name, keyNode, _) in typeEntries {
            if !SwiftTypeNameCheck.isTypeName(name) {
                reader.error("the type name '\(name)' must start with a capital letter and hold only letters and digits",
                             keyNode, typesPointer.appending(name))
            }
            reader.typeNames.insert(name)
        }
        let types = typeEntries.map { name, _, node in
            TypeTranslator(reader: reader).declaration(name, node, typesPointer.appending(name))
        }.sorted { $0.name < $1.name }

        let servers = self.servers(top["servers"], reader)
        let operations = top["operations"].map {
            OperationsTranslator(reader: reader, serverNames: servers.map(\.name)).operations($0)
        } ?? []
        let title = reader.string(top["title"], JSONPointer.root.appending("title"), what: "'title'") ?? namespace
        let definition = APIDefinition(
            name: namespace, title: title,
            version: reader.string(top["version"], JSONPointer.root.appending("version"), what: "'version'"),
            documentation: Documentation(summary: title, details: reader.string(top["description"], JSONPointer.root.appending("description"),
                                                                                 what: "'description'")),
            servers: servers, authSchemes: authSchemes(top["auth"], reader),
            operations: operations, types: types, origin: reader.origin(root, .root))
        // The envelope is a profile key; a descriptor lists its fields, in the descriptor's type syntax.
        let profile = reader.profile(top, .root) { TypeTranslator(reader: reader).properties($0, $1) }
        guard !reader.log.hasErrors else { return (nil, reader.log.sorted) }
        let (profiled, problems) = definition.applying(profile)
        let diagnostics = reader.log.sorted + problems
        return (diagnostics.contains { $0.severity == .error } ? nil : profiled, diagnostics)
    }

    /// `servers: { default: https://..., payload: { url: https://..., description: ... } }`; the first is the default.
    private static func servers(_ entry: YAMLNode?, _ reader: DescriptorReader) -> [Server] {
        let pointer = JSONPointer.root.appending("servers")
        guard let entry else {
            reader.error("the descriptor needs 'servers': at least one base URL", reader.rootPlaceholder, pointer)
            return []
        }
        return reader.entries(entry, pointer, what: "'servers'").compactMap { name, _, node in
            if node.scalar != nil {
                return reader.string(node, pointer.appending(name), what: "a server URL").map { Server(name: name, url: $0) }
            }
            let fields = reader.fields(node, pointer.appending(name), what: "a server", allowed: ["url", "description"])
            guard let url = reader.string(fields["url"], pointer.appending(name).appending("url"), what: "'url'") else {
                reader.error("a server needs a 'url'", node, pointer.appending(name))
                return nil
            }
            return Server(name: name, url: url, documentation: reader.documentation(fields, pointer.appending(name)))
        }
    }

    /// `auth: { token: { description: ..., headers: { Authorization: "Bearer {token}" } } }`: each header
    /// value is a prefix and one `{credential}`.
    private static func authSchemes(_ entry: YAMLNode?, _ reader: DescriptorReader) -> [AuthScheme] {
        let pointer = JSONPointer.root.appending("auth")
        guard let entry else { return [] }
        return reader.entries(entry, pointer, what: "'auth'").compactMap { name, _, node in
            let schemePointer = pointer.appending(name)
            let fields = reader.fields(node, schemePointer, what: "an auth scheme", allowed: ["description", "headers"])
            var headers: [AuthScheme.Header] = []
            let entries = fields["headers"].map { reader.entries($0, schemePointer.appending("headers"), what: "'headers'") } ?? []
            for (header, _, valueNode) in entries {
                let headerPointer = schemePointer.appending("headers").appending(header)
                guard let template = reader.string(valueNode, headerPointer, what: "a header value"),
                      let open = template.firstIndex(of: "{"), let close = template.lastIndex(of: "}"), open < close,
                      template[template.index(after: close)...].isEmpty else {
                    reader.error("a header value must end with the credential in braces, as in \"Bearer {token}\"", valueNode, headerPointer)
                    continue
                }
                headers.append(AuthScheme.Header(name: header, prefix: String(template[..<open]),
                                                 credential: String(template[template.index(after: open)..<close])))
            }
            if headers.isEmpty {
                // A header that is there but wrong has its own error.
                if entries.isEmpty {
                    reader.error("an auth scheme needs 'headers', as in headers: { Authorization: \"Bearer {token}\" }",
                                 node, schemePointer)
                }
                return nil
            }
            return AuthScheme(name: name, headers: headers, documentation: reader.documentation(fields, schemePointer))
        }
    }
}

enum SwiftTypeNameCheck {
    static func isTypeName(_ name: String) -> Bool {
        guard let first = name.first, first.isUppercase, first.isASCII else { return false }
        return name.allSatisfy { ($0.isLetter || $0.isNumber) && $0.isASCII }
    }
}

extension DescriptorReader {
    /// A node to report file-level problems at (line 1, column 1).
    var rootPlaceholder: YAMLNode { YAMLNode(.scalar(YAMLScalar(text: "", style: .plain)), mark: Mark(line: 1, column: 1)) }
}
