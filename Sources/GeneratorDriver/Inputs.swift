import APIModel
import DescriptorFrontend
import Foundation
import FrontendSupport
import OpenAPIFrontend
import Parallelism
import YAMLReader

/// One input to generate: a file, and the choices the file itself does not make.
public struct InputSpec: Hashable, Sendable {
    /// The file, as diagnostics should name it.
    public var path: String
    /// How generated files name their source in their header (stable across machines).
    public var sourceName: String
    /// The namespace for an OpenAPI document; descriptors name their own.
    public var namespace: String?
    /// Text before `apiKey` credentials, by security scheme name.
    public var authPrefixes: [String: String]
    public var filter: OperationFilter

    public init(path: String, sourceName: String? = nil, namespace: String? = nil, authPrefixes: [String: String] = [:],
                filter: OperationFilter = OperationFilter()) {
        self.path = path
        self.sourceName = sourceName ?? (path as NSString).lastPathComponent
        self.namespace = namespace
        self.authPrefixes = authPrefixes
        self.filter = filter
    }
}

enum InputLoader {
    /// Reads, parses and translates one input into the model, with its filter applied.
    static func load(_ input: InputSpec) -> (APIDefinition?, [Diagnostic]) {
        let root: YAMLNode
        switch readYAML(input.path, what: "the OpenAPI document or descriptor") {
        case .success(let node): root = node
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        let translated: (APIDefinition?, [Diagnostic])
        if root["openapi"] != nil || root["swagger"] != nil {
            let options = OpenAPIOptions(namespace: input.namespace ?? defaultNamespace(input.path), authPrefixes: input.authPrefixes,
                                         excludedOperations: Set(input.filter.excludeOperations))
            translated = OpenAPIFrontend.translate(root, file: input.path, options: options)
        } else if root["descriptor"] != nil {
            translated = DescriptorFrontend.translate(root, file: input.path)
        } else {
            let location = SourceLocation(file: input.path, line: root.mark.line, column: root.mark.column)
            return (nil, [.error("this file is neither an OpenAPI document (no 'openapi' key at the top) nor a spec2swift "
                                 + "descriptor (no 'descriptor' key); see docs/Descriptors.md", at: location)])
        }
        releaseInBackground(consume root)
        guard var api = translated.0 else { return translated }
        let (filtered, filterDiagnostics) = api.filtered(by: input.filter)
        api = filtered
        let diagnostics = translated.1 + filterDiagnostics
        return (diagnostics.contains { $0.severity == .error } ? nil : api, diagnostics)
    }

    /// A YAML file as a node tree; a file that cannot be opened or read as YAML is one diagnostic.
    /// `what` names what a folder given instead should hold.
    static func readYAML(_ path: String, what: String) -> Result<YAMLNode, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "it does not exist; check the path"
                : isDirectory.boolValue ? "it is a folder; give \(what) inside it"
                : "it cannot be read; check its permissions"
            return .failure(.error("cannot open '\(path)': \(reason)", at: nil))
        }
        do {
            return .success(try YAMLReader().read(Array(data)))
        } catch {
            return .failure(Diagnostic(error, file: path))
        }
    }

    /// `cloud_api.yaml` -> `CloudAPI`.
    static func defaultNamespace(_ path: String) -> String {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let words = stem.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        let name = words.map { word in
            ["api", "dns", "iam", "ip"].contains(word.lowercased()) ? word.uppercased() : word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
        return name.first?.isLetter == true ? name : "API" + name
    }
}

/// Hands a large tree that is no longer needed to another thread to free. Freeing the YAML tree of a
/// big document takes about a twentieth of a generation, and lowering's first, single-threaded
/// step (checking and naming) leaves a core idle for it. Freeing recurses as deeply as the tree nests, hence a
/// thread with a large stack.
private func releaseInBackground(_ tree: consuming YAMLNode) {
    let box = ReleaseBox(tree)
    startThread { box.release() }
}

/// Holds the last reference to a tree until `release()`, so that it is freed where that is called.
private final class ReleaseBox: @unchecked Sendable {
    private var tree: YAMLNode?

    init(_ tree: consuming YAMLNode) {
        self.tree = consume tree
    }

    /// Called once, on the releasing thread.
    func release() {
        tree = nil
    }
}
