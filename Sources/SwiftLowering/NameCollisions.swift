import APIModel

/// Types of the input whose Swift names collide, found before naming numbers them.
enum NameCollisions {
    /// A warning for each type the input names whose Swift name another one already takes: the
    /// namer then numbers it, and the number moves when types are added or removed.
    static func warnings(in api: APIDefinition) -> [Diagnostic] {
        // Type names are file names, so names that differ only in case collide too.
        var earlier: [String: [(name: String, swift: String)]] = [:]
        var found: [Diagnostic] = []
        for declaration in api.types where !declaration.synthesized {
            let name = declaration.name.last
            let swift = SwiftIdentifiers.typeName(name)
            let others = earlier[swift.lowercased(), default: []]
            earlier[swift.lowercased(), default: []].append((name, swift))
            guard let first = others.first else { continue }
            let other = others.first { $0.swift == swift } ?? first
            let clash = other.swift == swift
                ? "the types '\(other.name)' and '\(name)' both become '\(swift)' in Swift"
                : "the type '\(name)' becomes '\(swift)' in Swift, which differs only in case from '\(other.swift)'"
                    + (other.name == other.swift ? "" : " (from '\(other.name)')")
                    + ", and type names are file names, whose case some file systems ignore"
            found.append(.warning(clash + "; so one of them gets a number, which changes when types are added or removed: "
                                  + "rename one of them", at: declaration.origin.location, pointer: declaration.origin.pointer))
        }
        // In the input's order, whatever order the model keeps its types in.
        var log = DiagnosticLog()
        log.append(contentsOf: found)
        return log.sorted
    }
}
