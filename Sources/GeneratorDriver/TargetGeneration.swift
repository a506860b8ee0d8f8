import APIChanges
import APIModel
import Foundation
import SwiftEmitter

/// Generation for the SwiftPM plugins: from a target's `spec2swift.yaml` into the target's folder
/// (the command plugin) or into a fixed set of files in a build folder (the build-tool plugin).
extension Driver {
    /// Generates the input `config` names into `output`. With `check`, writes nothing and fails naming
    /// each stale file. With `files`, writes exactly that many files, `Spec2Swift_0.swift` ..., so that
    /// their names are known before the document is read (see `FileBuckets`).
    public func generate(config: String, output: String, check: Bool, files: Int?) -> Int32 {
        let start = ContinuousClock.now
        PhaseTimes.start()
        let (input, problems) = ProjectInputs.readConfig(config)
        guard let input else {
            for problem in problems { printError(problem.description) }
            printError("spec2swift: \(problems.filter { $0.severity == .error }.count) error(s) in '\(config)'; '\(output)' was not changed")
            return 1
        }
        var result = Generator.generate([input])
        result.diagnostics.insert(contentsOf: problems, at: 0)
        let scope: [String]?
        if let files {
            // The build folder is rewritten on every build and read by no one: it needs no manifest.
            let manifests = Set(result.manifests.map { ManifestFile.path(namespace: $0.namespace) })
            result.files = FileBuckets.merge(result.files.filter { !manifests.contains($0.path) }, into: files, sourceName: input.sourceName)
            result.manifests = []
            scope = nil
        } else {
            // A target's folder holds the user's own files too: only the API's folders are this run's.
            scope = Array(Set(result.files.compactMap { $0.path.split(separator: "/").first.map(String.init) })).sorted()
        }
        return finish(result, directory: output, check: check, scope: scope, start: start,
                      regenerateHint: "run `swift package --allow-writing-to-package-directory spec2swift` to regenerate")
    }
}

/// Spreads generated files over a fixed number of files. A build-tool plugin must name its outputs
/// before it runs, so the names cannot depend on the document: each generated file goes, whole, into
/// bucket `hash(path) % count` (FNV-1a, the same on every machine), so a change to one type changes
/// one bucket. Each bucket has the generated-file header and the imports of what it holds.
public enum FileBuckets {
    public static func name(_ index: Int) -> String { "Spec2Swift_\(index).swift" }

    public static func merge(_ files: [OutputFile], into count: Int, sourceName: String) -> [OutputFile] {
        let count = max(1, count)
        var imports = Array(repeating: Set<String>(), count: count)
        var bodies = Array(repeating: [String](), count: count)
        for file in files.sorted(by: { $0.path < $1.path }) {
            let bucket = Int(StableHash.fnv1a(file.path) % UInt64(count))
            var body: [Substring] = []
            var inPreamble = true
            for line in file.contents.split(separator: "\n", omittingEmptySubsequences: false) {
                if inPreamble {
                    if line.hasPrefix("import ") || line.hasPrefix("@_exported import ") {
                        imports[bucket].insert(String(line))
                        continue
                    }
                    // The header comment and blank lines go; documentation (`///`) belongs to the code.
                    if (line.hasPrefix("//") && !line.hasPrefix("///")) || line.isEmpty { continue }
                    inPreamble = false
                }
                body.append(line)
            }
            while body.last?.isEmpty == true { body.removeLast() }
            bodies[bucket].append("// MARK: \(file.path)\n\n" + body.joined(separator: "\n") + "\n")
        }
        return (0..<count).map { index in
            var text = OutputDirectory.header + " from \(sourceName). Do not edit.\n"
            if !imports[index].isEmpty { text += "\n" + imports[index].sorted().joined(separator: "\n") + "\n" }
            for body in bodies[index] { text += "\n" + body }
            return OutputFile(path: name(index), contents: text)
        }
    }
}
