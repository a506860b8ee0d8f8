import Parallelism
import SwiftLowering

/// A generated file: a path relative to the output directory, and its text.
public struct OutputFile: Hashable, Sendable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// The type the runtime of this generator's release declares (`Spec2SwiftRuntime/RuntimeVersion.swift`),
/// which every namespace names: compiling against an older runtime fails with the fix in the error.
public enum RuntimeMarker {
    public static let typeName = "RequiresSpec2SwiftRuntime_0_4_OrNewer_UpdateTheSpec2SwiftPackageDependency"
}

/// `SwiftAPI` -> Swift source files, one per type and one per operation group. It only prints:
/// every name, type and choice is in the description, and nothing here can fail.
///
/// Layout under the output directory, for a namespace `Gcore`:
/// - `Gcore/Gcore.swift`: the namespace, servers, authentication, ungrouped operations;
/// - `Gcore/Models/Gcore.<Type>.swift`: one top-level type with its nested types;
/// - `Gcore/Operations/Gcore.<Group>.swift`: the request builders of one group (tag).
///
/// File names carry the namespace because a Swift module needs unique file names, and several APIs
/// share the `Generated` module.
public enum SwiftEmitter {
    /// `sourceName` is how files name their input in their header (a path relative to the project).
    public static func emit(_ api: SwiftAPI, sourceName: String) -> [OutputFile] {
        let context = PrintContext(api: api, sourceName: sourceName)
        let namespace = api.namespace

        // The namespace, with the operations that belong to no group.
        var printer = CodePrinter()
        context.printNamespace(into: &printer)
        if !api.ungroupedOperations.isEmpty {
            printer.line()
            printer.topLevelBlock("extension \(namespace)") { body in
                context.printOperations(api.ungroupedOperations, into: &body)
            }
        }
        if let envelope = api.envelope {
            printer.line()
            context.printEnvelope(envelope, into: &printer)
        }
        if let longRunning = api.longRunning {
            context.printLongRunning(longRunning, into: &printer)
        }
        if let tasks = api.backgroundTasks {
            context.printBackgroundTasks(tasks, into: &printer)
        }
        var files = [context.file("\(namespace)/\(namespace).swift", printer, foundation: api.namespaceImportsFoundation,
                                  exportsRuntime: true)]

        // One file per type, then one per operation group; each is printed on all cores.
        files += api.types.parallelMap { declaration in
            var printer = CodePrinter()
            printer.topLevelBlock("extension \(namespace)") { body in
                context.printDeclaration(declaration, into: &body)
            }
            context.printNested(declaration, into: &printer)
            return context.file("\(namespace)/Models/\(FileNames.bounded("\(namespace).\(declaration.name)")).swift", printer,
                                foundation: declaration.importsFoundation)
        }
        files += api.groups.parallelMap { group in
            var printer = CodePrinter()
            printer.topLevelBlock("extension \(namespace)") { body in
                body.documentation(["Operations tagged `\(group.tag)`."])
                body.line("public enum \(group.name) {}")
            }
            printer.line()
            printer.topLevelBlock("extension \(namespace).\(group.name)") { body in
                context.printOperations(group.operations, into: &body)
            }
            return context.file("\(namespace)/Operations/\(FileNames.bounded("\(namespace).\(group.name)")).swift", printer,
                                foundation: group.importsFoundation)
        }
        return files
    }
}

/// File names that every file system takes: most allow 255 bytes, and the build adds suffixes to
/// each source's name (`.swift.o`, `.swiftdeps`), so a name is kept within `limit` bytes.
enum FileNames {
    static let limit = 120

    /// `stem` when it is short enough; otherwise its start and a hash of all of it (FNV-1a, 64 bits),
    /// so that two long names never share a file and a name always gets the same file.
    static func bounded(_ stem: String) -> String {
        guard stem.utf8.count > limit else { return stem }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stem.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digest = String(hash, radix: 16)
        let suffix = "-" + String(repeating: "0", count: 16 - digest.count) + digest
        var start = ""
        for character in stem {
            guard start.utf8.count + character.utf8.count + suffix.utf8.count <= limit else { break }
            start.append(character)
        }
        return start + suffix
    }
}

extension PrintContext {
    /// A file with the standard header and imports. The namespace's file re-exports the runtime, so
    /// that code using the client needs only `import <module>` for `APIClient`, `Timestamp` and the rest.
    func file(_ path: String, _ printer: CodePrinter, foundation: Bool, exportsRuntime: Bool = false) -> OutputFile {
        var text = "// Generated by spec2swift from \(sourceName). Do not edit.\n\n"
        if foundation { text += "import Foundation\n" }
        text += exportsRuntime ? "@_exported import Spec2SwiftRuntime\n\n" : "import Spec2SwiftRuntime\n\n"
        text += printer.text
        return OutputFile(path: path, contents: text)
    }

    func printDeclaration(_ declaration: SwiftDeclaration, into printer: inout CodePrinter) {
        switch declaration.kind {
        case .structure(let shape): printStruct(declaration, shape, into: &printer)
        case .enumeration(let shape): printEnum(declaration, shape, into: &printer)
        case .union(let shape): printUnion(declaration, shape, into: &printer)
        case .alias(let alias): printAlias(declaration, alias, into: &printer)
        }
    }

    /// Nested types as extensions of their parent, after it, depth first.
    func printNested(_ declaration: SwiftDeclaration, into printer: inout CodePrinter) {
        for nested in declaration.nested {
            printer.line()
            printer.topLevelBlock("extension \(declaration.qualifiedName)") { body in
                printDeclaration(nested, into: &body)
            }
            printNested(nested, into: &printer)
        }
    }
}
