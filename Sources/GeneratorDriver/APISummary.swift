import APIChanges
import Foundation
import FrontendSupport
import SwiftEmitter

/// The one-line account of what a regeneration does to each API's Swift API, read from the manifest
/// the previous generation left in the output folder (see docs/APIChanges.md).
enum APISummary {
    /// For each API whose files the plan writes or removes, its namespace and what changes
    /// (`2 operations added, 1 property now optional (breaking), 14 doc changes`).
    static func lines(_ result: GenerationResult, plan: OutputDirectory.Plan, directory: String) -> [(namespace: String, change: String)] {
        let touched = plan.write.map(\.path) + plan.remove
        return result.manifests.compactMap { manifest in
            let relative = ManifestFile.path(namespace: manifest.namespace)
            guard let path = result.files.first(where: { $0.path == relative || $0.path.hasSuffix("/" + relative) })?.path else {
                return nil
            }
            let folder = PathText.parent(path) + "/"
            guard touched.contains(where: { $0.hasPrefix(folder) }) else { return nil }
            guard let data = FileManager.default.contents(atPath: directory + "/" + path) else {
                return (manifest.namespace, "no API manifest in '\(directory)' to compare with (first generation)")
            }
            do {
                let previous = try ManifestFile.read(String(decoding: data, as: UTF8.self))
                return (manifest.namespace, APIComparison.compare(previous, manifest).summary)
            } catch {
                return (manifest.namespace, "cannot compare with '\(directory)/\(path)': \(error)")
            }
        }
    }
}
