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
        for problem in try GoldenFolder.differences(files: files.map { ($0.path, $0.contents) }, diagnostics: diagnosticText,
                                                    in: folder) {
            Issue.record("\(problem)")
        }
    }
}
