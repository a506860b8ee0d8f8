import APIChanges
import Foundation
import GeneratorDriver
import Testing
import TestSupport

/// Regeneration, `check` and the plugins' `target` command print one line per API whose files they
/// change, read from the manifest the previous generation left in the output folder.
@Suite struct RegenerationTests {
    /// A project with one API folder holding `document` (from a golden pair) as `openapi.yaml`.
    struct Project {
        let root: String
        var specs: String { root + "/specs" }
        var output: String { root + "/Generated" }

        init() throws {
            root = NSTemporaryDirectory() + "spec2swift-changes-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: root + "/specs/pets", withIntermediateDirectories: true)
            try Data("input: openapi.yaml\nnamespace: Pets\n".utf8).write(to: URL(fileURLWithPath: root + "/specs/pets/spec2swift.yaml"))
        }

        func use(_ pair: String, _ version: String) throws {
            let source = ChangeGoldenTests.root + "/" + pair + "/" + version
            try? FileManager.default.removeItem(atPath: specs + "/pets/openapi.yaml")
            try FileManager.default.copyItem(atPath: source, toPath: specs + "/pets/openapi.yaml")
        }

        /// Runs `regenerate` (or `check`) and returns the status and what it printed to each stream.
        func run(check: Bool = false) -> (status: Int32, out: [String], errors: [String]) {
            var out: [String] = []
            var errors: [String] = []
            let status = Driver(printOut: { out.append($0) }, printError: { errors.append($0) })
                .regenerate(specs: specs, output: output, check: check)
            return (status, out, errors)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    /// The summary line of a golden pair's expected report.
    static func expectedSummary(_ pair: String) throws -> String {
        let text = try String(contentsOfFile: ChangeGoldenTests.root + "/" + pair + "/expected.txt", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("Summary: ") })
        return String(line.dropFirst("Summary: ".count))
    }

    @Test func regenerationAndCheckPrintWhatChangesForCallers() throws {
        let project = try Project()
        defer { project.remove() }
        try project.use("properties", "old.yaml")
        let first = project.run()
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.out.contains("spec2swift: Pets API: no API manifest in '\(project.output)' to compare with (first generation)"),
                "\(first.out)")
        #expect(FileManager.default.fileExists(atPath: project.output + "/Pets/Pets.api-manifest.swift"))

        try project.use("properties", "new.yaml")
        let summary = try Self.expectedSummary("properties")
        let check = project.run(check: true)
        #expect(check.status == 1)
        #expect(check.errors.contains("spec2swift check: Pets API would change: " + summary), "\(check.errors)")

        let second = project.run()
        #expect(second.status == 0, "\(second.errors)")
        #expect(second.out.first == "spec2swift: Pets API: " + summary, "\(second.out)")

        let third = project.run()
        #expect(third.out.count == 1 && third.out.first?.contains(" 0 written, ") == true,
                "nothing written, so no API line: \(third.out)")
        #expect(project.run(check: true).status == 0)
    }

    @Test func documentationChangesAreCountedApart() throws {
        let project = try Project()
        defer { project.remove() }
        try project.use("documentation-only", "old.yaml")
        _ = project.run()
        try project.use("documentation-only", "new.yaml")
        #expect(project.run().out.first == "spec2swift: Pets API: 6 doc changes")
    }

    @Test func reorderingTheDocumentChangesNothing() throws {
        let project = try Project()
        defer { project.remove() }
        try project.use("reordered", "old.yaml")
        _ = project.run()
        try project.use("reordered", "new.yaml")
        let run = project.run()
        #expect(run.out.count == 1 && run.out.first?.contains(" 0 written, ") == true, "\(run.out)")
    }

    /// What the command plugin runs: the summary line goes to the output the plugin shows; the build
    /// plugin's buckets hold no manifest.
    @Test func targetGenerationPrintsTheLineAndBucketsHoldNoManifest() throws {
        let project = try Project()
        defer { project.remove() }
        let config = project.specs + "/pets/spec2swift.yaml"
        func target(files: Int? = nil) -> (Int32, [String]) {
            var out: [String] = []
            let status = Driver(printOut: { out.append($0) }, printError: { out.append($0) })
                .generate(config: config, output: project.output, check: false, files: files)
            return (status, out)
        }
        try project.use("enum-cases", "old.yaml")
        _ = target()
        try project.use("enum-cases", "new.yaml")
        let (status, out) = target()
        #expect(status == 0)
        #expect(out.first == "spec2swift: Pets API: " + (try Self.expectedSummary("enum-cases")), "\(out)")

        let buckets = project.root + "/buckets"
        var bucketOut: [String] = []
        #expect(Driver(printOut: { bucketOut.append($0) }, printError: { bucketOut.append($0) })
            .generate(config: config, output: buckets, check: false, files: 3) == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: buckets).sorted()
        #expect(files == ["Spec2Swift_0.swift", "Spec2Swift_1.swift", "Spec2Swift_2.swift"])
        for file in files {
            let text = try String(contentsOfFile: buckets + "/" + file, encoding: .utf8)
            #expect(!text.contains(ManifestFile.marker), "\(file) holds the manifest")
        }
        #expect(!bucketOut.contains { $0.contains(" API: ") }, "\(bucketOut)")
    }
}
