import APIChanges
import Foundation
import GeneratorDriver
import Testing
import TestSupport

/// Golden pairs: each folder under `Tests/Changes/` holds two versions of one input (`old.yaml`,
/// `new.yaml`, with the options of `spec2swift.yaml` when there is one) and the report `spec2swift
/// changes` prints for them: `expected.txt`, and `expected.md` and `expected.json` when present.
/// Each pair is also generated, and every file that changed must hold a reported change (and every
/// reported change must be in a file that changed).
///
/// Re-record with `SPEC2SWIFT_RECORD=1 swift test --filter ChangeGoldenTests`, then review
/// `git diff Tests/Changes`; a recording run always fails.
@Suite struct ChangeGoldenTests {
    static let root = Paths.repository + "/Tests/Changes"

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static let formats: [(format: ReportFormat, file: String)] = [(.text, "expected.txt"), (.markdown, "expected.md"), (.json, "expected.json")]

    @Test func thereAreGoldenPairs() {
        #expect(Self.cases.count >= 8, "Tests/Changes should hold the golden pairs")
    }

    /// What `changes` prints for a case, with the case's folder left out of paths.
    static func report(_ folder: String, format: ReportFormat, failOnBreaking: Bool = false) -> (output: String, errors: String, status: Int32) {
        var output = ""
        var errors = ""
        let config = folder + "/spec2swift.yaml"
        let status = Driver(printOut: { output += $0 + "\n" }, printError: { errors += $0 + "\n" })
            .changes(old: folder + "/old.yaml", new: folder + "/new.yaml",
                     config: FileManager.default.fileExists(atPath: config) ? config : nil, format: format, failOnBreaking: failOnBreaking)
        return (output.replacingOccurrences(of: folder + "/", with: ""), errors.replacingOccurrences(of: folder + "/", with: ""), status)
    }

    @Test(arguments: cases)
    func report(_ name: String) throws {
        let folder = Self.root + "/" + name
        for (format, file) in Self.formats {
            let path = folder + "/" + file
            guard format == .text || FileManager.default.fileExists(atPath: path) else { continue }
            let (output, errors, status) = Self.report(folder, format: format)
            #expect(status == 0 && errors.isEmpty, "\(name): \(errors)")
            if Paths.recording {
                try Data(output.utf8).write(to: URL(fileURLWithPath: path))
                Issue.record("recorded \(path); review the diff, then run without SPEC2SWIFT_RECORD")
                continue
            }
            let expected = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let diff = TextDiff.unified(expected: expected, actual: output, name: file)
            #expect(diff.isEmpty, "\(name)/\(file) differs:\n\(diff)")
        }
    }

    /// The generated files that differ between the two versions are exactly those that hold a change.
    @Test(arguments: cases)
    func reportExplainsTheDiff(_ name: String) throws {
        let folder = Self.root + "/" + name
        var generated: [(files: [String: String], manifest: APIManifest?)] = []
        for version in ["old.yaml", "new.yaml"] {
            var input = InputSpec(path: folder + "/" + version, sourceName: "input.yaml")
            let config = folder + "/spec2swift.yaml"
            if FileManager.default.fileExists(atPath: config) {
                let (read, problems) = ProjectInputs.readConfig(config)
                input = try #require(read, "\(problems)")
                input.path = folder + "/" + version
                input.sourceName = "input.yaml"
            }
            let result = Generator.generate([input])
            #expect(!result.hasErrors, "\(name)/\(version): \(result.diagnostics)")
            generated.append((Dictionary(result.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first }),
                              result.manifests.first))
        }
        let outcome = HistoryTests.account(old: generated[0], new: generated[1], names: ("old.yaml", "new.yaml"))
        #expect(outcome.problems.isEmpty, "\(name): \(outcome.problems.joined(separator: "\n"))")
    }
}
