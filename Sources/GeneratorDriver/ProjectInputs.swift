import APIModel
import Foundation
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

    static let configKeys: Set<String> = [
        "input", "namespace", "auth-prefixes", "include-tags", "exclude-tags", "include-operations", "exclude-operations",
    ]

    /// Reads a folder's `spec2swift.yaml`; unknown keys are errors, so that a typo is not silently ignored.
    static func readConfig(_ path: String, folder: String) -> (InputSpec?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("cannot read '\(path)'; check its permissions", at: SourceLocation(file: path, line: 1, column: 1),
                                 pointer: .root)])
        }
        let root: YAMLNode
        do {
            root = try YAMLReader().read(Array(data))
        } catch {
            return (nil, [.error(error.message, at: SourceLocation(file: path, line: error.mark.line, column: error.mark.column),
                                 pointer: error.path.map(JSONPointer.init(tokens:)) ?? .root)])
        }
        var diagnostics: [Diagnostic] = []
        func location(_ node: YAMLNode) -> SourceLocation {
            SourceLocation(file: path, line: node.mark.line, column: node.mark.column)
        }
        func strings(_ node: YAMLNode, _ key: String) -> [String] {
            let pointer = JSONPointer.root.appending(key)
            guard let items = node.sequence else {
                diagnostics.append(.error("'\(key)' must be a list of strings, as in [a, b]", at: location(node), pointer: pointer))
                return []
            }
            return items.enumerated().compactMap { index, item in
                guard let text = item.scalar?.text else {
                    diagnostics.append(.error("'\(key)' must hold strings, but this is \(item.kindDescription); write the name",
                                              at: location(item), pointer: pointer.appending(index)))
                    return nil
                }
                return text
            }
        }
        guard let pairs = root.mapping else {
            return (nil, [.error("\(configName) must be a mapping of options, as in 'input: openapi.yaml'", at: location(root),
                                 pointer: .root)])
        }
        var input: String?
        var spec = InputSpec(path: "", namespace: InputLoader.defaultNamespace((folder as NSString).lastPathComponent))
        for pair in pairs {
            guard let key = pair.key.scalar?.text, configKeys.contains(key) else {
                let known = configKeys.sorted().joined(separator: ", ")
                let key = pair.key.scalar?.text ?? "?"
                diagnostics.append(.error("unknown option '\(key)'; the options are: \(known)",
                                          at: location(pair.key), pointer: JSONPointer.root.appending(key)))
                continue
            }
            switch key {
            case "input": input = pair.value.scalar?.text
            case "namespace": spec.namespace = pair.value.scalar?.text
            case "auth-prefixes":
                for entry in pair.value.mapping ?? [] {
                    if let scheme = entry.key.scalar?.text, let prefix = entry.value.scalar?.text { spec.authPrefixes[scheme] = prefix }
                }
            case "include-tags": spec.filter.includeTags = strings(pair.value, key)
            case "exclude-tags": spec.filter.excludeTags = strings(pair.value, key)
            case "include-operations": spec.filter.includeOperations = strings(pair.value, key)
            case "exclude-operations": spec.filter.excludeOperations = strings(pair.value, key)
            default: break
            }
        }
        guard let input else {
            diagnostics.append(.error("\(configName) must name its 'input' file, as in 'input: openapi.yaml'", at: location(root),
                                      pointer: .root))
            return (nil, diagnostics)
        }
        spec.path = folder + "/" + input
        spec.sourceName = spec.path
        return (diagnostics.isEmpty ? spec : nil, diagnostics)
    }
}
