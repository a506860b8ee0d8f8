import APIModel
import Foundation
@testable import GeneratorDriver
import OpenAPIFrontend
@testable import SwiftEmitter
import SwiftLowering
import TestSupport
import YAMLReader

/// One package that holds everything the corpus tests build, so that the runtime is built once:
/// the full Gcore Cloud API, the DNS and IAM APIs, the Cloud API filtered to one tag, every golden
/// case's expected output, and an executable that round-trips an example instance of every schema.
///
/// It lives under `.build/spec2swift-tests/`, so a second local run builds incrementally.
struct CorpusPackage {
    static let directory = Paths.repository + "/.build/spec2swift-tests/corpus"

    struct Target {
        var name: String
        var input: InputSpec
    }

    static let corpus = Paths.shared + "/corpus/gcore"

    /// The profile of the whole Cloud document: paging and task waiting (`gcore-cloud.profile.yaml`, beside this file).
    static let profilePath = Paths.repository + "/Tests/CorpusTests/gcore-cloud.profile.yaml"
    static var cloudProfile: APIProfile {
        InputLoader.readProfile(profilePath).0 ?? APIProfile()
    }

    static var targets: [Target] {
        [
            Target(name: "GcoreCloud", input: InputSpec(path: corpus + "/cloud_api.yaml", namespace: "Gcore",
                                                         authPrefixes: ["APIKey": "APIKey "], profile: cloudProfile)),
            Target(name: "GcoreDNS", input: InputSpec(path: corpus + "/dns_api.yaml", namespace: "GcoreDNS")),
            Target(name: "GcoreIAM", input: InputSpec(path: corpus + "/iam_api.yaml", namespace: "GcoreIAM")),
            Target(name: "GcoreSecrets", input: InputSpec(path: corpus + "/cloud_api.yaml", namespace: "GcoreSecrets",
                                                           filter: OperationFilter(includeTags: ["Secrets"]))),
        ]
    }

    /// What generating a target produced, for the tests to inspect.
    struct Generated {
        var target: Target
        var api: APIDefinition
        var result: GenerationResult
    }

    /// Writes the package and returns what was generated; throws on generation errors.
    static func write() throws -> [Generated] {
        var generated: [Generated] = []
        var files: [OutputFile] = []
        for target in targets {
            let result = Generator.generate([target.input])
            guard !result.hasErrors else {
                throw Failure("\(target.name) does not generate:\n" + result.diagnostics.map(\.description).joined(separator: "\n"))
            }
            files += result.files.map { OutputFile(path: "Sources/\(target.name)/" + $0.path, contents: $0.contents) }
            generated.append(Generated(target: target, api: try model(target.input), result: result))
        }
        files += goldenFiles()
        let cloud = generated[0]
        files.append(OutputFile(path: "Sources/RoundTrip/main.swift",
                                contents: RoundTripProgram.source(api: cloud.api, module: cloud.target.name)))
        files.append(OutputFile(path: "Package.swift",
                                contents: manifest(name: "Corpus", directory: directory, libraries: targets.map(\.name) + ["Golden"],
                                                   executable: (name: "RoundTrip", dependency: "GcoreCloud"))))
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
        let root = try YAMLReader().read(Array(FileManager.default.contents(atPath: input.path) ?? Data()))
        let (api, diagnostics) = OpenAPIFrontend.translate(root, file: input.path,
                                                          options: OpenAPIOptions(namespace: input.namespace ?? "API"))
        guard let api else { throw Failure("\(diagnostics)") }
        return api.filtered(by: input.filter).0
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
    static func manifest(name: String, directory: String, libraries: [String], executable: (name: String, dependency: String)?) -> String {
        let runtime = PackageManifest.relativePath(from: directory, to: Paths.repository)
        let targets = libraries.map { name in
            "        .target(name: \"\(name)\", dependencies: [.product(name: \"Spec2SwiftRuntime\", package: \"spec2swift\")]),"
        } + (executable.map { ["        .executableTarget(name: \"\($0.name)\", dependencies: [\"\($0.dependency)\"]),"] } ?? [])
        return """
        // swift-tools-version:6.0
        // Written by spec2swift's CorpusTests.
        import PackageDescription

        let package = Package(
            name: "\(name)",
            platforms: [.macOS(.v13)],
            dependencies: [.package(name: "spec2swift", path: "\(runtime)")],
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
