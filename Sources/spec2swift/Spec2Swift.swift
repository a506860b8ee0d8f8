import APIChanges
import APIModel
import ArgumentParser
import Foundation
import GeneratorDriver

@main
struct Spec2Swift: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec2swift",
        abstract: "Generates Swift Codable models and request builders from OpenAPI documents and API descriptors.",
        subcommands: [Regenerate.self, Generate.self, Check.self, Target.self, Changes.self],
        defaultSubcommand: Regenerate.self
    )
}

/// Options shared by the commands that work on the project's folders.
struct ProjectOptions: ParsableArguments {
    @Option(help: "The folder with one subfolder per API.")
    var specs = "specs"

    @Option(help: "The folder that holds the generated code.")
    var output = "Generated"
}

struct Regenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate the output folder from every API under specs/ (the default command).")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let status = Driver().regenerate(specs: project.specs, output: project.output, check: false)
        if status != 0 { throw ExitCode(status) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exit non-zero, naming each stale file, when the output folder does not match specs/.")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        let status = Driver().regenerate(specs: project.specs, output: project.output, check: true)
        if status != 0 { throw ExitCode(status) }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate one OpenAPI document or descriptor into a folder.")

    @Argument(help: "An OpenAPI 3.0/3.1 YAML document or a spec2swift descriptor.")
    var input: String

    @Option(help: "The folder to write into (created if missing).")
    var output: String

    @Option(help: "Also write a Package.swift for a library of this name, so that the folder builds on its own.")
    var package: String?

    @OptionGroup var options: InputOptions

    @Option(help: "A spec2swift checkout whose runtime a --package depends on by path (instead of by URL).")
    var runtime: String?

    @Option(name: .customLong("runtime-url"), help: "The package URL a --package manifest gets the runtime from.")
    var runtimeURL = Spec2SwiftRelease.repository

    @Option(name: .customLong("runtime-version"), help: "The runtime version a --package manifest asks for (from it up to the next major).")
    var runtimeVersion = Spec2SwiftRelease.version

    func validate() throws {
        if let package, !package.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) || package.first?.isLetter != true {
            throw ValidationError("--package must be a Swift module name (letters, digits, underscores)")
        }
    }

    func run() throws {
        let spec = try options.spec(path: input)
        let dependency = runtime.map(RuntimeDependency.path) ?? .url(runtimeURL, version: runtimeVersion)
        let status = Driver().generate(spec, output: output, package: package, runtime: dependency)
        if status != 0 { throw ExitCode(status) }
    }
}

/// What the SwiftPM plugins run: one target's `spec2swift.yaml` into a folder.
struct Target: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the input a target's spec2swift.yaml names (what the SwiftPM plugins run).")

    @Option(help: "The options file (spec2swift.yaml); its 'input' is relative to its folder.")
    var config: String

    @Option(help: "The folder to write into: the target's folder, or the build plugin's work folder.")
    var output: String

    @Flag(help: "Write nothing; exit non-zero, naming each stale file, when the folder is out of date.")
    var check = false

    @Option(help: "Write exactly this many files (Spec2Swift_0.swift ...), as a build-tool plugin needs.")
    var files: Int?

    func validate() throws {
        if let files, !(1...1024).contains(files) {
            throw ValidationError("--files takes a number from 1 to 1024")
        }
    }

    func run() throws {
        let status = Driver().generate(config: config, output: output, check: check, files: files)
        if status != 0 { throw ExitCode(status) }
    }
}

/// How an input is read, beyond the file: the options a `spec2swift.yaml` would give.
struct InputOptions: ParsableArguments {
    @Option(help: "The Swift namespace for an OpenAPI document (default: from the file name).")
    var namespace: String?

    @Option(name: .customLong("include-tag"), help: "Generate only operations with this tag (repeatable).")
    var includeTags: [String] = []

