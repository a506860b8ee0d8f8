import APIChanges
import APIModel
import Foundation

/// `spec2swift changes OLD NEW`: what a new version of an input does to the generated Swift API.
extension Driver {
    /// The exit status when `failOnBreaking` is set and a change breaks callers (errors exit with 1).
    public static let breakingStatus: Int32 = 2

    /// Compares the Swift API generated from `old` and from `new` and prints the report. Each may be
    /// an OpenAPI document or descriptor (generated with `options`, or with the options of `config`,
    /// a `spec2swift.yaml` whose `input` is then ignored), an API folder, an options file, or an API
    /// manifest from an output folder. Returns 1 on errors, `breakingStatus` when `failOnBreaking` is
    /// set and anything breaks callers, else 0.
    public func changes(old: String, new: String, options: InputSpec = InputSpec(path: ""), config: String? = nil,
                        format: ReportFormat = .text, failOnBreaking: Bool = false) -> Int32 {
        var template = options
        if let config {
            let (read, problems) = ProjectInputs.readConfig(config)
            for problem in problems where problem.severity == .error { printError(problem.description) }
            guard let read else { return 1 }
            template = read
        } else if options == InputSpec(path: ""), case (let read?, _)? = [old, new].lazy.compactMap(inputWithOptions).first {
            // A bare document compared with an API folder (or its options file) takes that folder's options.
            template = read
        }
        // Two versions of a document have two file names: both take the namespace of a manifest on the
        // other side, or else the new one's, unless one is given.
        var read: [String: APIManifest] = [:]
        for path in [old, new] {
            switch readManifest(path) {
            case .none: continue
            case .some(.success(let manifest)): read[path] = manifest
            case .some(.failure(let error)):
                printError("\(path):1:1: error: cannot read the API manifest: \(error)")
                return 1
            }
        }
        if template.namespace == nil { template.namespace = (read[old] ?? read[new])?.namespace ?? InputLoader.defaultNamespace(new) }
        guard let before = read[old] ?? manifest(of: old, template: template),
              let after = read[new] ?? manifest(of: new, template: template) else { return 1 }
        let report = APIComparison.compare(before, after)
        printOut(report.rendered(format, old: old, new: new).trimmingCharacters(in: .newlines))
        return failOnBreaking && !report.breaking.isEmpty ? Self.breakingStatus : 0
    }

    /// The manifest in a file, when the file is one (nil when it is not).
    private func readManifest(_ path: String) -> Result<APIManifest, ManifestFile.ReadError>? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard ManifestFile.isManifest(text) else { return nil }
        return Result { try ManifestFile.read(text) }.mapError { $0 as? ManifestFile.ReadError ?? .notAManifest }
    }

    /// The input of an API folder or an options file, with its options; nil for a bare document.
    private func inputWithOptions(_ path: String) -> (InputSpec?, [Diagnostic])? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return ProjectInputs.input(folder: path)
        }
        return (path as NSString).lastPathComponent == ProjectInputs.configName ? ProjectInputs.readConfig(path) : nil
    }

    /// The manifest of one side generated from an input: a document, an API folder or an options file.
    private func manifest(of path: String, template: InputSpec) -> APIManifest? {
        var input: InputSpec?
        var problems: [Diagnostic] = []
        if let own = inputWithOptions(path) {
            (input, problems) = own
        } else {
            var spec = template
            spec.path = path
            spec.sourceName = (path as NSString).lastPathComponent
            input = spec
        }
        for problem in problems where problem.severity == .error { printError(problem.description) }
        guard let input else { return nil }
        let (lowered, diagnostics) = Generator.lower(input)
        let errors = diagnostics.filter { $0.severity == .error }
        for diagnostic in errors { printError(diagnostic.description) }
        guard let lowered, errors.isEmpty else {
            printError("spec2swift changes: '\(path)' does not generate (see the errors above); fix it to compare")
            return nil
        }
        return APIManifest(lowered)
    }
}
