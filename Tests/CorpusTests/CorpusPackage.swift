import APIModel
import Foundation
@testable import GeneratorDriver
import OpenAPIFrontend
@testable import SwiftEmitter
import SwiftLowering
import TestSupport
import YAMLReader

/// One package that holds everything the corpus and practice tests build, so that the runtime is
/// built once and the package is planned once: the full Gcore Cloud API, the DNS and IAM APIs, the
/// Cloud API filtered to one tag, every golden case's expected output, an executable that round-trips
/// an example instance of every schema, and the practice documents (PracticeCorpusTests). Parts whose
/// documents are absent from `../shared` are left out.
///
/// It lives under `.build/spec2swift-tests/`, so a second local run builds incrementally. It depends
/// on this checkout with `traits: []`, so it resolves no package (the generator's dependencies are
/// not needed by generated code).
struct CorpusPackage {
    static let directory = Paths.repository + "/.build/spec2swift-tests/corpus"

    /// What generating a target produced and the one build of the package: CorpusTests and
    /// PracticeCorpusTests both wait for it, and each checks its own targets. Written and built once
    /// per run, on a thread of its own (a build takes minutes).
    struct Built: Sendable {
        var generated: [Generated]
        /// What `generate --package --runtime` printed and returned for the runtime-only package.
        var runtimeOnly: (status: Int32, output: [String])
        var build: Shell.Outcome

        /// Compiler errors and warnings in the files of `targets`, and those that are in no target of
        /// this package (the runtime's, the manifest's, the linker's), which concern every target.
        func problems(in targets: [String]) -> [String] {
            let sources = CorpusPackage.directory + "/Sources/"
            let folders = targets.map { sources + $0 + "/" }
            return build.output.split(separator: "\n").map(String.init).filter { line in
                (line.contains(": error:") || line.contains(": warning:"))
                    && (!line.contains(sources) || folders.contains { line.contains($0) })
            }
        }

        /// The problems of `targets` and the end of the build's output, for a failing expectation.
        func report(_ targets: [String]) -> String {
            problems(in: targets).prefix(40).joined(separator: "\n") + "\n" + String(build.output.suffix(2000))
        }
    }

    static let built = Task { () throws -> Built in
        let (generated, runtimeOnly) = try await onOwnThread { try (write(), writeRuntimeOnly()) }
        let build = try await onOwnThread { () throws -> Shell.Outcome in
            forgetBuildsWithOtherOptions()
            return try PackageBuilds.swift(["build", "--package-path", directory] + PackageBuilds.wholeModuleOptions)
        }
        return Built(generated: generated, runtimeOnly: runtimeOnly, build: build)
    }

    /// Removes the package's build folder when an earlier run built it with other options: SwiftPM
    /// rebuilds on changed flags, but a folder left by batch mode does not hold the object files that
    /// a whole-module build with threads links, so it could fail to link.
    static func forgetBuildsWithOtherOptions() {
        let stamp = directory + "/.build/spec2swift-test-options"
        let options = PackageBuilds.wholeModuleOptions.joined(separator: " ")
        if (try? String(contentsOfFile: stamp, encoding: .utf8)) != options {
            try? FileManager.default.removeItem(atPath: directory + "/.build")
            try? FileManager.default.createDirectory(atPath: directory + "/.build", withIntermediateDirectories: true)
            try? options.write(toFile: stamp, atomically: true, encoding: .utf8)
        }
    }

    /// A package written by `generate --package PetsClient --runtime PATH` from the plugin fixture's
    /// document. This package depends on it and builds it, so its runtime is the one built here
    /// (a package of its own built the runtime a second time).
    static let runtimeOnlyDirectory = Paths.repository + "/.build/spec2swift-tests/runtime-only"

    static func writeRuntimeOnly() -> (status: Int32, output: [String]) {
        var output: [String] = []
        let driver = Driver(printOut: { output.append($0) }, printError: { output.append($0) })
        let status = driver.generate(InputSpec(path: Paths.repository + "/Tests/Fixtures/PluginConsumer/Sources/PetsBuilt/pets.yaml",
                                               namespace: "Pets"),
                                     output: runtimeOnlyDirectory, package: "PetsClient", runtime: .path(Paths.repository))
        return (status, output)
    }

    static let hasCorpus = Paths.sharedFile("corpus/gcore/cloud_api.yaml") != nil
    static let hasPractice = Paths.sharedFile("corpus/practice/openai.yaml") != nil
        && Paths.sharedFile("corpus/practice/twilio_api_v2010.yaml") != nil

