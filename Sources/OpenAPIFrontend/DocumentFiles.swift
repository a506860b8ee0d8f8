import APIModel
import Foundation
import FrontendSupport
import YAMLReader

/// What reading a file that a `$ref` names gave.
public enum ReferencedFile: Sendable {
    case document(YAMLNode)
    /// The file cannot be opened; the clause says why ("it does not exist; check the path").
    case unreadable(String)
    /// The file is not YAML or JSON: the reader's diagnostic, located in the file.
    case invalid(Diagnostic)
}

/// The files of an OpenAPI document: the input document, and the files its `$ref`s name
/// (`other.yaml`, `dir/x.yml#/components/schemas/Y`, `../common.yaml#/...`), each read once, by
/// whichever part of the translation needs it first, and kept.
///
/// A file is known by its path relative to the input document's folder, with `.` and `..` taken out
/// (`paths/../common.yaml` is `common.yaml`); that path starts the `JSONPointer`s into it. Nothing is
/// fetched: a `$ref` to a URL is refused, and so is one that leaves the input document's folder
/// unless `allowOutsideFolder`.
public final class DocumentFiles: @unchecked Sendable {
    /// The input document, as diagnostics name it.
    public let file: String
    let root: YAMLNode
    /// Whether `$ref`s may name files outside the input document's folder.
    public let allowOutsideFolder: Bool
    /// Whether the input document holds a `$ref` to another file; when it does not, the schemas of
    /// other files are not looked for before translation (a document in one file pays nothing).
    let hasExternalReferences: Bool
    private let read: @Sendable (String) -> ReferencedFile
    /// What a file's tree becomes once read (a Swagger 2.0 document's files upgraded to 3.0), given
    /// its path relative to the input document's folder; with what the change noticed.
    private let upgrade: (@Sendable (String, YAMLNode) -> (YAMLNode, [Diagnostic]))?
    /// What `upgrade` noticed, over every file read so far (touched with `lock` held).
    private var upgradeNotes: [Diagnostic] = []
    /// The input document's folder as `file` gives it ("" for the current folder).
    private let folder: String
    /// The input document's folder as an absolute path, `.` and `..` taken out: a file is known by its
    /// path relative to it, whichever way a `$ref` reached it.
    private let absoluteFolder: String
    /// The input document's own path, relative to its folder.
    private let rootPath: String
    // `loaded` is only touched with `lock` held.
    private let lock = NSLock()
    private var loaded: [String: ReferencedFile] = [:]
    /// `identifiers(in:)` of each file asked about ("" for the input document).
    private var identified: [String: Identifiers] = [:]
    /// The errors of files that are not YAML or JSON and that the translation used.
    private var usedInvalid: Set<Diagnostic> = []

    /// - Parameters:
    ///   - read: reads a file, given its path as diagnostics name it (the input document's folder
    ///     joined with the path relative to it); called at most once per file.
    ///   - hasExternalReferences: whether a `$ref` in `root` names another file (when unsure, true).
    public convenience init(file: String, root: YAMLNode, allowOutsideFolder: Bool = false, hasExternalReferences: Bool = true,
                            read: @escaping @Sendable (String) -> ReferencedFile) {
        self.init(file: file, root: root, allowOutsideFolder: allowOutsideFolder, hasExternalReferences: hasExternalReferences,
                  read: read, upgrade: nil)
    }

    private init(file: String, root: YAMLNode, allowOutsideFolder: Bool, hasExternalReferences: Bool,
                 read: @escaping @Sendable (String) -> ReferencedFile,
                 upgrade: (@Sendable (String, YAMLNode) -> (YAMLNode, [Diagnostic]))?) {
        self.upgrade = upgrade
        self.file = file
        self.root = root
        self.allowOutsideFolder = allowOutsideFolder
        self.hasExternalReferences = hasExternalReferences
        self.read = read
        let slash = file.lastIndex(of: "/")
        self.folder = slash.map { String(file[..<$0]) } ?? ""
        self.rootPath = slash.map { String(file[file.index(after: $0)...]) } ?? file
        let folder = self.folder
        self.absoluteFolder = Self.normalized(folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder)
    }

    /// The same files with another tree for the input document (a Swagger 2.0 document's 3.0 form),
    /// each other file changed by `upgrade` as it is read.
    func replacingRoot(_ newRoot: YAMLNode, upgradingFiles upgrade: @escaping @Sendable (String, YAMLNode) -> (YAMLNode, [Diagnostic]))
        -> DocumentFiles {
        DocumentFiles(file: file, root: newRoot, allowOutsideFolder: allowOutsideFolder,
                      hasExternalReferences: hasExternalReferences, read: read, upgrade: upgrade)
    }

