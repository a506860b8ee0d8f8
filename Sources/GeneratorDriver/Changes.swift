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
        }
        // Two versions of a document have two file names: both take the new one's namespace, unless one is given.
        if template.namespace == nil { template.namespace = InputLoader.defaultNamespace(new) }
        guard let before = manifest(of: old, template: template), let after = manifest(of: new, template: template) else { return 1 }
        let report = APIComparison.compare(before, after)
        printOut(report.rendered(format, old: old, new: new).trimmingCharacters(in: .newlines))
        return failOnBreaking && !report.breaking.isEmpty ? Self.breakingStatus : 0
    }

    /// The manifest of one side: read from a manifest file, or generated from an input.
    private func manifest(of path: String, template: InputSpec) -> APIManifest? {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        var input: InputSpec?
        var problems: [Diagnostic] = []
        if exists && isDirectory.boolValue {
            (input, problems) = ProjectInputs.input(folder: path)
        } else if (path as NSString).lastPathComponent == ProjectInputs.configName {
            (input, problems) = ProjectInputs.readConfig(path)
        } else if let data = FileManager.default.contents(atPath: path), ManifestFile.isManifest(String(decoding: data, as: UTF8.self)) {
            do {
                return try ManifestFile.read(String(decoding: data, as: UTF8.self))
            } catch {
                printError("\(path):1:1: error: cannot read the API manifest: \(error)")
                return nil
            }
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
