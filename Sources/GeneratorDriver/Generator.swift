import APIChanges
import APIModel
import Foundation
import SwiftEmitter
import SwiftLowering

/// What a generation produced: the files, what was found along the way, and counts for the summary.
public struct GenerationResult: Sendable {
    public var files: [OutputFile]
    public var diagnostics: [Diagnostic]
    public var inputs: Int
    public var operations: Int
    /// Operations with a paging helper, and with a helper that waits for their background tasks.
    public var paged = 0
    public var waiting = 0
    public var types: Int
    /// The Swift API of each namespace, as its manifest file among `files` has it.
    public var manifests: [APIManifest] = []

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The pipeline without the file system's write side: inputs -> model -> Swift files, all in memory.
public enum Generator {
    /// The model of one input, read (with the files its `$ref`s name) and translated, its profile and
    /// filter applied; nil when there were errors.
    public static func model(_ input: InputSpec) -> (APIDefinition?, [Diagnostic]) {
        InputLoader.load(input)
    }

    public static func generate(_ inputs: [InputSpec]) -> GenerationResult {
        var result = GenerationResult(files: [], diagnostics: [], inputs: inputs.count, operations: 0, types: 0)
        var namespaces: [String: String] = [:]
        for input in inputs {
            let (api, diagnostics) = InputLoader.load(input)
            result.diagnostics.append(contentsOf: diagnostics)
            guard let api else { continue }
            if let other = namespaces[api.name] {
                result.diagnostics.append(.error("the namespace '\(api.name)' is also generated from '\(other)'; "
                                                 + "give one of them another namespace", at: api.origin.location,
                                                 pointer: api.origin.pointer))
                continue
            }
            namespaces[api.name] = input.path
            let (lowered, loweringDiagnostics) = Lowering.lower(api, access: input.access)
            PhaseTimes.mark("lower")
            result.diagnostics.append(contentsOf: loweringDiagnostics)
            guard let lowered else { continue }
            result.files.append(contentsOf: SwiftEmitter.emit(lowered, sourceName: input.sourceName))
            PhaseTimes.mark("print")
            let manifest = APIManifest(lowered)
            result.manifests.append(manifest)
            result.files.append(OutputFile(path: ManifestFile.path(namespace: lowered.namespace),
                                           contents: SwiftEmitter.header(sourceName: input.sourceName) + ManifestFile.text(manifest)))
            PhaseTimes.mark("manifest")
            result.operations += api.operations.count
            result.paged += lowered.operations.filter { $0.pages != nil }.count
            result.waiting += lowered.operations.filter { $0.waiting != nil }.count
            result.types += api.types.reduce(0) { $0 + $1.flattened.count }
        }
        result.files.sort { $0.path < $1.path }
        for (file, next) in zip(result.files, result.files.dropFirst()) where file.path == next.path {
            result.diagnostics.append(.error("two generated files would be written to '\(file.path)'; "
                                             + "give one of the types another name", at: nil))
        }
        return result
    }
}

extension Generator {
    /// The Swift API of one input, as lowering describes it; nil, with the diagnostics, when it has errors.
    public static func lower(_ input: InputSpec) -> (SwiftAPI?, [Diagnostic]) {
        let (api, diagnostics) = InputLoader.load(input)
        guard let api else { return (nil, diagnostics) }
        let (lowered, loweringDiagnostics) = Lowering.lower(api, access: input.access)
        return (lowered, diagnostics + loweringDiagnostics)
    }
}
