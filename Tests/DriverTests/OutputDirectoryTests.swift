import Foundation
import GeneratorDriver
import SwiftEmitter
import Testing

@Suite struct OutputDirectoryTests {
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "spec2swift-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

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
        let spec = directory + "/broken.yaml"
        try Data("openapi: 3.1.0\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents: { schemas: { A: { $ref: '#/nope' } } }\n".utf8)
            .write(to: URL(fileURLWithPath: spec))
        let out = directory + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data((OutputDirectory.header + " keep me\n").utf8).write(to: URL(fileURLWithPath: out + "/Old.swift"))
        var errors: [String] = []
        let status = Driver(printOut: { _ in }, printError: { errors.append($0) })
            .generate(InputSpec(path: spec), output: out, package: nil, runtimePath: nil)
        #expect(status == 1)
        #expect(errors.first?.hasPrefix(spec + ":4:") == true, "\(errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["Old.swift"])
    }

    @Test func checkNamesEveryStaleFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let specs = directory + "/specs/demo"
        try FileManager.default.createDirectory(atPath: specs, withIntermediateDirectories: true)
        try Data("openapi: 3.1.0\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents: { schemas: { A: { type: string } } }\n".utf8)
            .write(to: URL(fileURLWithPath: specs + "/openapi.yaml"))
        var errors: [String] = []
        let driver = Driver(printOut: { _ in }, printError: { errors.append($0) })
        #expect(driver.regenerate(specs: directory + "/specs", output: directory + "/Generated", check: true) == 1)
        #expect(errors.contains { $0.contains("Demo/Models/Demo.A.swift (missing)") })
        #expect(errors.last?.contains("swift run spec2swift") == true)
        #expect(driver.regenerate(specs: directory + "/specs", output: directory + "/Generated", check: false) == 0)
        #expect(driver.regenerate(specs: directory + "/specs", output: directory + "/Generated", check: true) == 0)
    }

    @Test func aMissingInputIsAClearError() {
        var errors: [String] = []
        let status = Driver(printOut: { _ in }, printError: { errors.append($0) })
            .generate(InputSpec(path: "/no/such/file.yaml"), output: "/tmp/unused", package: nil, runtimePath: nil)
        #expect(status == 1)
        #expect(errors.first == "error: cannot open '/no/such/file.yaml': it does not exist; check the path")
    }
}
