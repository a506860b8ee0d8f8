import Foundation
import GeneratorDriver
import Testing
import TestSupport
import YAMLReader

/// The catalog of bad inputs: each folder under `Tests/Catalog/` holds an input that is wrong in one
/// way, `diagnostics.txt` with exactly what `spec2swift generate` prints to standard error for it, and,
/// for a case that only warns, the Swift it writes under `expected/`. Each case runs the command into
/// an output folder that already holds an earlier generated file, and checks:
///
/// - the exit status is 1 when there is an error; a case without errors warns at least once;
/// - every diagnostic reads `file:line:column: error|warning: <sentence> (<JSON pointer>)`, the pointer
///   starting with the file's path when the file is one a `$ref` names;
/// - after an error the output folder is as it was: nothing written, nothing removed.
///
/// Inputs too large or too odd to commit are made at run time from the case's `input.recipe` (see
/// `Recipe`). Re-record like the golden tests: `SPEC2SWIFT_RECORD=1 swift test --filter CatalogTests`.
@Suite struct CatalogTests {
    static let root = Paths.repository + "/Tests/Catalog"

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func theCatalogHoldsAtLeastFortyCases() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func badInput(_ name: String) async throws {
        let caseFolder = Self.root + "/" + name
        let scratch = NSTemporaryDirectory() + "spec2swift-catalog-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let output = scratch + "/output"
        let earlier = Earlier(in: output)
        try earlier.write()

        // Off the cooperative pool: some inputs are made at run time and are large (a 200 MiB line).
        let (inputFolder, printed, status) = try await onOwnThread { () throws -> (String, [String], Int32) in
            // The folder the input is read from: the case's own, or one the recipe fills.
            var inputFolder = caseFolder
            if let recipe = FileManager.default.contents(atPath: caseFolder + "/input.recipe") {
                inputFolder = scratch + "/" + name
                try Recipe(try YAMLReader().read(Array(recipe))).make(in: inputFolder)
            }
            var printed: [String] = []
            var status: Int32 = 1
            let (found, problems) = ProjectInputs.input(folder: inputFolder)
            if let input = found {
                let driver = Driver(printOut: { _ in }, printError: { printed.append($0) })
                status = driver.generate(input, output: output, package: nil)
            } else {
                printed = problems.map(\.description)
            }
            return (inputFolder, printed, status)
        }
        let transcript = printed.map {
            $0.replacingOccurrences(of: inputFolder + "/", with: "").replacingOccurrences(of: output, with: "<output>")
        }

        let diagnostics = transcript.filter { !$0.hasPrefix("spec2swift: ") }
        for line in diagnostics {
            // The pointer of a place in another file than the input starts with that file's path.
            #expect(line.wholeMatch(of: /[^:]+:[0-9]+:[0-9]+: (error|warning): .+ \([^ ()]*#.*\)/) != nil,
                    "not `file:line:column: severity: sentence (pointer)`: \(line)")
        }
        let errors = diagnostics.filter { $0.contains(": error: ") }
        #expect(status == (errors.isEmpty ? 0 : 1), "exit status \(status) with \(errors.count) errors")
        #expect(!diagnostics.isEmpty, "a catalog case must print an error or a warning")

        // Headers name the input by its path, which differs from machine to machine.
        var written = GoldenFolder.swiftFiles(in: output).filter { $0.path != earlier.path }.map {
            (path: $0.path, contents: $0.contents.replacingOccurrences(of: inputFolder + "/", with: ""))
        }
        #expect(earlier.isUnchanged(), "the earlier generated file was changed or removed")
        if !errors.isEmpty {
            #expect(written.isEmpty, "an error must leave the output folder as it was, but it now holds \(written.map(\.path))")
            written = []
        }
        let text = transcript.joined(separator: "\n") + (transcript.isEmpty ? "" : "\n")
        for problem in try GoldenFolder.differences(files: written, diagnostics: text, in: caseFolder) {
            Issue.record("\(problem)")
        }
    }
}

/// A generated file that was in the output folder before the run, outside what the run may clean up.
struct Earlier {
    let folder: String
    let path = "Earlier/Earlier.swift"
    let contents = OutputDirectory.header + " from earlier.yaml. Do not edit.\n\nenum Earlier {}\n"

    init(in folder: String) {
        self.folder = folder
    }

    func write() throws {
        try FileManager.default.createDirectory(atPath: folder + "/Earlier", withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: folder + "/" + path))
    }

    func isUnchanged() -> Bool {
        FileManager.default.contents(atPath: folder + "/" + path) == Data(contents.utf8)
    }
}

/// How to make an input at run time, read from a case's `input.recipe`:
///
///     file: openapi.yaml           # the file to make in the input folder
///     parts:                       # its bytes, in order
///       - text: "openapi: 3.1.0\n"
///       - repeat: "["              # `text` repeated `times` times
///         times: 10000
///       - bytes: [0xFF, 0xFE]      # raw bytes
struct Recipe {
    var file: String
    var parts: [[UInt8]]

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    init(_ node: YAMLNode) throws {
        guard let file = node["file"]?.scalar?.text, let parts = node["parts"]?.sequence else {
            throw Invalid(description: "a recipe needs 'file' and 'parts'")
        }
        self.file = file
        self.parts = try parts.map { part in
            if let text = part["text"]?.scalar?.text { return Array(text.utf8) }
            if let text = part["repeat"]?.scalar?.text, let times = part["times"]?.scalar?.intValue {
                let unit = Array(text.utf8)
                if unit.count == 1 { return [UInt8](repeating: unit[0], count: times) }
                var repeated: [UInt8] = []
                repeated.reserveCapacity(unit.count * times)
                for _ in 0..<times { repeated += unit }
                return repeated
            }
            if let bytes = part["bytes"]?.sequence {
                return try bytes.map { byte in
                    guard let value = byte.scalar?.intValue, let byte = UInt8(exactly: value) else {
                        throw Invalid(description: "'bytes' holds numbers from 0 to 255")
                    }
                    return byte
                }
            }
            throw Invalid(description: "a part is 'text', 'repeat' with 'times', or 'bytes'")
        }
    }

    func make(in folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var data = Data()
        for part in parts { data.append(contentsOf: part) }
        try data.write(to: URL(fileURLWithPath: folder + "/" + file))
    }
}
