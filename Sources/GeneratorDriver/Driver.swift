import APIModel
import Foundation
import SwiftEmitter

/// What the commands do, with their output going to two text sinks (standard output and error).
public struct Driver {
    public var printOut: (String) -> Void
    public var printError: (String) -> Void

    public init(printOut: @escaping (String) -> Void = { print($0) },
                printError: @escaping (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.printOut = printOut
        self.printError = printError
    }

    /// The spec2swift checkout this tool was built from, if it is still there (the benchmark's packages use it).
    public static var checkoutDirectory: String? {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        return FileManager.default.fileExists(atPath: path + "/Package.swift") ? path : nil
    }

    /// Regenerates `output` from the folders in `specs`, or, with `check`, reports what is stale.
    /// Returns the exit status.
    public func regenerate(specs: String, output: String, check: Bool) -> Int32 {
        let start = ContinuousClock.now
        PhaseTimes.start()
        let (inputs, problems) = ProjectInputs.discover(specs: specs)
        if inputs.isEmpty && problems.isEmpty {
            printError("spec2swift: error: '\(specs)' holds no API folders")
            return 1
        }
        var result = Generator.generate(inputs)
        result.diagnostics.insert(contentsOf: problems, at: 0)
        return finish(result, directory: output, check: check, scope: nil, start: start)
    }

    /// Generates one input into `output`; with `package`, also a `Package.swift` so that the directory
    /// builds on its own against the runtime `runtime` names (a path relative to the current folder is
    /// made relative to the package).
    public func generate(_ input: InputSpec, output: String, package: String?, runtime: RuntimeDependency = .published) -> Int32 {
        let start = ContinuousClock.now
        PhaseTimes.start()
        var result = Generator.generate([input])
        if let package {
            var dependency = runtime
            if case .path(let path) = runtime {
                let absoluteOutput = URL(fileURLWithPath: output).standardizedFileURL.path
                let absoluteRuntime = URL(fileURLWithPath: path).standardizedFileURL
                // Through the runtime's parent, so that the path ends in the folder's name, which is how
                // SwiftPM names the dependency (a checkout above the package would otherwise be `../..`).
                let parent = PackageManifest.relativePath(from: absoluteOutput, to: absoluteRuntime.deletingLastPathComponent().path)
                dependency = .path(parent + "/" + absoluteRuntime.lastPathComponent)
            }
            result.files = result.files.map { OutputFile(path: "Sources/\(package)/" + $0.path, contents: $0.contents) }
            result.files.insert(OutputFile(path: "Package.swift", contents: PackageManifest.text(name: package, runtime: dependency)),
                                at: 0)
        }
        // Only this API's folder is this run's to clean up.
        let scope = package.map { ["Sources/\($0)"] } ?? Array(Set(result.files.compactMap { $0.path.split(separator: "/").first.map(String.init) }))
        return finish(result, directory: output, check: false, scope: scope, start: start)
    }

    func finish(_ result: GenerationResult, directory: String, check: Bool, scope: [String]?,
                start: ContinuousClock.Instant, regenerateHint: String = "run `swift run spec2swift` to regenerate") -> Int32 {
        for diagnostic in result.diagnostics {
            printError(diagnostic.description)
        }
        let errors = result.diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            printError("spec2swift: \(errors) error\(errors == 1 ? "" : "s"); '\(directory)' was not changed")
            return 1
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            printError("spec2swift: error: '\(directory)' is a file, not a folder; give a folder to write into "
                       + "(it is created if missing)")
            return 1
        }
        let output = OutputDirectory(path: directory)
        let plan = output.plan(result.files, scope: scope)
        PhaseTimes.mark("compare with the folder")
        let helpers = (result.paged > 0 ? ", \(result.paged) paged" : "") + (result.waiting > 0 ? ", \(result.waiting) waiting" : "")
        let counts = "\(result.inputs) input\(result.inputs == 1 ? "" : "s"), \(result.operations) operations\(helpers), \(result.types) types"
        let apiChanges = APISummary.lines(result, plan: plan, directory: directory)
        if check {
            guard plan.isClean else {
                for (namespace, change) in apiChanges { printError("spec2swift check: \(namespace) API would change: \(change)") }
                for file in plan.write {
                    let state = FileManager.default.fileExists(atPath: directory + "/" + file.path) ? "differs" : "missing"
                    printError("stale: \(directory)/\(file.path) (\(state))")
                }
                for path in plan.remove {
                    printError("stale: \(directory)/\(path) (no longer generated)")
                }
                printError("spec2swift check: \(plan.write.count + plan.remove.count) stale file(s) in '\(directory)'; "
                           + regenerateHint)
                return 1
            }
            printOut("spec2swift check: '\(directory)' is up to date (\(counts), \(plan.unchanged.count) files)")
            return 0
        }
        do {
            try output.apply(plan)
            PhaseTimes.mark("write")
        } catch {
            printError("spec2swift: error: \(error)")
            return 1
        }
        for (namespace, change) in apiChanges { printOut("spec2swift: \(namespace) API: \(change)") }
        let elapsed = (ContinuousClock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        printOut("spec2swift: \(counts); \(plan.write.count) written, \(plan.unchanged.count) unchanged, "
                 + "\(plan.remove.count) removed in '\(directory)' (\(String(format: "%.2f", seconds)) s)")
        if let timings = PhaseTimes.report() { printError(timings) }
        return 0
    }
}
