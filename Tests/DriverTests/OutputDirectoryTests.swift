import Foundation
@testable import GeneratorDriver
import SwiftEmitter
import Testing

@Suite struct OutputDirectoryTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "spec2swift-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes an input document into `directory` and returns its path.
    static func writeSpec(_ text: String, in directory: String, named name: String = "openapi.yaml") throws -> String {
        let path = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let oneSchemaSpec = "openapi: 3.1.0\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents: { schemas: { A: { type: string } } }\n"

    static func file(_ path: String, _ body: String) -> OutputFile {
        OutputFile(path: path, contents: OutputDirectory.header + " from x. Do not edit.\n" + body)
    }

    @Test func writesOnlyWhatChangedAndRemovesWhatIsNoLongerGenerated() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = OutputDirectory(path: directory)
        try output.apply(output.plan([Self.file("A/One.swift", "1"), Self.file("A/Two.swift", "2")]))
        try Data("// mine\n".utf8).write(to: URL(fileURLWithPath: directory + "/A/Mine.swift"))

        let plan = output.plan([Self.file("A/One.swift", "1"), Self.file("B/Three.swift", "3")])
        #expect(plan.unchanged == ["A/One.swift"])
        #expect(plan.write.map(\.path) == ["B/Three.swift"])
        #expect(plan.remove == ["A/Two.swift"], "files without the generated header are never removed")
        try output.apply(plan)
        #expect(FileManager.default.fileExists(atPath: directory + "/A/Mine.swift"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/A/Two.swift"))
        #expect(output.plan([Self.file("A/One.swift", "1"), Self.file("B/Three.swift", "3")]).isClean)
    }

    @Test func anErrorLeavesTheDirectoryAsItWas() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = try Self.writeSpec("openapi: 3.1.0\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents: { schemas: { A: { $ref: '#/nope' } } }\n",
                                      in: directory, named: "broken.yaml")
        let out = directory + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data((OutputDirectory.header + " keep me\n").utf8).write(to: URL(fileURLWithPath: out + "/Old.swift"))
        var errors: [String] = []
        let status = Driver(printOut: { _ in }, printError: { errors.append($0) })
            .generate(InputSpec(path: spec), output: out, package: nil)
        #expect(status == 1)
        #expect(errors.first?.hasPrefix(spec + ":4:") == true, "\(errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["Old.swift"])
    }

    /// The walk that finds stale files: nested folders, hidden files and links to files are listed;
    /// a link to a folder is not entered (the generator's files are never behind one).
    @Test func filesUnderAFolderAreEveryFileAtAnyDepth() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/A/Models/Deep", withIntermediateDirectories: true)
        for file in ["top.swift", ".hidden", "A/A.swift", "A/Models/One.swift", "A/Models/Deep/Two.swift"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/" + file))
        }
        try manager.createSymbolicLink(atPath: directory + "/A/linked.swift", withDestinationPath: directory + "/top.swift")
        try manager.createSymbolicLink(atPath: directory + "/A/folderLink", withDestinationPath: directory + "/A/Models")
        #expect(OutputDirectory.files(under: directory).sorted() == [
            ".hidden", "A/A.swift", "A/Models/Deep/Two.swift", "A/Models/One.swift", "A/linked.swift", "top.swift",
        ])
        #expect(OutputDirectory.files(under: directory + "/missing").isEmpty)
    }

    @Test func checkNamesEveryStaleFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let specs = directory + "/specs/demo"
        try FileManager.default.createDirectory(atPath: specs, withIntermediateDirectories: true)
        _ = try Self.writeSpec(Self.oneSchemaSpec, in: specs)
        var errors: [String] = []
        let driver = Driver(printOut: { _ in }, printError: { errors.append($0) })
        #expect(driver.regenerate(specs: directory + "/specs", output: directory + "/Generated", check: true) == 1)
        #expect(errors.contains { $0.contains("Demo/Models/Demo.A.swift (missing)") })
        #expect(errors.last?.contains("swift run spec2swift") == true)
        #expect(driver.regenerate(specs: directory + "/specs", output: directory + "/Generated", check: false) == 0)
        #expect(driver.regenerate(specs: directory + "/specs", output: directory + "/Generated", check: true) == 0)
    }

    @Test func aFolderWhereAFileGoesIsAnErrorAndLeavesNoStagedFiles() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/A/Two.swift/inside", withIntermediateDirectories: true)
        let output = OutputDirectory(path: directory)
        let plan = output.plan([Self.file("A/One.swift", "1"), Self.file("A/Two.swift", "2"), Self.file("A/Three.swift", "3")])
        #expect(throws: OutputDirectory.SyncError.self) { try output.apply(plan) }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory + "/A")
        #expect(!left.contains { $0.hasPrefix(".spec2swift-") }, "\(left)")
    }

    @Test func aMissingInputIsAClearError() {
        var errors: [String] = []
        let status = Driver(printOut: { _ in }, printError: { errors.append($0) })
            .generate(InputSpec(path: "/no/such/file.yaml"), output: "/tmp/unused", package: nil)
        #expect(status == 1)
        #expect(errors.first == "/no/such/file.yaml:1:1: error: cannot open '/no/such/file.yaml': it does not exist; check the path (#)")
    }

    @Test func aFolderGivenAsInputIsAClearError() throws {
        var errors: [String] = []
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let status = Driver(printOut: { _ in }, printError: { errors.append($0) })
            .generate(InputSpec(path: directory), output: directory + "/out", package: nil)
        #expect(status == 1)
        #expect(errors.first?.hasSuffix("it is a folder; give the OpenAPI document or descriptor inside it (#)") == true)
    }

    @Test func anOutputThatIsAFileIsAClearErrorAndTheFileIsKept() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = try Self.writeSpec(Self.oneSchemaSpec, in: directory)
        let file = directory + "/afile"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: file))
        var errors: [String] = []
        let driver = Driver(printOut: { _ in }, printError: { errors.append($0) })
        #expect(driver.generate(InputSpec(path: spec), output: file, package: nil) == 1)
        #expect(errors.last == "spec2swift: error: '\(file)' is a file, not a folder; give a folder to write into (it is created if missing)")
        #expect(FileManager.default.contents(atPath: file) == Data("keep me".utf8))

        // A file in the middle of the output path: the system's reason, not an error object's dump.
        errors = []
        #expect(driver.generate(InputSpec(path: spec), output: file + "/sub", package: nil) == 1)
        #expect(errors.last?.hasSuffix("Not a directory") == true, "\(errors)")
        #expect(errors.last?.contains("NSCocoaErrorDomain") == false)
    }
}

/// The release is written in three places: the manifests `--package` writes, the marker the namespace
/// file names, and the marker type the runtime declares (which the generated code compiling proves).
@Suite struct ReleaseTests {
    @Test func theManifestVersionAndTheRuntimeMarkerAgree() {
        let parts = Spec2SwiftRelease.version.split(separator: ".")
        #expect(parts.count == 3)
        let marker = "RequiresSpec2SwiftRuntime_\(parts[0])_\(parts[1])_OrNewer_UpdateTheSpec2SwiftPackageDependency"
        #expect(RuntimeMarker.typeName == marker)
    }
}
