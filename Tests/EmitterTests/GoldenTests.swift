import Foundation
import GeneratorDriver
import SwiftEmitter
import Testing
import TestSupport

/// Golden tests: each folder under `Tests/Golden/` is an input (laid out like a `specs/` folder), with the
/// Swift it must generate under `expected/` and the diagnostics it must print in `diagnostics.txt`.
/// Output is compared byte for byte; a mismatch shows a unified diff.
///
/// To re-record after an intended change: `SPEC2SWIFT_RECORD=1 swift test --filter GoldenTests`,
/// then review `git diff Tests/Golden`. Recording always fails the run, so that it is
/// never mistaken for a pass.
@Suite struct GoldenTests {
    static let root = Paths.repository + "/Tests/Golden"

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func thereAreGoldenCases() {
        #expect(Self.cases.count >= 10, "Golden/ should hold the golden cases")
    }

    @Test(arguments: cases)
    func golden(_ name: String) throws {
        let folder = Self.root + "/" + name
        let (found, problems) = ProjectInputs.input(folder: folder)
        var input = try #require(found, "no input in \(folder): \(problems)")
        input.sourceName = name + "/" + (input.path as NSString).lastPathComponent
        let result = Generator.generate([input])
        let diagnostics = problems + result.diagnostics
        let files = result.files
        let diagnosticText = diagnostics.map { $0.description.replacingOccurrences(of: folder + "/", with: "") }
            .joined(separator: "\n") + (diagnostics.isEmpty ? "" : "\n")
        try Golden.compare(files: files, diagnostics: diagnosticText, in: folder)
    }
}

/// Comparing generated files with a folder of expected ones, or recording them.
enum Golden {
    static func compare(files: [OutputFile], diagnostics: String, in folder: String) throws {
        let expectedFolder = folder + "/expected"
        let manager = FileManager.default
        let existing = Set(((manager.enumerator(atPath: expectedFolder)?.allObjects as? [String]) ?? [])
            .filter { $0.hasSuffix(".swift") })
        if Paths.recording {
            try? manager.removeItem(atPath: expectedFolder)
            for file in files {
                let path = expectedFolder + "/" + file.path
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
            }
            try Data(diagnostics.utf8).write(to: URL(fileURLWithPath: folder + "/diagnostics.txt"))
            Issue.record("recorded \(files.count) files and diagnostics in \(folder); review the diff, then run without SPEC2SWIFT_RECORD")
            return
        }
        let expectedDiagnostics = (manager.contents(atPath: folder + "/diagnostics.txt")).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let diagnosticsDiff = TextDiff.unified(expected: expectedDiagnostics, actual: diagnostics, name: "diagnostics.txt")
        #expect(diagnosticsDiff.isEmpty, "diagnostics differ:\n\(diagnosticsDiff)")
        for file in files {
            guard let data = manager.contents(atPath: expectedFolder + "/" + file.path) else {
                Issue.record("\(file.path) is generated but not expected (record with SPEC2SWIFT_RECORD=1 if intended)")
                continue
            }
            let diff = TextDiff.unified(expected: String(decoding: data, as: UTF8.self), actual: file.contents, name: file.path)
            #expect(diff.isEmpty, "\(file.path) differs:\n\(diff)")
        }
        for missing in existing.subtracting(files.map(\.path)).sorted() {
            Issue.record("\(missing) is expected but no longer generated")
        }
    }
}
