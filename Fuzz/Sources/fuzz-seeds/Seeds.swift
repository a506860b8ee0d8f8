import Foundation
import FuzzSupport
import YAMLReader

/// Writes the seed corpora of a fuzz run: the golden and catalog inputs and specs/ as they are, and
/// small slices of the practice documents in ../shared (a few paths and schemas each), made at run
/// time so that no third-party text is committed.
///
///     fuzz-seeds REPOSITORY OUTPUT
@main
struct Seeds {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: fuzz-seeds REPOSITORY OUTPUT\n".utf8))
            exit(2)
        }
        let repository = arguments[1], output = arguments[2]
        var openAPI: [(String, Data)] = []
        var descriptors: [(String, Data)] = []
        for folder in ["Tests/Golden", "Tests/Catalog", "specs"] {
            for path in files(under: repository + "/" + folder, ending: [".yaml", ".yml"]) {
                guard let data = FileManager.default.contents(atPath: path), data.count < 1_000_000 else { continue }
                let name = path.replacingOccurrences(of: repository + "/", with: "").replacingOccurrences(of: "/", with: "_")
                if String(decoding: data.prefix(200), as: UTF8.self).contains("descriptor:") {
                    descriptors.append((name, data))
                } else {
                    openAPI.append((name, data))
                }
            }
        }
        let shared = URL(fileURLWithPath: repository).deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        var slices = 0
        for path in files(under: shared, ending: [".yaml", ".yml"]) where !path.contains("gcore-history") {
            guard let data = FileManager.default.contents(atPath: path),
                  let root = try? YAMLReader().read(Array(data)) else { continue }
            for (index, slice) in Slicer.slices(of: root, count: 12).enumerated() {
                let name = (path as NSString).lastPathComponent + "-slice\(index).yaml"
                openAPI.append((name, Data(YAMLWriter.text(slice).utf8)))
                slices += 1
            }
        }
        try write(openAPI, to: output + "/openapi")
        try write(descriptors, to: output + "/descriptor")
        try write(openAPI + descriptors, to: output + "/generate")
        try write(openAPI + descriptors, to: output + "/yaml")
        try write(runtimeSeeds(), to: output + "/runtime")
        print("seeds: \(openAPI.count) OpenAPI (\(slices) slices of ../shared), \(descriptors.count) descriptors")
    }

    static func files(under folder: String, ending suffixes: [String]) -> [String] {
        let relatives = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
        return relatives.filter { name in suffixes.contains { name.hasSuffix($0) } && !name.contains("/expected/") }
            .map { folder + "/" + $0 }
    }

    static func write(_ seeds: [(String, Data)], to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, data) in seeds {
            try data.write(to: URL(fileURLWithPath: folder + "/" + name))
        }
    }

    /// A first byte that picks the runtime fuzzer's decoder, then something for it to read.
    static func runtimeSeeds() -> [(String, Data)] {
        let samples: [(UInt8, String)] = [
            (0, "2023-03-23T20:00:00+00:00"), (0, "2023-09-21T18:56:32.624632Z"), (0, "0001-01-01T00:00:00.123456789-23:59"),
            (1, #"{"a":[1,2.5,"x",null,true,{"b":-9223372036854775808}]}"#), (1, "1e308"),
            (2, #"{"success":false,"errors":[{"code":1000,"message":"bad"}]}"#), (2, #"{"code":5,"message":"not found","details":[]}"#),
            (2, #"{"detail":[{"msg":"field required","loc":["body"]}]}"#),
            (3, #"{"success":true,"errors":[],"messages":[],"result":{"id":"x","name":"n","status":"active","created":"2023-03-23T20:00:00Z","modified":"2023-03-23T20:00:00Z","comment":"","store_id":"s"}}"#),
            (3, #"{"id":"op","done":true,"response":{"@type":"type.googleapis.com/yandex.cloud.lockbox.v1.Secret","id":"s"}}"#),
            (4, "a b/c?d#e%zz€"), (5, "x&y=z+w %2B€"),
        ]
        return samples.enumerated().map { index, sample in ("seed\(index)", Data([sample.0]) + Data(sample.1.utf8)) }
    }
}

/// Small, valid-looking pieces of a large OpenAPI document: its head, a few paths and a few schemas.
enum Slicer {
    static func slices(of root: YAMLNode, count: Int) -> [Tree] {
        guard let pairs = root.mapping else { return [] }
        var budget = 50_000
        let head = pairs.filter { ["openapi", "info", "servers"].contains($0.key.scalar?.text ?? "") }
            .map { Tree.Pair(key: Tree($0.key, budget: &budget), value: Tree($0.value, budget: &budget)) }
        let paths = root["paths"]?.mapping ?? []
        let schemas = root["components"]?["schemas"]?.mapping ?? []
        var result: [Tree] = []
        for index in 0..<count {
            var budget = 4_000
            func take(_ from: [YAMLPair], _ stride: Int) -> [Tree.Pair] {
                guard !from.isEmpty else { return [] }
                return (0..<3).map { from[(index * stride + $0 * 7) % from.count] }
                    .map { Tree.Pair(key: Tree($0.key, budget: &budget), value: Tree($0.value, budget: &budget)) }
            }
            let slice = Tree.mapping(head + [
                Tree.Pair(key: .text("paths"), value: .mapping(take(paths, 13))),
                Tree.Pair(key: .text("components"), value: .mapping([
                    Tree.Pair(key: .text("schemas"), value: .mapping(take(schemas, 29))),
                ])),
            ])
            result.append(slice)
        }
        return result
    }
}
