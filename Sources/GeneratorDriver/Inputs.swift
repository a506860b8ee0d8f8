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
    /// The file's bytes, when the caller has them already (the fuzz targets); nil reads `path`.
    public var contents: [UInt8]?
    /// What the options file or a profile file adds to the input (descriptors may also hold these keys themselves).
    public var profile: APIProfile
    /// Whether an OpenAPI document's `$ref`s may name files outside its folder (`allow-refs-outside-folder`).
    public var allowRefsOutsideFolder: Bool
    /// The access level of the generated declarations (`access`).
    public var access: AccessLevel = .public

    public init(path: String, sourceName: String? = nil, namespace: String? = nil, authPrefixes: [String: String] = [:],
                filter: OperationFilter = OperationFilter(), profile: APIProfile = APIProfile(), contents: [UInt8]? = nil,
                allowRefsOutsideFolder: Bool = false) {
        self.path = path
        self.allowRefsOutsideFolder = allowRefsOutsideFolder
        self.contents = contents
        self.sourceName = sourceName ?? (path as NSString).lastPathComponent
        self.namespace = namespace
        self.authPrefixes = authPrefixes
        self.filter = filter
        self.profile = profile
    }
}

enum InputLoader {
    /// Reads, parses and translates one input into the model, with its filter applied.
    static func load(_ input: InputSpec) -> (APIDefinition?, [Diagnostic]) {
        let bytes: [UInt8]
        switch input.contents.map(Result.success) ?? contents(of: input.path, what: "the OpenAPI document or descriptor") {
        case .success(let read): bytes = read
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        PhaseTimes.mark("read file")
        let quick = InputChecks.quickScan(bytes)
        PhaseTimes.mark("scan")
        let root: YAMLNode
        switch parse(bytes, input.path) {
        case .success(let node): root = node
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        PhaseTimes.mark("parse")
        let translated: (APIDefinition?, [Diagnostic])
        let scan: (warnings: [Diagnostic], externalReferences: Bool)
        if let quick, !quick.mayHoldDirectionControls {
            scan = ([], quick.externalReferences)
        } else {
            scan = InputChecks.scan(root, file: input.path)
        }
        var checks = scan.warnings
        if root["openapi"] != nil || root["swagger"] != nil {
            let options = OpenAPIOptions(namespace: input.namespace ?? defaultNamespace(input.path), authPrefixes: input.authPrefixes,
                                         excludedOperations: Set(input.filter.excludeOperations))
            let documents = DocumentFiles(file: input.path, root: root, allowOutsideFolder: input.allowRefsOutsideFolder,
                                          hasExternalReferences: scan.externalReferences, read: readReferencedFile)
            translated = OpenAPIFrontend.translate(documents, options: options)
            PhaseTimes.mark("translate")
            for file in documents.referencedFiles {
                if let tree = file.root {
                    checks += InputChecks.directionControls(in: tree, file: file.path, at: JSONPointer(document: file.document))
                }
            }
        } else if root["descriptor"] != nil {
            translated = DescriptorFrontend.translate(root, file: input.path)
        } else {
            return (nil, [notAnInput(root, at: SourceLocation(file: input.path, line: root.mark.line, column: root.mark.column))])
        }
        var log = DiagnosticLog()
        log.append(contentsOf: translated.1 + checks)
        releaseInBackground(consume root)
        guard let api = translated.0 else { return (nil, log.sorted) }
        // The profile first, so that it may name what the filter leaves out.
        let (profiled, profileDiagnostics) = api.applying(input.profile)
        log.append(contentsOf: profileDiagnostics)
        let (filtered, filterDiagnostics) = profiled.filtered(by: input.filter)
        log.append(contentsOf: filterDiagnostics)
        PhaseTimes.mark("profile and filter")
        return (log.hasErrors ? nil : filtered, log.sorted)
    }

    /// The error for a file that is neither an OpenAPI document nor a descriptor.
    static func notAnInput(_ root: YAMLNode, at location: SourceLocation) -> Diagnostic {
        let what = "write an OpenAPI document (with 'openapi: 3.1.0' at the top) or a spec2swift descriptor "
            + "(with 'descriptor: 1'; see docs/Descriptors.md)"
        switch root.content {
        case .scalar(let scalar) where scalar.resolved == .null && scalar.text.isEmpty:
            return .error("the file holds no YAML value (it is empty, or only comments); " + what, at: location, pointer: .root)
        case .mapping:
            return .error("this mapping has neither an 'openapi' nor a 'descriptor' key at the top; " + what,
                          at: location, pointer: .root)
        default:
            return .error("the file holds \(root.kindDescription) at the top, where a mapping belongs; " + what,
                          at: location, pointer: .root)
        }
    }

    /// A YAML file as a node tree; a file that cannot be opened or read as
    /// YAML is one diagnostic, located at the file's start when it concerns the whole file. `what` names
    /// what a folder given instead should hold.
    static func readYAML(_ path: String, what: String) -> Result<YAMLNode, Diagnostic> {
        contents(of: path, what: what).flatMap { parse($0, path) }
    }

    /// A file's bytes, or the diagnostic that says why it cannot be opened.
    private static func contents(of path: String, what: String) -> Result<[UInt8], Diagnostic> {
        guard let bytes = FileManager.default.contents(atPath: path).map(Array.init) else {
            return .failure(.error("cannot open '\(path)': \(whyUnopenable(path, what: what))",
                                   at: SourceLocation(file: path, line: 1, column: 1), pointer: .root))
        }
        return .success(bytes)
    }

    private static func parse(_ bytes: [UInt8], _ path: String) -> Result<YAMLNode, Diagnostic> {
        do {
            return .success(try YAMLReader().read(bytes))
        } catch {
            var diagnostic = Diagnostic(error, file: path)
            if diagnostic.pointer == nil { diagnostic.pointer = .root }
            return .failure(diagnostic)
        }
    }

    /// Why a file cannot be opened, as a clause that says what to do.
    private static func whyUnopenable(_ path: String, what: String) -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        return !exists ? "it does not exist; check the path"
            : isDirectory.boolValue ? "it is a folder; give \(what) inside it"
            : "it cannot be read; check its permissions"
    }

    /// A file that a `$ref` of an OpenAPI document names, read through the same YAML reader (JSON is YAML).
    @Sendable static func readReferencedFile(_ path: String) -> ReferencedFile {
        guard let bytes = FileManager.default.contents(atPath: path).map(Array.init) else {
            let reason = whyUnopenable(path, what: "the referenced file")
            return .unreadable(reason.hasPrefix("it does not exist") ? reason + " (it is relative to the file the $ref is in)" : reason)
        }
        switch parse(bytes, path) {
        case .success(let node):
            return .document(node)
        case .failure(var diagnostic):
            diagnostic.message += "; this file is read because a $ref names it, and must hold YAML or JSON"
            return .invalid(diagnostic)
        }
    }

    /// A profile file: a mapping of profile keys (see `docs/Descriptors.md`), read with the checked reader.
    static func readProfile(_ path: String) -> (APIProfile?, [Diagnostic]) {
        let root: YAMLNode
        switch readYAML(path, what: "the profile") {
        case .success(let node): root = node
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        let reader = FileReader(file: path)
        let fields = reader.fields(root, .root, what: "the profile", allowed: FileReader.profileKeys)
        let profile = reader.profile(fields, .root)
        return (reader.log.hasErrors ? nil : profile, reader.log.sorted)
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

/// Reads an options or profile file through the checked reader the frontends use.
final class FileReader: NodeReader {
    let file: String
    var log = DiagnosticLog()

    init(file: String) {
        self.file = file
    }
}
