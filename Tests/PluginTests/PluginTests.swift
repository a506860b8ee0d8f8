import Foundation
import GeneratorDriver
import TestSupport
import Testing

/// The SwiftPM plugins, used as a user would: a package of its own (Tests/Fixtures/PluginConsumer)
/// that depends on this checkout by path, built with `swift build` and driven with `swift package`.
/// The package is copied to `.build/spec2swift-tests/plugin-consumer`, where later runs build incrementally.
@Suite(.serialized) struct PluginTests {
    static let fixture = Paths.repository + "/Tests/Fixtures/PluginConsumer"
    static let consumer = Paths.repository + "/.build/spec2swift-tests/plugin-consumer"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A fresh copy of the fixture's sources and manifest (the build folder is kept).
    static func prepare() throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: consumer, withIntermediateDirectories: true)
        for item in ["Sources", "Package.swift"] where manager.fileExists(atPath: consumer + "/" + item) {
            try manager.removeItem(atPath: consumer + "/" + item)
        }
        try manager.copyItem(atPath: fixture + "/Sources", toPath: consumer + "/Sources")
        let identity = (Paths.repository as NSString).lastPathComponent.lowercased()
        let manifest = try String(contentsOfFile: fixture + "/Package.swift", encoding: .utf8)
            .replacingOccurrences(of: "@SPEC2SWIFT_PATH@", with: Paths.repository)
            .replacingOccurrences(of: "@SPEC2SWIFT_ID@", with: identity)
        try manifest.write(toFile: consumer + "/Package.swift", atomically: true, encoding: .utf8)
    }

    /// A `swift` command in the consumer, on a thread of its own: a build takes minutes, and holding a
    /// thread of the cooperative pool that long starves the timed end-to-end tests.
    static func swift(_ command: String, _ arguments: String...) async throws -> Shell.Outcome {
        try await onOwnThread { try PackageBuilds.swift([command] + PackageBuilds.testBuildOptions + arguments, in: consumer) }
    }

    static func edit(_ relative: String, _ change: (String) -> String) throws {
        let path = consumer + "/" + relative
        try change(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// `warning:` lines that come from the consumer's own files or generated code, not from SwiftPM's
    /// notes about other packages.
    static func warnings(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.contains("warning:") && $0.contains(consumer) }
    }

    @Test func theBuildToolPluginGeneratesOnceAndAgainOnlyWhenTheDocumentChanges() async throws {
        try Self.prepare()
        let first = try await Self.swift("build")
        #expect(first.status == 0, "\(first.output)")
        #expect(Self.warnings(first.output).isEmpty, "\(Self.warnings(first.output))")
        let run = try await Self.swift("run", "App")
        #expect(run.output.contains("built: GET https://pets.example.com/v1/pets/rex"), "\(run.output)")
        #expect(run.output.contains("model: Rex"), "\(run.output)")

        let second = try await Self.swift("build")
        #expect(second.status == 0, "\(second.output)")
        #expect(!second.output.contains("generating PetsBuilt"), "the generator ran again with nothing changed:\n\(second.output)")

        try Self.edit("Sources/PetsBuilt/pets.yaml") { $0.replacingOccurrences(of: "/pets/{petId}", with: "/animals/{petId}") }
        let third = try await Self.swift("build")
        #expect(third.status == 0, "\(third.output)")
        #expect(third.output.contains("generating PetsBuilt"), "the document changed but the generator did not run:\n\(third.output)")
        let changed = try await Self.swift("run", "App")
        #expect(changed.output.contains("built: GET https://pets.example.com/v1/animals/rex"), "\(changed.output)")
    }

    /// A document whose schema is in a file outside the target's folder (which the option allows): the
    /// plugin watches that file too, and a change to it runs the generator again.
    @Test func theBuildToolPluginRunsAgainWhenAReferencedFileOutsideTheFolderChanges() async throws {
        try Self.prepare()
        let common = Self.consumer + "/common"
        try FileManager.default.createDirectory(atPath: common, withIntermediateDirectories: true)
        let pet = "type: object\nrequired: [id, name]\nproperties:\n  id: {type: string}\n  name: {type: string}\n"
        try pet.write(toFile: common + "/pet.yaml", atomically: true, encoding: .utf8)
        try Self.edit("Sources/PetsBuilt/pets.yaml") { text in
            guard let components = text.range(of: "components:") else { return text }
            return String(text[..<components.lowerBound]) + "components:\n  schemas:\n    Pet: {$ref: '../../common/pet.yaml'}\n"
        }
        try Self.edit("Sources/PetsBuilt/spec2swift.yaml") { $0 + "allow-refs-outside-folder: true\n" }
        let first = try await Self.swift("build")
        #expect(first.status == 0, "\(first.output)")
        let run = try await Self.swift("run", "App")
        #expect(run.output.contains("model: Rex"), "\(run.output)")

        try (pet + "  tag: {type: string}\n").write(toFile: common + "/pet.yaml", atomically: true, encoding: .utf8)
        let second = try await Self.swift("build")
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("generating PetsBuilt"), "a referenced file changed but the generator did not run:\n\(second.output)")
    }

    @Test func theCommandPluginRegeneratesCommittedSourcesAndCheckFindsStaleFiles() async throws {
        try Self.prepare()
        let generated = "Sources/PetsCommitted/PetsCommitted/Models/PetsCommitted.Pet.swift"
        let generate = try await Self.swift("package", "--allow-writing-to-package-directory", "spec2swift", "generate", "--target", "PetsCommitted")
        #expect(generate.status == 0, "\(generate.output)")
        #expect(FileManager.default.fileExists(atPath: Self.consumer + "/" + generated), "\(generate.output)")
        let handWritten = try String(contentsOfFile: Self.consumer + "/Sources/PetsCommitted/ClientInfo.swift", encoding: .utf8)
        #expect(handWritten.hasPrefix("// Written by hand"))

        let clean = try await Self.swift("package", "--allow-writing-to-package-directory", "spec2swift", "check", "--target", "PetsCommitted")
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("is up to date"), "\(clean.output)")

        try Self.edit(generated) { $0 + "// edited by hand\n" }
        let stale = try await Self.swift("package", "--allow-writing-to-package-directory", "spec2swift", "check", "--target", "PetsCommitted")
        #expect(stale.status != 0, "\(stale.output)")
        #expect(stale.output.contains("stale: \(Self.consumer)/\(generated) (differs)"), "\(stale.output)")

        let again = try await Self.swift("package", "--allow-writing-to-package-directory", "spec2swift")
        #expect(again.status == 0, "\(again.output)")
        #expect(again.output.contains("1 written"), "\(again.output)")
        #expect(again.output.contains("spec2swift: PetsCommitted API: no change to the Swift API"), "\(again.output)")
        let build = try await Self.swift("build")
        #expect(build.status == 0, "\(build.output)")

        // A new version of the document: the plugin says what it does to callers (and then it is put back).
        let document = "Sources/PetsCommitted/pets.yaml"
        try Self.edit(document) { $0.replacingOccurrences(of: "required: [id, name]", with: "required: [id]") }
        let changed = try await Self.swift("package", "--allow-writing-to-package-directory", "spec2swift")
        #expect(changed.output.contains("spec2swift: PetsCommitted API: 1 property now optional (breaking)"), "\(changed.output)")
        try Self.edit(document) { $0.replacingOccurrences(of: "required: [id]", with: "required: [id, name]") }
        let back = try await Self.swift("package", "--allow-writing-to-package-directory", "spec2swift")
        #expect(back.output.contains("spec2swift: PetsCommitted API: 1 property now required (breaking)"), "\(back.output)")
    }

    @Test(arguments: [
        ("input: pets.yaml\nnamespace: Pets\nnamspace: Typo\n", "spec2swift.yaml:3:1: error: unknown key 'namspace'"),
        ("input: missing.yaml\nnamespace: Pets\n", "missing.yaml"),
    ])
    func aBadOptionsFileIsALocatedErrorThroughBothPlugins(options: String, expected: String) async throws {
        try Self.prepare()
        // The build-tool plugin's target also has its own option, `files`.
        for (target, text) in [("PetsBuilt", options + "files: 4\n"), ("PetsCommitted", options)] {
            try text.write(toFile: Self.consumer + "/Sources/\(target)/spec2swift.yaml", atomically: true, encoding: .utf8)
        }
        let command = try await Self.swift("package", "--allow-writing-to-package-directory", "spec2swift", "--target", "PetsCommitted")
        #expect(command.status != 0)
        #expect(command.output.contains(expected), "\(command.output)")
        let build = try await Self.swift("build", "--target", "PetsBuilt")
        #expect(build.status != 0)
        #expect(build.output.contains(expected), "\(build.output)")
    }

    @Test func aBuildPluginTargetWithoutFilesIsToldToAddIt() async throws {
        try Self.prepare()
        try "input: pets.yaml\nnamespace: Pets\n".write(toFile: Self.consumer + "/Sources/PetsBuilt/spec2swift.yaml", atomically: true,
                                                      encoding: .utf8)
        let build = try await Self.swift("build", "--target", "PetsBuilt")
        #expect(build.status != 0)
        #expect(build.output.contains("spec2swift.yaml: error: add 'files: 8'"), "\(build.output)")
    }

    @Test func aReferenceOutsideTheDocumentsFolderIsALocatedError() async throws {
        try Self.prepare()
        try Self.edit("Sources/PetsBuilt/pets.yaml") {
            $0.replacingOccurrences(of: "schema: {$ref: '#/components/schemas/Pet'}", with: "schema: {$ref: '../../outside.yaml#/Pet'}")
        }
        let build = try await Self.swift("build", "--target", "PetsBuilt")
        #expect(build.status != 0)
        #expect(build.output.contains("pets.yaml:23:30: error: "), "\(build.output)")
    }

    @Test func manifestsNameTheRuntimeByURLAndVersionUnlessAPathIsGiven() {
        let published = PackageManifest.text(name: "Client", runtime: .url("https://example.com/org/spec2swift.git", version: "0.4.0"))
        #expect(published.contains(#".package(url: "https://example.com/org/spec2swift.git", from: "0.4.0", traits: [])"#))
        #expect(published.contains(#".product(name: "Spec2SwiftRuntime", package: "spec2swift")"#))
        #expect(published.contains(".iOS(.v16)") && published.contains(".visionOS(.v1)"))
        let local = PackageManifest.text(name: "Client", runtime: .path("../checkouts/My-Fork"))
        #expect(local.contains(#".package(path: "../checkouts/My-Fork", traits: [])"#))
        #expect(local.contains(#"package: "my-fork")"#))
    }
}
