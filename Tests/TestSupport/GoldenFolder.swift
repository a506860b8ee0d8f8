import Foundation

/// A golden folder: the Swift a case must generate under `expected/`, and what it must print in
/// `diagnostics.txt`. Compares bytes and describes each difference with a unified diff; with
/// `SPEC2SWIFT_RECORD=1` it records instead.
public enum GoldenFolder {
    /// One message per difference, none when everything matches. When recording, writes the folder
    /// and returns one message saying so, so that a recording run never passes.
    public static func differences(files: [(path: String, contents: String)], diagnostics: String,
                                   in folder: String) throws -> [String] {
        let expectedFolder = folder + "/expected"
        let manager = FileManager.default
        if Paths.recording {
            try? manager.removeItem(atPath: expectedFolder)
            for file in files {
                let path = expectedFolder + "/" + file.path
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path))
            }
            try Data(diagnostics.utf8).write(to: URL(fileURLWithPath: folder + "/diagnostics.txt"))
            return ["recorded \(files.count) files and diagnostics in \(folder); review the diff, then run without SPEC2SWIFT_RECORD"]
        }
        var problems: [String] = []
        let expectedDiagnostics = manager.contents(atPath: folder + "/diagnostics.txt").map { String(decoding: $0, as: UTF8.self) } ?? ""
        let diagnosticsDiff = TextDiff.unified(expected: expectedDiagnostics, actual: diagnostics, name: "diagnostics.txt")
        if !diagnosticsDiff.isEmpty { problems.append("diagnostics differ:\n\(diagnosticsDiff)") }
        let expected = swiftFiles(in: expectedFolder)
        let expectedContents = Dictionary(expected.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
        for file in files {
            guard let contents = expectedContents[file.path] else {
                problems.append("\(file.path) is generated but not expected (record with SPEC2SWIFT_RECORD=1 if intended)")
                continue
            }
            let diff = TextDiff.unified(expected: contents, actual: file.contents, name: file.path)
            if !diff.isEmpty { problems.append("\(file.path) differs:\n\(diff)") }
        }
        for missing in Set(expectedContents.keys).subtracting(files.map(\.path)).sorted() {
            problems.append("\(missing) is expected but no longer generated")
        }
        return problems
    }

    /// The `.swift` files below `folder` (none when it does not exist), with paths relative to it, sorted.
    public static func swiftFiles(in folder: String) -> [(path: String, contents: String)] {
        let relatives = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted()
        return relatives.compactMap { relative in
            FileManager.default.contents(atPath: folder + "/" + relative).map { (relative, String(decoding: $0, as: UTF8.self)) }
        }
    }
}