    struct Target: Sendable {
        var name: String
        var input: InputSpec
    }

    static let corpus = Paths.shared + "/corpus/gcore"

    /// The profile of the whole Cloud document: paging and task waiting (`gcore-cloud.profile.yaml`, beside this file).
    static let profilePath = Paths.repository + "/Tests/CorpusTests/gcore-cloud.profile.yaml"
    static var cloudProfile: APIProfile {
        InputLoader.readProfile(profilePath).0 ?? APIProfile()
    }
    /// The practice document spread over many files (a multi-file input), when `../shared` has it.
    static let practiceMultiFile = Paths.sharedFile("corpus/practice/redocly-starter/openapi/openapi.yaml")

    static var targets: [Target] {
        guard hasCorpus else { return [] }
        let practice = practiceMultiFile.map { Target(name: "RedoclyCafe", input: InputSpec(path: $0, namespace: "RedoclyCafe")) }
        return [
            Target(name: "GcoreCloud", input: InputSpec(path: corpus + "/cloud_api.yaml", namespace: "Gcore",
                                                         authPrefixes: ["APIKey": "APIKey "], profile: cloudProfile)),
            Target(name: "GcoreDNS", input: InputSpec(path: corpus + "/dns_api.yaml", namespace: "GcoreDNS")),
            Target(name: "GcoreIAM", input: InputSpec(path: corpus + "/iam_api.yaml", namespace: "GcoreIAM")),
            Target(name: "GcoreSecrets", input: InputSpec(path: corpus + "/cloud_api.yaml", namespace: "GcoreSecrets",
                                                           filter: OperationFilter(includeTags: ["Secrets"]))),
        ] + (practice.map { [$0] } ?? [])
    }

    /// What generating a target produced, for the tests to inspect.
    struct Generated: Sendable {
        var target: Target
        var api: APIDefinition
        var result: GenerationResult
    }

    /// The practice documents' targets (PracticeCorpusTests), when `../shared` has them.
    static var practiceTargets: [Target] {
        guard hasPractice else { return [] }
        return (PracticeCorpusTests.documents + PracticeCorpusTests.examples).map { Target(name: $0.target, input: $0.input) }
    }

    /// Writes the package and returns what was generated (the corpus targets first); throws on
    /// generation errors.
    static func write() throws -> [Generated] {
        var generated: [Generated] = []
        var files: [OutputFile] = []
        for target in targets + practiceTargets {
            let result = Generator.generate([target.input])
            guard !result.hasErrors else {
                throw Failure("\(target.name) does not generate:\n" + result.diagnostics.map(\.description).joined(separator: "\n"))
            }
            files += result.files.map { OutputFile(path: "Sources/\(target.name)/" + $0.path, contents: $0.contents) }
            generated.append(Generated(target: target, api: try model(target.input), result: result))
        }
        files += goldenFiles()
        var executables: [(name: String, dependency: String)] = [("GoldenWire", "Golden")]
        if let cloud = generated.first, hasCorpus {
            files.append(OutputFile(path: "Sources/RoundTrip/main.swift",
                                    contents: RoundTripProgram.source(api: cloud.api, module: cloud.target.name)))
            executables.append(("RoundTrip", cloud.target.name))
        }
        files.append(OutputFile(path: "Sources/RuntimeOnly/RuntimeOnly.swift",
                                contents: "// Uses the package that `generate --package --runtime` wrote.\nimport PetsClient\n"))
        files.append(OutputFile(path: "Sources/GoldenWire/main.swift",
                                contents: try String(contentsOfFile: Paths.repository + "/Tests/Fixtures/GoldenWire/main.swift",
                                                     encoding: .utf8)))
        files.append(OutputFile(path: "Package.swift",
                                contents: manifest(name: "Corpus", directory: directory,
                                                   libraries: generated.map(\.target.name) + ["Golden"], executables: executables)))
        try write(files, to: directory)
        return generated
    }

    /// Writes `files` into `directory`, rewriting only what differs (a second run then builds
    /// incrementally), and removes the Swift files under `Sources` that are not among them.
    static func write(_ files: [OutputFile], to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let wanted = Set(files.map(\.path))
        let existing = FileManager.default.enumerator(atPath: directory + "/Sources")?.allObjects as? [String] ?? []
        for relative in existing where relative.hasSuffix(".swift") && !wanted.contains("Sources/" + relative) {
            try FileManager.default.removeItem(atPath: directory + "/Sources/" + relative)
        }
        for file in files {
            let path = directory + "/" + file.path
            if FileManager.default.contents(atPath: path) != Data(file.contents.utf8) {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
            }
        }
    }