    /// What upgrading the files read so far noticed (see `replacingRoot`).
    var upgradeDiagnostics: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return upgradeNotes
    }

    /// A document given without its folder: a `$ref` to another file is an error that says so.
    public static func single(file: String, root: YAMLNode) -> DocumentFiles {
        DocumentFiles(file: file, root: root, hasExternalReferences: false) { _ in
            .unreadable("this document was given without its folder, so no other file is read")
        }
    }

    /// The files read besides the input document, sorted by their path relative to the input document's
    /// folder (`document`), with the path diagnostics name them by and their trees (nil for a file that
    /// could not be read).
    public var referencedFiles: [(document: String, path: String, root: YAMLNode?)] {
        lock.lock()
        defer { lock.unlock() }
        return loaded.keys.sorted().map { key in
            if case .document(let node)? = loaded[key] { return (key, displayPath(key), node) }
            return (key, displayPath(key), nil)
        }
    }

    /// Notes that the translation needed a file that is not YAML or JSON; its error is reported once,
    /// at the end, wherever (and however often) it was needed.
    func noteUsed(invalid diagnostic: Diagnostic) {
        lock.lock()
        defer { lock.unlock() }
        usedInvalid.insert(diagnostic)
    }

    /// The errors of the files `noteUsed(invalid:)` was told about.
    var usedInvalidFiles: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return Array(usedInvalid)
    }

    /// The path diagnostics name a file by, from its path relative to the input document's folder.
    func displayPath(_ document: String) -> String {
        if folder.isEmpty { return document }
        return Self.normalized(folder + "/" + document)
    }

    /// The root node of a file already read (nil: the input document).
    func root(of document: String?) -> YAMLNode? {
        guard let document else { return root }
        lock.lock()
        defer { lock.unlock() }
        if case .document(let node)? = loaded[document] { return node }
        return nil
    }

    // MARK: - Resolving references

    /// Why a `$ref` leads nowhere.
    enum Failure: Error {
        /// `#` or an empty reference: the whole of the file it is in.
        case wholeDocument
        case url
        /// The file the reference names is outside the input document's folder.
        case outsideFolder
        /// The file (as diagnostics name it), and why it cannot be opened.
        case unreadable(String, String)
        /// The file (as diagnostics name it) is not YAML or JSON; the diagnostic is in the file.
        case invalid(String, Diagnostic)
        /// What follows `#` is not a JSON pointer.
        case notPointer
        /// No `token` under `parent`.
        case missing(token: String, parent: JSONPointer)
    }

    /// The node a `$ref` written at `pointer` (in the file `pointer` names) points to, and its pointer.
    func resolve(_ reference: String, from pointer: JSONPointer) -> Result<(node: YAMLNode, pointer: JSONPointer), Failure> {
        let hash = reference.firstIndex(of: "#")
        let path = hash.map { reference[..<$0] } ?? Substring(reference)
        let fragment = hash.map { reference[reference.index(after: $0)...] } ?? ""
        var document = pointer.document
        var node: YAMLNode
        if !path.isEmpty, Self.isURL(String(path)), let identified = identifiers(in: nil).ids[String(path)] {
            // JSON Schema's `$id`: a URL that names a schema of this document, not a place to fetch.
            return resolve(anchoredAt: identified, fragment: String(fragment))
        }
        if path.isEmpty {
            guard !fragment.isEmpty else { return .failure(.wholeDocument) }
            guard let current = root(of: document) else { return .failure(.wholeDocument) }
            node = current
        } else {
            switch open(String(path), from: document) {
            case .success(let opened):
                document = opened.document
                node = opened.root
            case .failure(let failure):
                return .failure(failure)
            }
        }
        var current = document.map(JSONPointer.init(document:)) ?? .root
        if fragment.isEmpty { return .success((node, current)) }
        if !fragment.hasPrefix("/") {
            // `#name` or `file.yaml#name`: the schema with `$anchor: name` (or `$dynamicAnchor`) in that file.
            guard let anchored = identifiers(in: document).anchors[String(fragment)] else { return .failure(.notPointer) }
            return resolve(anchoredAt: anchored, fragment: "")
        }
        guard let tokens = JSONPointer.tokens(of: "#" + fragment) else { return .failure(.notPointer) }
        for token in tokens {
            let next: YAMLNode?
            switch node.content {
            case .mapping:
                next = node[token]
            case .sequence(let items):
                next = Int(token).flatMap { $0 >= 0 && $0 < items.count ? items[$0] : nil }
            case .scalar:
                next = nil
            }
            guard let next else { return .failure(.missing(token: token, parent: current)) }
            node = next
            current = current.appending(token)
        }
        return .success((node, current))
    }

    /// A node found by its `$id` or `$anchor`, then `fragment` (a JSON pointer, or empty) below it.
    private func resolve(anchoredAt base: JSONPointer, fragment: String) -> Result<(node: YAMLNode, pointer: JSONPointer), Failure> {
        guard let below = fragment.isEmpty ? [] : JSONPointer.tokens(of: "#" + fragment) else { return .failure(.notPointer) }
        // A pointer from the root of the file the identified schema is in.
        return resolve(JSONPointer(tokens: base.tokens + below).string, from: base)
    }

    /// The `$id`s and `$anchor`s (with `$dynamicAnchor`s) of a file's schemas, by value, with where each stands.
    private typealias Identifiers = (ids: [String: JSONPointer], anchors: [String: JSONPointer])

    private func identifiers(in document: String?) -> Identifiers {
        lock.lock()
        if let known = identified[document ?? ""] {
            lock.unlock()
            return known
        }
        lock.unlock()
        var ids: [String: JSONPointer] = [:]
        var anchors: [String: JSONPointer] = [:]
        guard let top = root(of: document) else { return ([:], [:]) }
        // Breadth first, with an explicit queue: documents nest deeply, and the first of two is kept.
        var queue: [(YAMLNode, JSONPointer)] = [(top, document.map(JSONPointer.init(document:)) ?? .root)]
        var next = 0
        while next < queue.count {
            let (node, pointer) = queue[next]
            next += 1
            switch node.content {
            case .mapping(let mapping):
                for pair in mapping.pairs {
                    guard let key = pair.key.scalar?.text else { continue }
                    if let value = pair.value.scalar?.text {
                        if key == "$id", ids[value] == nil { ids[value] = pointer }
                        if key == "$anchor" || key == "$dynamicAnchor", anchors[value] == nil { anchors[value] = pointer }
                    } else {
                        queue.append((pair.value, pointer.appending(key)))
                    }
                }
            case .sequence(let items):
                for (index, item) in items.enumerated() { queue.append((item, pointer.appending(index))) }
            case .scalar:
                break
            }
        }
        lock.lock()
        identified[document ?? ""] = (ids, anchors)
        lock.unlock()
        return (ids, anchors)
    }

    /// The file a reference's path names, relative to the file `document` (nil: the input document).
    private func open(_ written: String, from document: String?) -> Result<(document: String?, root: YAMLNode), Failure> {
        if Self.isURL(written) { return .failure(.url) }
        let path = written.contains("%") ? (written.removingPercentEncoding ?? written) : written
        let absolute: String
        if path.hasPrefix("/") {
            absolute = Self.normalized(path)
        } else {
            let base = document.map(PathText.parent) ?? ""
            absolute = Self.normalized(absoluteFolder + "/" + (base.isEmpty ? path : base + "/" + path))
        }
        let target = Self.relativePath(absolute, from: absoluteFolder)
        if !allowOutsideFolder && (target == ".." || target.hasPrefix("../")) {
            return .failure(.outsideFolder)
        }
        if target == rootPath { return .success((nil, root)) }
        switch load(target) {
        case .document(let node): return .success((target, node))
        case .unreadable(let reason): return .failure(.unreadable(displayPath(target), reason))
        case .invalid(let diagnostic): return .failure(.invalid(displayPath(target), diagnostic))
        }
    }

    /// Reads a file the first time it is asked for, and keeps what reading gave.
    private func load(_ document: String) -> ReferencedFile {
        lock.lock()
        defer { lock.unlock() }
        if let known = loaded[document] { return known }
        var result = read(displayPath(document))
        if case .invalid(var diagnostic) = result, let pointer = diagnostic.pointer, pointer.document == nil {
            // The reader points into the file from its root; so does a pointer that names the file.
            diagnostic.pointer = pointer.tokens.reduce(JSONPointer(document: document)) { $0.appending($1) }
            result = .invalid(diagnostic)
        }
        if let upgrade, case .document(let tree) = result {
            let (upgraded, notes) = upgrade(document, tree)
            result = .document(upgraded)
            upgradeNotes += notes
        }
        loaded[document] = result
        return result
    }

    /// `https://...`, `file:...`, `//host/...`: anything with a scheme of two or more letters (one
    /// letter is a Windows drive).
    static func isURL(_ reference: String) -> Bool {
        if reference.hasPrefix("//") { return true }
        guard let colon = reference.firstIndex(of: ":") else { return false }
        let scheme = reference[..<colon]
        guard scheme.count >= 2, let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    /// `path` relative to `folder` (both absolute and normalized): `a/b.yaml`, or `../c/d.yaml` outside it.
    static func relativePath(_ path: String, from folder: String) -> String {
        let target = path.split(separator: "/")
        let base = folder.split(separator: "/")
        var common = 0
        while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)).joined(separator: "/")
    }

    /// A path with `.` and `a/..` taken out (leading `..` stay); `/` at the start is kept.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", path.hasPrefix("/") && parts.isEmpty {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : joined
    }
}
