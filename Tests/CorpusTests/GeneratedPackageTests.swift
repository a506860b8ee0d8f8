import Foundation
import Testing
import TestSupport

/// The golden cases' expected output and a package written by `generate --package --runtime PATH`
/// compile as part of the one test package (`CorpusPackage`), which is also built when `../shared`
/// is absent.
@Suite struct GeneratedPackageTests {
    /// `generate --package` with `--runtime PATH`: the package builds, and resolves no package but this
    /// one (its manifest asks for `traits: []`; the package that depends on it asks the same, so a
    /// checkout would come from this manifest).
    @Test func aGeneratedPackageBuildsAgainstTheRuntimeAlone() async throws {
        let built = try await CorpusPackage.built.value
        #expect(built.runtimeOnly.status == 0, "\(built.runtimeOnly.output)")
        let manifest = try String(contentsOfFile: CorpusPackage.runtimeOnlyDirectory + "/Package.swift", encoding: .utf8)
        let identity = (Paths.repository as NSString).lastPathComponent.lowercased()
        #expect(manifest.contains("traits: [])"))
        #expect(manifest.contains(".product(name: \"Spec2SwiftRuntime\", package: \"\(identity)\")"))
        let sources = CorpusPackage.runtimeOnlyDirectory + "/Sources/"
        let problems = built.build.output.split(separator: "\n").filter {
            ($0.contains(": error:") || $0.contains(": warning:")) && $0.contains(sources)
        }
        #expect(built.build.status == 0 && problems.isEmpty, "\(problems)\n\(built.build.output.suffix(2000))")
        let checkouts = (try? FileManager.default.contentsOfDirectory(atPath: CorpusPackage.directory + "/.build/checkouts")) ?? []
        #expect(checkouts.isEmpty, "a runtime-only package resolved \(checkouts)")
    }

    /// Every golden and catalog case's expected Swift compiles without a warning, and what the golden
    /// cases' types do on the wire is right (Tests/Fixtures/GoldenWire/main.swift).
    @Test func goldenOutputCompilesAndIsRightOnTheWire() async throws {
        let built = try await CorpusPackage.built.value
        let mine = ["Golden", "GoldenWire", "RuntimeOnly"]
        #expect(built.build.status == 0 && built.problems(in: mine).isEmpty, Comment(rawValue: built.report(mine)))
        guard built.build.status == 0 else { return }
        let wire = try await onOwnThread { try Shell.run([CorpusPackage.directory + "/.build/debug/GoldenWire"]) }
        let lines = wire.output.split(separator: "\n")
        #expect(wire.status == 0 && !lines.isEmpty && lines.allSatisfy { $0.hasPrefix("ok ") }, "\(wire.output)")
    }
}
