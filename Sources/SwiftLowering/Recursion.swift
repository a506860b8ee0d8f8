import APIModel

/// Where a type contains itself directly (not through an array or a dictionary, which store their
/// elements out of line). Swift rejects such value types, so lowering breaks every such cycle:
/// unions on a cycle become `indirect` enums, and struct properties on a cycle are stored in an
/// `Indirect` box.
struct Recursion {
    /// Properties to store boxed, as (owner, JSON key).
    private(set) var boxedProperties: Set<PropertyKey> = []
    private(set) var indirectUnions: Set<TypeName> = []
    /// Aliases that refer to themselves through an array or a dictionary (`Tree = [String: Tree]`):
    /// a typealias cannot, so each becomes a struct holding the value.
    private(set) var wrappedAliases: Set<TypeName> = []
    /// Aliases that only refer to each other (`A = B`, `B = A`): they describe no value, and are any JSON.
    private(set) var emptyAliases: Set<TypeName> = []

    struct PropertyKey: Hashable {
        var owner: TypeName
        var property: String
    }

    init(declarations: [TypeName: TypeDeclaration]) {
        // Containment edges; unions are pointer-sized once indirect, so only edges between structs matter.
        var edges: [TypeName: [(target: TypeName, property: String?)]] = [:]
        for (name, declaration) in declarations {
            switch declaration.kind {
            case .object(let shape):
                edges[name] = shape.properties.compactMap { property in
                    Self.directTarget(property.type, declarations).map { ($0, property.name) }
                }
            case .tuple(let shape):
                edges[name] = shape.items.compactMap { item in
                    Self.directTarget(item.type, declarations).map { ($0, item.name) }
                }
            case .union(let shape):
                edges[name] = shape.members.compactMap { Self.directTarget($0.type, declarations).map { ($0, nil) } }
            case .alias(let type):
                edges[name] = Self.directTarget(type, declarations).map { [($0, nil)] } ?? []
            case .enumeration:
                break
            }
        }
        findAliasCycles(declarations)
        let components = Self.stronglyConnectedComponents(edges)
        for component in components {
            let members = Set(component)
            let isCycle = component.count > 1 || (edges[component[0]]?.contains { $0.target == component[0] } ?? false)
            guard isCycle else { continue }
            for name in component {
                switch declarations[name]?.kind {
                case .union?:
                    indirectUnions.insert(name)
                case .object?, .tuple?:
                    for edge in edges[name] ?? [] where members.contains(edge.target) {
                        // Through an indirect union the cycle is already broken.
                        if case .union? = declarations[edge.target]?.kind { continue }
                        if let property = edge.property { boxedProperties.insert(PropertyKey(owner: name, property: property)) }
                    }
                default:
                    break
                }
            }
        }
    }

    private mutating func findAliasCycles(_ declarations: [TypeName: TypeDeclaration]) {
        // Edges between aliases, whether or not they pass through an array or a dictionary.
        var edges: [TypeName: [(target: TypeName, property: String?)]] = [:]
        var throughContainer: Set<[TypeName]> = []
        for (name, declaration) in declarations {
            guard case .alias(let type) = declaration.kind else { continue }
            func walk(_ type: TypeRef, contained: Bool) {
                switch type {
                case .named(let target):
                    guard case .alias? = declarations[target]?.kind else { return }
                    edges[name, default: []].append((target, nil))
                    if contained { throughContainer.insert([name, target]) }
                case .nullable(let wrapped): walk(wrapped, contained: contained)
                case .array(let element), .map(let element): walk(element, contained: true)
                default: break
                }
            }
            walk(type, contained: false)
        }
        for component in Self.stronglyConnectedComponents(edges) {
            let members = Set(component)
            let cyclic = component.count > 1 || (edges[component[0]]?.contains { $0.target == component[0] } ?? false)
            guard cyclic else { continue }
            let contained = component.contains { name in
                (edges[name] ?? []).contains { members.contains($0.target) && throughContainer.contains([name, $0.target]) }
            }
            if contained { wrappedAliases.formUnion(members) } else { emptyAliases.formUnion(members) }
        }
    }

    func isBoxed(_ property: Property, in owner: TypeName) -> Bool {
        boxedProperties.contains(PropertyKey(owner: owner, property: property.name))
    }

    /// The declared type a value of `type` stores inline, following aliases; nil for arrays, maps and scalars.
    private static func directTarget(_ type: TypeRef, _ declarations: [TypeName: TypeDeclaration]) -> TypeName? {
        switch type {
        case .nullable(let wrapped): return directTarget(wrapped, declarations)
        case .named(let name):
            if case .enumeration? = declarations[name]?.kind { return nil }
            return name
        default: return nil
        }
    }

    /// Tarjan's algorithm, iterating names in sorted order so that the result is deterministic. It
    /// keeps its own stack of frames rather than recursing, so a chain of thousands of types that refer
    /// to the next cannot overflow the thread's stack.
    private static func stronglyConnectedComponents(_ edges: [TypeName: [(target: TypeName, property: String?)]]) -> [[TypeName]] {
        var index = 0
        var indices: [TypeName: Int] = [:]
        var lowLinks: [TypeName: Int] = [:]
        var stack: [TypeName] = []
        var onStack: Set<TypeName> = []
        var result: [[TypeName]] = []

        func connect(_ root: TypeName) {
            // Each frame: a node and how many of its edges have been followed.
            var frames: [(node: TypeName, next: Int)] = []
            func enter(_ node: TypeName) {
                indices[node] = index
                lowLinks[node] = index
                index += 1
                stack.append(node)
                onStack.insert(node)
                frames.append((node, 0))
            }
            enter(root)
            while let frame = frames.last {
                let nodeEdges = edges[frame.node] ?? []
                if frame.next < nodeEdges.count {
                    frames[frames.count - 1].next += 1
                    let target = nodeEdges[frame.next].target
                    if indices[target] == nil {
                        enter(target)
                    } else if onStack.contains(target) {
                        lowLinks[frame.node] = min(lowLinks[frame.node] ?? 0, indices[target] ?? 0)
                    }
                    continue
                }
                // Every edge followed: close the node, and pass its low link to the node that reached it.
                frames.removeLast()
                let node = frame.node
                if lowLinks[node] == indices[node] {
                    var component: [TypeName] = []
                    while let top = stack.popLast() {
                        onStack.remove(top)
                        component.append(top)
                        if top == node { break }
                    }
                    result.append(component.sorted())
                }
                if let parent = frames.last?.node {
                    lowLinks[parent] = min(lowLinks[parent] ?? 0, lowLinks[node] ?? 0)
                }
            }
        }

        for node in edges.keys.sorted() where indices[node] == nil {
            connect(node)
        }
        return result
    }
}
