import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory spec2swift [generate|check] [--target T ...]`:
/// for each target whose folder holds a `spec2swift.yaml`, regenerates the committed sources in that
/// folder from the document it names (writing only files that changed), or, with `check`, fails and
/// names each stale file. Targets whose options have `files:` belong to the build-tool plugin and are
/// left alone.
@main
struct Spec2SwiftCommandPlugin: CommandPlugin {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let names = extractor.extractOption(named: "target")
        let rest = extractor.remainingArguments
        let verb = rest.first ?? "generate"
        guard rest.count <= 1, verb == "generate" || verb == "check" else {
            throw Failure(description: "usage: swift package spec2swift [generate|check] [--target NAME ...]; got \(rest)")
        }
        let targets = names.isEmpty ? context.package.targets : try context.package.targets(named: names)
        let tool = try context.tool(named: "spec2swift")
        var configured = 0
        var failed: [String] = []
        for case let target as SourceModuleTarget in targets {
            let config = target.directoryURL.appendingPathComponent("spec2swift.yaml")
            guard let options = try? String(contentsOf: config, encoding: .utf8) else { continue }
            if Self.isBuildPluginTarget(options) {
                if !names.isEmpty {
                    Diagnostics.warning("\(target.name): its spec2swift.yaml has 'files', so the build-tool plugin generates it; skipped")
                }
                continue
            }
            configured += 1
            let process = Process()
            process.executableURL = tool.url
            process.arguments = ["target", "--config", config.path, "--output", target.directoryURL.path] + (verb == "check" ? ["--check"] : [])
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { failed.append(target.name) }
        }
        if configured == 0 {
            throw Failure(description: "no target\(names.isEmpty ? "" : " among \(names.joined(separator: ", "))") holds a spec2swift.yaml; "
                          + "add one beside the target's sources (input: your-document.yaml)")
        }
        if !failed.isEmpty {
            throw Failure(description: "spec2swift \(verb) failed for \(failed.joined(separator: ", "))")
        }
    }

    /// Whether the options have a top-level `files:` line, the build-tool plugin's own option.
    static func isBuildPluginTarget(_ options: String) -> Bool {
        options.split(whereSeparator: \.isNewline).contains { line in
            guard let colon = line.firstIndex(of: ":"), line.first?.isWhitespace == false else { return false }
            return line[..<colon].trimmingCharacters(in: .whitespaces) == "files"
        }
    }
}
