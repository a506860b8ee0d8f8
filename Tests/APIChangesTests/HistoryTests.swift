import APIChanges
import Foundation
import GeneratorDriver
import SwiftEmitter
import Testing
import TestSupport

/// The report explains the diff: over consecutive versions of the Gcore Cloud API, every generated file
/// that changed holds a reported change or documentation change, and every reported change is in a
/// file that changed.
@Suite struct HistoryTests {
    static let folder = "corpus/gcore-history"

    /// The history documents in date order (their names sort by date).
    static var versions: [String] {
        guard let path = Paths.sharedFile(folder) else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { path + "/" + $0 }
    }

    @Test func everyChangedFileIsAccountedFor() async throws {
        let versions = Self.versions
        guard versions.count >= 2 else {
            print("HistoryTests: skipped, ../shared/\(Self.folder) is absent (it holds the Gcore Cloud API's published versions)")
            return
        }
        let outcomes = try await onOwnThread {
            var generated: [(files: [String: String], manifest: APIManifest?)] = []
            for version in versions {
                // One source name, so that headers do not differ between versions.
                let input = InputSpec(path: version, sourceName: "cloud_api.yaml", namespace: "Gcore", authPrefixes: ["APIKey": "APIKey "])
                let result = Generator.generate([input])
                generated.append((Dictionary(result.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first }),
                                  result.manifests.first))
            }
            return zip(versions, versions.dropFirst()).enumerated().map { index, pair in
                Self.account(old: generated[index], new: generated[index + 1], names: pair)
            }
        }
        for outcome in outcomes {
            #expect(outcome.problems.isEmpty, "\(outcome.pair): \(outcome.problems.joined(separator: "\n"))")
            print("HistoryTests: \(outcome.pair): \(outcome.changedFiles) files changed; \(outcome.summary)")
        }
    }

    struct Outcome: Sendable {
        var pair: String
        var changedFiles: Int
        var summary: String
        var problems: [String]
    }

    static func account(old: (files: [String: String], manifest: APIManifest?), new: (files: [String: String], manifest: APIManifest?),
                        names: (String, String)) -> Outcome {
        let pair = (names.0 as NSString).lastPathComponent + " -> " + (names.1 as NSString).lastPathComponent
        guard let before = old.manifest, let after = new.manifest else {
            return Outcome(pair: pair, changedFiles: 0, summary: "", problems: ["a version did not generate"])
        }
        let manifestPath = ManifestFile.path(namespace: after.namespace)
        let changed = Set(old.files.keys).union(new.files.keys).filter { $0 != manifestPath && old.files[$0] != new.files[$0] }
        let report = APIComparison.compare(before, after)
        var accounted: [String: [String]] = [:]
        for change in report.changes {
            accounted[file(change.container, namespace: after.namespace), default: []].append(change.headline)
        }
        for change in report.documentation {
            accounted[file(change.container, namespace: after.namespace), default: []].append("doc " + change.name)
        }
        var problems: [String] = []
        for path in changed.sorted() where accounted[path] == nil {
            problems.append("\(path) changed, and no reported change is in it")
        }
        for (path, changes) in accounted.sorted(by: { $0.key < $1.key }) where !changed.contains(path) {
            problems.append("\(path) did not change, but the report has \(changes.joined(separator: "; "))")
        }
        return Outcome(pair: pair, changedFiles: changed.count, summary: report.summary, problems: problems)
    }

    /// The file the emitter writes a container to (`SwiftEmitter`'s layout).
    static func file(_ container: APIChange.Container, namespace: String) -> String {
        switch container {
        case .namespace: return "\(namespace)/\(namespace).swift"
        case .type(let name): return "\(namespace)/Models/\(name).swift"
        case .group(let name): return "\(namespace)/Operations/\(name).swift"
        }
    }
}
