import APIModel
import Foundation
import FrontendSupport
import YAMLReader

/// The inputs of a project: one folder per API under `specs/`.
///
/// A folder holds either a descriptor or an OpenAPI document. When it holds a `spec2swift.yaml`, that
/// file names the input and the options for it:
///
///     input: openapi.yaml        # the document, relative to the folder
///     namespace: Gcore           # the Swift namespace (OpenAPI only; descriptors name their own)
///     auth-prefixes:             # text before apiKey credentials, by security scheme
///       APIKey: "APIKey "
///     include-tags: [Secrets]    # optional filters, by tag and by operation id
///     exclude-tags: []
///     include-operations: []
///     exclude-operations: []
///     profile:                   # an API profile (docs/Descriptors.md), or
///     profile-file: gcore.profile.yaml   # a file holding one, relative to the folder
///     allow-refs-outside-folder: false   # whether `$ref`s may name files outside the document's folder
///
/// Without it, the folder must hold exactly one `.yaml` file, and an OpenAPI document's namespace is
/// the folder's name.
public enum ProjectInputs {
    public static let configName = "spec2swift.yaml"

    public static func discover(specs directory: String) -> ([InputSpec], [Diagnostic]) {
        let manager = FileManager.default
        guard let folders = try? manager.contentsOfDirectory(atPath: directory) else {
            return ([], [.error("cannot read the folder '\(directory)'; run spec2swift from the project's root, where specs/ is",
                                at: SourceLocation(file: directory, line: 1, column: 1), pointer: .root)])
        }
        var inputs: [InputSpec] = []
        var diagnostics: [Diagnostic] = []
        for folder in folders.sorted() where !folder.hasPrefix(".") {
            let path = directory + "/" + folder
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let (input, problems) = self.input(folder: path)
            diagnostics.append(contentsOf: problems)
            if let input { inputs.append(input) }
        }
        return (inputs, diagnostics)
    }

    /// The input of one API folder: named by its `spec2swift.yaml`, or its only YAML file.
    public static func input(folder path: String) -> (InputSpec?, [Diagnostic]) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        if files.contains(configName) {
            return readConfig(path + "/" + configName, folder: path)
        }
        let yamlFiles = files.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        guard yamlFiles.count == 1 else {
            return (nil, [.error("the folder '\(path)' holds \(yamlFiles.count) YAML files; keep one input per folder, "
                                 + "or add a \(configName) that names it", at: SourceLocation(file: path, line: 1, column: 1),
                                 pointer: .root)])
        }
        let folder = (path as NSString).lastPathComponent
        return (InputSpec(path: path + "/" + yamlFiles[0], sourceName: path + "/" + yamlFiles[0],
                          namespace: InputLoader.defaultNamespace(folder)), [])
    }

    /// A profile file (`--profile`): a mapping of the profile keys of `docs/Descriptors.md`.
    public static func readProfile(_ path: String) -> (APIProfile?, [Diagnostic]) {
        InputLoader.readProfile(path)
    }

    static let configKeys = [
        "input", "namespace", "auth-prefixes", "include-tags", "exclude-tags", "include-operations", "exclude-operations",
        "profile", "profile-file", "allow-refs-outside-folder", "access",
        // Read by the build-tool plugin only: how many files to spread the output over.
        "files",
    ]

    /// An options file anywhere, its paths relative to its folder.
    public static func readConfig(_ path: String) -> (InputSpec?, [Diagnostic]) {
        let folder = PathText.parent(path)
        return readConfig(path, folder: folder.isEmpty ? "." : folder)
    }

    /// Reads a folder's `spec2swift.yaml` with the frontends' checked reader: unknown keys and values of
    /// the wrong kind are errors, so that a typo is not silently ignored.
    static func readConfig(_ path: String, folder: String) -> (InputSpec?, [Diagnostic]) {
        let root: YAMLNode
        switch InputLoader.readYAML(path, what: "the options") {
        case .success(let node): root = node
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        let reader = FileReader(file: path)
        guard root.mapping != nil else {
            reader.error("\(configName) must be a mapping of options, but it is \(root.kindDescription)", root, .root)
            return (nil, reader.log.sorted)
        }
        let options = reader.fields(root, .root, what: configName, allowed: configKeys)
        func pointer(_ key: String) -> JSONPointer { JSONPointer.root.appending(key) }
        var spec = InputSpec(path: "", namespace: InputLoader.defaultNamespace((folder as NSString).lastPathComponent))
        let input = reader.string(options["input"], pointer("input"), what: "'input'")
        if let namespace = reader.string(options["namespace"], pointer("namespace"), what: "'namespace'") {
            spec.namespace = namespace
        }
        if let prefixes = options["auth-prefixes"] {
            for (scheme, _, prefix) in reader.entries(prefixes, pointer("auth-prefixes"), what: "'auth-prefixes'") {
                if let text = reader.string(prefix, pointer("auth-prefixes").appending(scheme), what: "the prefix of '\(scheme)'") {
                    spec.authPrefixes[scheme] = text
                }
            }
        }
        func strings(_ key: String) -> [String] { reader.strings(options[key], pointer(key), what: "'\(key)'") }
        spec.filter = OperationFilter(includeTags: strings("include-tags"), excludeTags: strings("exclude-tags"),
                                      includeOperations: strings("include-operations"),
                                      excludeOperations: strings("exclude-operations"))
        spec.allowRefsOutsideFolder = reader.flag(options["allow-refs-outside-folder"], pointer("allow-refs-outside-folder"),
                                                  what: "'allow-refs-outside-folder'")
        if let node = options["access"], let text = reader.string(node, pointer("access"), what: "'access'") {
            if let access = AccessLevel(rawValue: text) {
                spec.access = access
            } else {
                reader.error("'access' must be one of \(AccessLevel.spelledOut), but it is '\(text)'", node, pointer("access"))
            }
        }
        var profileDiagnostics: [Diagnostic] = []
        if let node = options["profile"] {
            if let file = options["profile-file"] {
                reader.error("give the profile here or in 'profile-file', not both", file, pointer("profile-file"))
            }
            let fields = reader.fields(node, pointer("profile"), what: "'profile'", allowed: FileReader.profileKeys)
            spec.profile = reader.profile(fields, pointer("profile"))
        } else if let file = reader.string(options["profile-file"], pointer("profile-file"), what: "'profile-file'") {
            let (profile, problems) = InputLoader.readProfile(file.hasPrefix("/") ? file : folder + "/" + file)
            profileDiagnostics = problems
            spec.profile = profile ?? APIProfile()
        }
        guard let input else {
            if options["input"] == nil { reader.error("\(configName) must name its 'input' file", root, .root) }
            return (nil, reader.log.sorted)
        }
        spec.path = input.hasPrefix("/") ? input : folder + "/" + input
        spec.sourceName = spec.path
        let diagnostics = reader.log.sorted + profileDiagnostics
        return (diagnostics.contains { $0.severity == .error } ? nil : spec, diagnostics)
    }
}
