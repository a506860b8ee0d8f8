extension TypeDeclaration {
    /// The types this declaration's own values refer to (not those of its nested declarations).
    public var references: [TypeRef] {
        switch kind {
        case .object(let shape):
            return shape.properties.map(\.type) + (shape.additionalProperties.map { [$0] } ?? [])
                + shape.oneOfs.flatMap { $0.fields.map(\.type) }
        case .enumeration:
            return []
        case .union(let shape):
            return shape.members.map(\.type)
        case .tuple(let shape):
            return shape.items.map(\.type) + (shape.rest.map { [$0] } ?? [])
        case .alias(let type):
            return [type]
        }
    }
}

extension APIDefinition {
    /// Every declaration, nested ones included, by name.
    public var declarationsByName: [TypeName: TypeDeclaration] {
        var result: [TypeName: TypeDeclaration] = [:]
        for declaration in types.flatMap(\.flattened) {
            result[declaration.name] = declaration
        }
        return result
    }

    /// The names of every declaration reachable from `roots`, following references transitively.
    public func reachableTypes(from roots: [TypeRef], in declarations: [TypeName: TypeDeclaration]? = nil) -> Set<TypeName> {
        let index = declarations ?? declarationsByName
        var reached: Set<TypeName> = []
        var pending = roots.flatMap(\.referencedNames)
        while let name = pending.popLast() {
            guard reached.insert(name).inserted, let declaration = index[name] else { continue }
            pending.append(contentsOf: declaration.references.flatMap(\.referencedNames))
        }
        return reached
    }

    /// Types that requests carry (bodies and JSON query values), for which leaving a property out and
    /// sending `null` must stay apart.
    public func inputTypes(in declarations: [TypeName: TypeDeclaration]? = nil) -> Set<TypeName> {
        var roots: [TypeRef] = []
        for operation in operations {
            roots += operation.requestBody?.types ?? []
            for parameter in operation.parameters where parameter.encoding == .json { roots.append(parameter.type) }
        }
        return reachableTypes(from: roots, in: declarations)
    }

    /// Every type an operation's parameters, body or response mention.
    public var operationRoots: [TypeRef] {
        operations.operationRoots
    }
}