    /// The model of an input, with its filter applied (for counts and example instances).
    static func model(_ input: InputSpec) throws -> APIDefinition {
        let (api, diagnostics) = Generator.model(input)
        guard let api else { throw Failure("\(diagnostics)") }
        return api
    }

    /// Every golden and catalog case's expected Swift, as one target: that output must compile too.
    static func goldenFiles() -> [OutputFile] {
        var files: [OutputFile] = []
        for root in ["/Tests/Golden", "/Tests/Catalog"].map({ Paths.repository + $0 }) {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted() {
                files += GoldenFolder.swiftFiles(in: root + "/" + name + "/expected").map {
                    OutputFile(path: "Sources/Golden/" + $0.path, contents: $0.contents)
                }
            }
        }
        return files
    }

    /// A package of library targets on the runtime of this checkout, and optionally an executable.
    static func manifest(name: String, directory: String, libraries: [String],
                         executables: [(name: String, dependency: String)] = []) -> String {
        let runtime = PackageManifest.relativePath(from: directory, to: Paths.repository)
        let targets = libraries.map { name in
            "        .target(name: \"\(name)\", dependencies: [.product(name: \"Spec2SwiftRuntime\", package: \"spec2swift\")]),"
        } + executables.map { "        .executableTarget(name: \"\($0.name)\", dependencies: [\"\($0.dependency)\"])," }
            + ["        .target(name: \"RuntimeOnly\", dependencies: [.product(name: \"PetsClient\", package: \"runtime-only\")]),"]
        let runtimeOnly = PackageManifest.relativePath(from: directory, to: runtimeOnlyDirectory)
        return """
        // swift-tools-version:6.1
        // Written by spec2swift's CorpusTests.
        import PackageDescription

        let package = Package(
            name: "\(name)",
            platforms: [.macOS(.v13)],
            dependencies: [.package(name: "spec2swift", path: "\(runtime)", traits: []), .package(path: "\(runtimeOnly)")],
            targets: [
        \(targets.joined(separator: "\n"))
            ],
            swiftLanguageModes: [.v6]
        )

        """
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// The source of an executable that, for each schema, decodes its example instance with the
/// generated type and checks that it re-encodes to equal JSON.
enum RoundTripProgram {
    static func source(api: APIDefinition, module: String) -> String {
        var cases: [String] = []
        for declaration in Lowering.lower(api).0?.types ?? [] {
            let key = SwiftLiteral.string(declaration.modelName.last)
            cases.append("    case \(key): return try roundTrip(\(declaration.qualifiedName).self, data)")
        }
        return """
        // Written by spec2swift's CorpusTests: round-trips example instances through the generated types.
        import Foundation
        import \(module)

        func roundTrip<T: Codable>(_ type: T.Type, _ data: Data) throws -> Data {
            try JSONEncoder().encode(try JSONDecoder().decode(T.self, from: data))
        }

        func check(_ name: String, _ data: Data) throws -> Data? {
            switch name {
        \(cases.joined(separator: "\n"))
            default: return nil
            }
        }

        func same(_ a: Any, _ b: Any) -> Bool {
            switch (a, b) {
            case let (x as [String: Any], y as [String: Any]):
                return x.count == y.count && x.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
            case let (x as [Any], y as [Any]):
                return x.count == y.count && zip(x, y).allSatisfy(same)
            case let (x as String, y as String): return x == y
            case let (x as NSNumber, y as NSNumber):
                let bools = (String(cString: x.objCType) == "c", String(cString: y.objCType) == "c")
                return bools.0 == bools.1 && x.doubleValue == y.doubleValue
            case (is NSNull, is NSNull): return true
            default: return false
            }
        }

        // Input: a JSON object of schema name -> instance. Output: one line per schema, "ok NAME" or "fail NAME: reason".
        let input = try JSONSerialization.jsonObject(with: FileHandle.standardInput.readDataToEndOfFile()) as? [String: Any] ?? [:]
        for name in input.keys.sorted() {
            guard let value = input[name] else { continue }
            do {
                let data = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])
                guard let encoded = try check(name, data) else { print("fail \\(name): no generated type"); continue }
                let back = try JSONSerialization.jsonObject(with: encoded, options: [.fragmentsAllowed])
                print(same(value, back) ? "ok \\(name)" : "fail \\(name): re-encoded differently: \\(String(decoding: encoded, as: UTF8.self))")
            } catch {
                print("fail \\(name): \\(String(describing: error).replacingOccurrences(of: "\\n", with: " "))")
            }
        }

        """
    }
}