    @Option(name: .customLong("exclude-tag"), help: "Leave out operations with this tag (repeatable).")
    var excludeTags: [String] = []

    @Option(name: .customLong("include-operation"), help: "Generate only this operation id (repeatable).")
    var includeOperations: [String] = []

    @Option(name: .customLong("exclude-operation"), help: "Leave out this operation id (repeatable).")
    var excludeOperations: [String] = []

    @Option(name: .customLong("auth-prefix"), help: "SCHEME=PREFIX: text before an apiKey scheme's credential (repeatable).")
    var authPrefixes: [String] = []

    @Option(help: "A profile file: renames, documentation and the other profile keys of docs/Descriptors.md.")
    var profile: String?

    @Flag(name: .customLong("allow-refs-outside-folder"),
          help: "Let the document's $refs name files outside its folder (they are refused otherwise).")
    var allowRefsOutsideFolder = false

    @Option(help: "The access level of the generated declarations: public (default), package or internal.")
    var access: AccessLevel?

    func validate() throws {
        for entry in authPrefixes where !entry.contains("=") {
            throw ValidationError("--auth-prefix takes SCHEME=PREFIX, as in --auth-prefix 'APIKey=APIKey '")
        }
    }

    /// No option is given.
    var isEmpty: Bool {
        namespace == nil && includeTags.isEmpty && excludeTags.isEmpty && includeOperations.isEmpty && excludeOperations.isEmpty
            && authPrefixes.isEmpty && profile == nil && !allowRefsOutsideFolder && access == nil
    }

    /// The input at `path` with these options; throws after printing the profile's errors.
    func spec(path: String) throws -> InputSpec {
        var prefixes: [String: String] = [:]
        for entry in authPrefixes {
            let parts = entry.split(separator: "=", maxSplits: 1)
            prefixes[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        var spec = InputSpec(
            path: path, namespace: namespace, authPrefixes: prefixes,
            filter: OperationFilter(includeTags: includeTags, excludeTags: excludeTags,
                                    includeOperations: includeOperations, excludeOperations: excludeOperations),
            allowRefsOutsideFolder: allowRefsOutsideFolder)
        spec.access = access ?? .public
        if let profile {
            let (read, diagnostics) = ProjectInputs.readProfile(profile)
            for diagnostic in diagnostics { FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8)) }
            guard let read else { throw ExitCode(1) }
            spec.profile = read
        }
        return spec
    }
}

extension ReportFormat: ExpressibleByArgument {}
extension AccessLevel: ExpressibleByArgument {}

/// `spec2swift changes OLD NEW`: the change to the generated Swift API between two versions of an input.
struct Changes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report what a new version of an input changes in the generated Swift API, for callers.",
        discussion: """
            OLD and NEW are two versions of one OpenAPI document or descriptor (read with the same options), \
            API folders, spec2swift.yaml files, or API manifests (<Namespace>.api-manifest.swift in an output folder). \
            Changes are grouped as source-breaking for callers or compatible; documentation-only changes are counted apart.
            """)

    @Argument(help: "The old version.")
    var old: String

    @Argument(help: "The new version.")
    var new: String

    @OptionGroup var options: InputOptions

    @Option(help: "A spec2swift.yaml whose options (not its input) apply to both versions.")
    var config: String?

    @Option(help: "text, markdown (for a pull-request comment) or json (for tools).")
    var format: ReportFormat = .text

    @Flag(help: "Exit with status \(Driver.breakingStatus) when a change breaks callers' source.")
    var failOnBreaking = false

    func validate() throws {
        if config != nil && !options.isEmpty {
            throw ValidationError("--config gives the inputs' options; leave out the other input options, or leave out --config")
        }
    }

    func run() throws {
        let status = Driver().changes(old: old, new: new, options: try options.spec(path: ""), config: config, format: format,
                                      failOnBreaking: failOnBreaking)
        if status != 0 { throw ExitCode(status) }
    }
}
