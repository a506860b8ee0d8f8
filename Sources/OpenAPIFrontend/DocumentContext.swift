import APIModel
import FrontendSupport
import YAMLReader

/// The document being translated, the diagnostics found so far, and the names and servers claimed;
/// nodes are read through `NodeReader`, which reports mistakes at their location.
final class DocumentContext: NodeReader {
    let file: String
    let root: YAMLNode
    var log = DiagnosticLog()
    /// The input document and the files its `$ref`s name.
    let documents: DocumentFiles
    /// `components/schemas` by name, with the schemas of other files that are generated as components.
    let components: ComponentSchemas
    /// The type names taken before this context began (the components', and what the context it was
    /// started from had claimed), and those it has claimed since: inline schemas get names that are in
    /// neither. Kept apart so that contexts started from one state share the first set unchanged.
    private let takenTypeNames: Set<TypeName>
    private var claimedTypeNames: Set<TypeName> = []
    /// The servers operations use, the document's own first.
    private(set) var servers: [Server] = []

    /// The names this context has claimed itself (not those it started with).
    private(set) var claimed: [TypeName] = []

    /// Schemas are translated where they are written, and so are the targets of references into the
    /// middle of a schema and the copies that YAML aliases make: schemas that hold several of those,
    /// whose targets hold several again, multiply, and a page of YAML could make millions of types.
    /// Each part of a document (there are at most four) may translate this many schemas; past that,
    /// the document is refused. The Gcore Cloud API needs at most 3,642 in a part, OpenAI's 4,188.
    static let maxTranslatedSchemas = 25_000
    /// The schemas the part being translated has translated so far.
    var translatedSchemas = 0

    /// Operation ids not to translate (see `OpenAPIOptions.excludedOperations`).
    let excludedOperations: Set<String>
    /// The ids of the operations left out because they are excluded, in the document's order.
    var omittedOperations: [String] = []

    init(documents: DocumentFiles, excludedOperations: Set<String> = []) {
        self.file = documents.file
        self.root = documents.root
        self.documents = documents
        self.excludedOperations = excludedOperations
        self.components = documents.hasExternalReferences
            ? ComponentSchemas(documents: documents, excludedOperations: excludedOperations)
            : ComponentSchemas(root: documents.root)
        self.takenTypeNames = Set(components.byName.keys.map { TypeName($0) })
    }

    /// Files other than the input document are named by their path (see `JSONPointer.document`).
    func file(of pointer: JSONPointer) -> String {
        pointer.document.map(documents.displayPath) ?? file
    }

    /// Everything a context knows except its diagnostics and claims, as a value that can cross
    /// threads: parts of a document are translated in parallel, each with a context started from one.
    struct Start: Sendable {
        fileprivate let documents: DocumentFiles
        fileprivate let components: ComponentSchemas
        fileprivate let typeNames: Set<TypeName>
        fileprivate let servers: [Server]
        fileprivate let excludedOperations: Set<String>
    }

    var start: Start {
        Start(documents: documents, components: components,
              typeNames: claimedTypeNames.isEmpty ? takenTypeNames : takenTypeNames.union(claimedTypeNames),
              servers: servers, excludedOperations: excludedOperations)
    }

    /// A context in the state `start` describes, with no diagnostics and no claims yet.
    init(_ start: Start) {
        documents = start.documents
        file = start.documents.file
        root = start.documents.root
        components = start.components
        takenTypeNames = start.typeNames
        servers = start.servers
        excludedOperations = start.excludedOperations
    }

    /// Takes over what a context started from `start` found and claimed.
    func adopt(diagnostics: [Diagnostic], claimed names: [TypeName]) {
        log.append(contentsOf: diagnostics)
        claimedTypeNames.formUnion(names)
        claimed.append(contentsOf: names)
    }

    /// Takes over the servers of a context started from `start` (which only ever adds to them), and the
    /// operations it left out.
    func adopt(servers: [Server], omitted: [String]) {
        self.servers = servers
        omittedOperations.append(contentsOf: omitted)
    }

    /// `name`, or `name2`, `name3`... when another type already has it.
    func claimTypeName(_ name: TypeName) -> TypeName {
        var candidate = name
        var number = 2
        while takenTypeNames.contains(candidate) || claimedTypeNames.contains(candidate) {
            var path = name.path
            path[path.count - 1] += String(number)
            candidate = TypeName(path)
            number += 1
        }
        claimedTypeNames.insert(candidate)
        claimed.append(candidate)
        return candidate
    }

    /// The name of the component an exact `#/components/schemas/<name>` reference points to.
    static func componentName(_ reference: String) -> String? {
        guard let tokens = JSONPointer.tokens(of: reference), tokens.count == 3, reference.hasPrefix("#"),
              tokens[0] == "components", tokens[1] == "schemas" else { return nil }
        return tokens[2]
    }

    // MARK: - Servers

