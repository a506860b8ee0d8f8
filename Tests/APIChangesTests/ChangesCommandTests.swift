import APIChanges
import Foundation
import GeneratorDriver
import Testing
import TestSupport

/// `spec2swift changes`: its input forms, its exit statuses and its JSON.
@Suite struct ChangesCommandTests {
    static func folder(_ pair: String) -> String { ChangeGoldenTests.root + "/" + pair }

    @Test func failOnBreakingExitsWithItsOwnStatusOnlyWhenSomethingBreaks() {
        #expect(ChangeGoldenTests.report(Self.folder("properties"), format: .text, failOnBreaking: true).status == Driver.breakingStatus)
        #expect(ChangeGoldenTests.report(Self.folder("properties"), format: .text).status == 0)
        #expect(ChangeGoldenTests.report(Self.folder("documentation-only"), format: .text, failOnBreaking: true).status == 0)
        #expect(ChangeGoldenTests.report(Self.folder("reordered"), format: .text, failOnBreaking: true).status == 0)
    }

    @Test(arguments: ChangeGoldenTests.cases)
    func jsonIsJSONAndCountsAsTheTextDoes(_ pair: String) throws {
        let (output, _, status) = ChangeGoldenTests.report(Self.folder(pair), format: .json)
        #expect(status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        let breaking = changes.filter { $0["breaking"] as? Bool == true }.count
        #expect(object["breaking"] as? Int == breaking)
        #expect(object["compatible"] as? Int == changes.count - breaking)
        let text = ChangeGoldenTests.report(Self.folder(pair), format: .text).output
        #expect(text.contains("Summary: \(object["summary"] as? String ?? "?")\n"))
        #expect(output.unicodeScalars.allSatisfy { $0.isASCII }, "JSON reports are ASCII, with escapes for the rest")
    }

    /// The old side may be the manifest a generation left in an output folder, an API folder, or an options file.
    @Test func readsManifestsFoldersAndOptionsFiles() throws {
        let pair = Self.folder("operations")
        let expected = ChangeGoldenTests.report(pair, format: .text).output
        let scratch = NSTemporaryDirectory() + "spec2swift-changes-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for (name, version) in [("old", "old.yaml"), ("new", "new.yaml")] {
            try FileManager.default.createDirectory(atPath: scratch + "/" + name, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: pair + "/" + version, toPath: scratch + "/\(name)/openapi.yaml")
            try Data("input: openapi.yaml\nnamespace: Shop\n".utf8).write(to: URL(fileURLWithPath: scratch + "/\(name)/spec2swift.yaml"))
        }
        func run(_ body: (Driver) -> Int32) -> (Int32, String) {
            let printed = Printed()
            let status = body(Driver(printOut: { printed.text += $0 + "\n" }, printError: { printed.text += $0 + "\n" }))
            return (status, printed.text)
        }
        func body(_ report: String) -> String { report.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n") }

        let folders = run { $0.changes(old: scratch + "/old", new: scratch + "/new") }
        #expect(folders.0 == 0 && body(folders.1) == body(expected), "API folders: \(folders.1)")

        let options = run { $0.changes(old: scratch + "/old/spec2swift.yaml", new: scratch + "/new/spec2swift.yaml") }
        #expect(options.0 == 0 && body(options.1) == body(expected), "options files: \(options.1)")

        let old = try #require(ProjectInputs.readConfig(scratch + "/old/spec2swift.yaml").0)
        #expect(run { $0.generate(old, output: scratch + "/out", package: nil) }.0 == 0)
        let manifest = run { $0.changes(old: scratch + "/out/Shop/Shop.api-manifest.swift", new: scratch + "/new") }
        #expect(manifest.0 == 0 && body(manifest.1) == body(expected), "a manifest from an output folder: \(manifest.1)")
        // A document without options takes the manifest's namespace.
        let document = run { $0.changes(old: scratch + "/out/Shop/Shop.api-manifest.swift", new: scratch + "/new/openapi.yaml") }
        #expect(document.0 == 0 && body(document.1) == body(expected), "a manifest and a document: \(document.1)")
    }

    @Test func anInputWithErrorsIsAnErrorWithItsLocation() throws {
        let scratch = NSTemporaryDirectory() + "spec2swift-changes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let broken = scratch + "/broken.yaml"
        try Data("openapi: 3.1.0\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents: { schemas: { A: { $ref: '#/nope' } } }\n".utf8)
            .write(to: URL(fileURLWithPath: broken))
        var errors: [String] = []
        let status = Driver(printOut: { _ in }, printError: { errors.append($0) })
            .changes(old: Self.folder("types") + "/old.yaml", new: broken)
        #expect(status == 1)
        #expect(errors.first?.hasPrefix(broken + ":4:") == true, "\(errors)")
        #expect(errors.last == "spec2swift changes: '\(broken)' does not generate (see the errors above); fix it to compare")
    }
}

/// Collects what a driver prints.
final class Printed: @unchecked Sendable {
    var text = ""
}
