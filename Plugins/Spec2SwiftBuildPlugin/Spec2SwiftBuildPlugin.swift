import Foundation
import PackagePlugin

/// Generates a target's client inside `swift build`, into the build folder (never into the sources),
/// from the `spec2swift.yaml` in the target's folder.
///
/// SwiftPM needs a build command's outputs named before it runs, so the client is spread over a fixed
/// number of files: `files: N` in `spec2swift.yaml`, which also marks the target as this plugin's (the
/// command plugin leaves it alone). The command runs again only when the options file, the document,
/// or another YAML or JSON file in the document's folder changes (or, with `allow-refs-outside-folder:
/// true`, a file outside the folder that a `$ref` names).
@main
struct Spec2SwiftBuildPlugin: BuildToolPlugin {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let config = target.directoryURL.appendingPathComponent("spec2swift.yaml")
        guard let text = try? String(contentsOf: config, encoding: .utf8) else {
            throw Failure(description: "\(config.path): error: the target \(target.name) uses the spec2swift build plugin, "
                          + "but its folder holds no spec2swift.yaml; add one (input: your-document.yaml)")
        }
        let options = Self.topLevelScalars(text)
        guard let files = options["files"] else {
            throw Failure(description: "\(config.path): error: add 'files: 8' (a number from 1 to 1024): the build-tool plugin "
                          + "spreads \(target.name)'s client over that many files, whose names SwiftPM needs before the build")
        }
        guard let count = Int(files), (1...1024).contains(count) else {
            throw Failure(description: "\(config.path): error: 'files' must be a number from 1 to 1024, not '\(files)'")
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
        var inputs = [config]
        guard let input = options["input"], !input.isEmpty else {
            throw Failure(description: "\(config.path): error: write 'input: <document>' on one line: the build-tool plugin "
                          + "reads it to know which files to watch")
        }
        let document = URL(fileURLWithPath: input, relativeTo: target.directoryURL).standardizedFileURL
        inputs.append(document)
        let folderFiles = Self.documents(under: document.deletingLastPathComponent(), except: document)
        inputs += folderFiles
        if ["true", "True", "TRUE"].contains(options["allow-refs-outside-folder"] ?? "") {
            inputs += Self.referencedOutside(document.deletingLastPathComponent(), from: [document] + folderFiles)
        }
        return [
            .buildCommand(
                displayName: "spec2swift: generating \(target.name)'s client",
                executable: try context.tool(named: "spec2swift").url,
                arguments: ["target", "--config", config.path, "--output", output.path, "--files", String(count)],
                inputFiles: inputs,
                outputFiles: (0..<count).map { output.appendingPathComponent("Spec2Swift_\($0).swift") }
            ),
        ]
    }

    /// `key: value` lines at the top level of the options file (the full file is read by the tool; the
    /// plugin needs only `input` and `files`, which must stand on one line each).
    static func topLevelScalars(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let first = line.first, first != " ", first != "\t", first != "#", let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            result[key] = value
        }
        return result
    }

    /// The YAML and JSON files under `folder` (documents that `$ref`s may name), at most 2,000.
    static func documents(under folder: URL, except document: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found: [URL] = []
        while let url = enumerator.nextObject() as? URL, found.count < 2000 {
            let name = url.lastPathComponent
            if name.hasPrefix(".") || name == ".build" { enumerator.skipDescendants(); continue }
            if ["yaml", "yml", "json"].contains(url.pathExtension.lowercased()), url.standardizedFileURL != document {
                found.append(url.standardizedFileURL)
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The files outside `folder` that `$ref`s in `files` name, and those that theirs name, found by
    /// looking for `$ref` in the text (the plugin cannot parse YAML; a file too many is only watched).
    static func referencedOutside(_ folder: URL, from files: [URL]) -> [URL] {
        var pending = files
        var seen = Set(files.map(\.path))
        var outside: [URL] = []
        let prefix = folder.standardizedFileURL.path + "/"
        while let file = pending.popLast(), seen.count < 4000 {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for reference in references(in: text) {
                let path = String(reference.prefix { $0 != "#" }).removingPercentEncoding ?? ""
                guard !path.isEmpty, !path.contains("://"), !path.hasPrefix("//") else { continue }
                let target = URL(fileURLWithPath: path, relativeTo: file.deletingLastPathComponent()).standardizedFileURL
                guard seen.insert(target.path).inserted else { continue }
                if !target.path.hasPrefix(prefix) { outside.append(target) }
                pending.append(target)
            }
        }
        return outside.sorted { $0.path < $1.path }
    }

    /// The values of `$ref` keys in YAML or JSON text: `$ref: a.yaml`, `"$ref": "a.yaml#/b"`.
    static func references(in text: String) -> [Substring] {
        var result: [Substring] = []
        var rest = text[...]
        while let found = rest.range(of: "$ref") {
            rest = rest[found.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
            guard rest.first == ":" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
            let value = rest.prefix { !"\"' ,}]\n\r\t".contains($0) }
            if !value.isEmpty { result.append(value) }
            rest = rest[value.endIndex...]
        }
        return result
    }
}