    /// Registers the servers of a `servers` list (the document's, a path's or an operation's) and
    /// returns the name of the first; variables are replaced by their defaults.
    @discardableResult
    func registerServers(_ node: YAMLNode?, _ pointer: JSONPointer) -> String? {
        var first: String?
        for (index, server) in sequence(node, pointer, what: "'servers'").enumerated() {
            let serverPointer = pointer.appending(index)
            guard var url = string(server["url"], serverPointer.appending("url"), what: "a server's 'url'") else {
                error("a server needs a 'url'", server, serverPointer)
                continue
            }
            for (variable, _, definition) in entries(server["variables"] ?? YAMLNode(.mapping(YAMLMapping([])), mark: server.mark),
                                                   serverPointer.appending("variables"), what: "'variables'", nullIsEmpty: true) {
                if let value = definition["default"]?.scalar?.text {
                    url = url.replacingOccurrences(of: "{" + variable + "}", with: value)
                }
            }
            if url.contains("{") {
                warning("the server URL '\(url)' has variables without defaults; it is used as written", server, serverPointer)
            } else if !url.contains("://") {
                warning("the server URL '\(url)' is relative; set `APIClient.baseURL` to the API's address", server, serverPointer)
            }
            if let existing = servers.first(where: { $0.url == url }) {
                first = first ?? existing.name
                continue
            }
            let name = servers.isEmpty ? "default" : "server\(servers.count + 1)"
            servers.append(Server(name: name, url: url, documentation: Documentation(details: server["description"]?.scalar?.text)))
            first = first ?? name
        }
        return first
    }

    // MARK: - References

    /// Follows a `$ref` written at `pointer` (in this document, `#/components/...`, or in another file,
    /// `other.yaml#/...`) to its node. Reports an error at the reference when the target does not exist
    /// or cannot be read.
    func resolve(reference: String, at node: YAMLNode, _ pointer: JSONPointer) -> (node: YAMLNode, pointer: JSONPointer)? {
        switch documents.resolve(reference, from: pointer) {
        case .success(let target):
            return target
        case .failure(let failure):
            report(failure, reference: reference, at: node, pointer)
            return nil
        }
    }

    /// The target of a `$ref`, or nil without a word (for looking ahead; the translation reports).
    func target(of reference: String, from pointer: JSONPointer) -> (node: YAMLNode, pointer: JSONPointer)? {
        try? documents.resolve(reference, from: pointer).get()
    }

    private func report(_ failure: DocumentFiles.Failure, reference: String, at node: YAMLNode, _ pointer: JSONPointer) {
        switch failure {
        case .wholeDocument:
            error("$ref '\(reference)' points to the whole document; point it at a part of it, like '#/components/schemas/Name'",
                  node, pointer)
        case .url:
            error("$ref '\(reference)' points to a URL that no schema's '$id' in the document names, and spec2swift reads "
                  + "only local files (it fetches nothing); save the "
                  + "file beside the document and refer to it by a relative path, like 'common.yaml#/components/schemas/Name'",
                  node, pointer)
        case .outsideFolder:
            error("$ref '\(reference)' names a file outside the folder of the input document; move the file into that "
                  + "folder, or allow such references with `allow-refs-outside-folder: true` in spec2swift.yaml "
                  + "(--allow-refs-outside-folder on the command line)", node, pointer)
        case .unreadable(let path, let reason):
            error("$ref '\(reference)' names the file '\(path)', but \(reason)", node, pointer)
        case .invalid(let path, let diagnostic):
            error("$ref '\(reference)' names the file '\(path)', which is not YAML or JSON (the error in that file says where)",
                  node, pointer)
            documents.noteUsed(invalid: diagnostic)
        case .notPointer:
            let into = reference.hasPrefix("#") ? "this document" : "the file it names"
            error("$ref '\(reference)' is neither a JSON pointer into \(into) nor the name of a schema's '$anchor' there; "
                  + "write it as '#/' followed by the path, like '#/components/schemas/Name', or give the schema that "
                  + "'$anchor'", node, pointer)
        case .missing(let token, let parent):
            error("$ref '\(reference)' does not resolve: there is no '\(token)' under \(parent)", node, pointer)
        }
    }

    /// A node with any chain of `$ref`s followed. Bundlers (Redocly, swagger-parser) resolve a `$ref`
    /// wherever an object is expected, so this serves every such place: path items, operations,
    /// `responses`, a response, parameters, bodies, `properties`. Beside a `$ref`, `summary` and
    /// `description` override the target's (OpenAPI 3.1's Reference Object); other keys but `x-`
    /// extensions are ignored, with a warning.
    func dereference(_ node: YAMLNode, _ pointer: JSONPointer) -> (node: YAMLNode, pointer: JSONPointer)? {
        var current = (node: node, pointer: pointer)
        var seen: Set<JSONPointer> = []
        var overrides: [YAMLPair] = []
        while let reference = current.node["$ref"]?.scalar?.text {
            for pair in current.node.mapping ?? [] {
                guard let key = pair.key.scalar?.text, key != "$ref", !key.hasPrefix("x-") else { continue }
                if key == "summary" || key == "description" {
                    if !overrides.contains(where: { $0.key.scalar?.text == key }) { overrides.append(pair) }
                } else {
                    warning("'\(key)' beside a $ref is ignored: only 'summary' and 'description' may stand beside one; "
                            + "move '\(key)' into the object the $ref names", pair.key, current.pointer.appending(key))
                }
            }
            guard let target = resolve(reference: reference, at: current.node, current.pointer.appending("$ref")) else { return nil }
            guard seen.insert(target.pointer).inserted else {
                error("$ref '\(reference)' refers back to itself through a cycle of references", current.node, current.pointer)
                return nil
            }
            current = target
        }
        guard !overrides.isEmpty, let pairs = current.node.mapping else { return current }
        let keys = Set(overrides.compactMap { $0.key.scalar?.text })
        let merged = pairs.filter { !keys.contains($0.key.scalar?.text ?? "") } + overrides
        return (YAMLNode(.mapping(YAMLMapping(merged)), mark: current.node.mark), current.pointer)
    }
}
