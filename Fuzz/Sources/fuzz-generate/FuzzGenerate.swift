import APIModel
import Foundation
import FuzzMutator
import FuzzSupport
import GeneratorDriver
import SwiftEmitter

/// The whole generation in memory, input to files, with its promises checked on every run: no crash
/// (and no hang: libFuzzer's -timeout), the same bytes when generating twice, every diagnostic
/// located, file paths inside the output folder, and an error leaves no files behind.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGenerate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let spec = InputSpec(path: "fuzz.yaml", sourceName: "fuzz.yaml", namespace: "Fuzz", contents: input)
    let first = Generator.generate([spec])
    let second = Generator.generate([spec])
    require(first.files == second.files, "generating twice gave different files")
    require(first.diagnostics == second.diagnostics, "generating twice gave different diagnostics")
    requireLocated(first.diagnostics, file: "fuzz.yaml")
    for file in first.files {
        let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
        require(!file.path.hasPrefix("/") && !parts.contains("..") && !parts.contains("") && !parts.contains("."),
                "a generated file's path leaves the output folder: \(file.path)")
        require(file.contents.hasPrefix(OutputDirectory.header), "a generated file without the header: \(file.path)")
    }
    // Through the command's writing side: every error run, and one successful run in sixteen.
    if first.hasErrors || input.reduce(0, { $0 &+ Int($1) }) % 16 == 0 {
        checkWriting(spec, expected: first)
    }
    return 0
}

/// Runs the `generate` command into a folder that does not exist yet: after an error it must still
/// not exist; otherwise it must hold exactly the generated files.
func checkWriting(_ spec: InputSpec, expected: GenerationResult) {
    let output = NSTemporaryDirectory() + "spec2swift-fuzz-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: output) }
    let status = Driver(printOut: { _ in }, printError: { _ in }).generate(spec, output: output, package: nil)
    if expected.hasErrors {
        require(status == 1, "an error run exited with \(status)")
        require(!FileManager.default.fileExists(atPath: output), "an error run wrote into the output folder")
        return
    }
    require(status == 0, "a run without errors exited with \(status)")
    for file in expected.files {
        let written = FileManager.default.contents(atPath: output + "/" + file.path)
        require(written == Data(file.contents.utf8), "\(file.path) was not written as generated")
    }
}

@_cdecl("LLVMFuzzerCustomMutator")
public func mutate(_ data: UnsafeMutablePointer<UInt8>, _ size: Int, _ maxSize: Int, _ seed: UInt32) -> Int {
    mutateYAML(data, size, maxSize, seed, words: seed % 3 == 0 ? Words.descriptor : Words.openAPI)
}
