import APIModel

/// Types: names of members, structured types, storage and coding of each property, boxing of
/// recursive properties, indirect unions, the order untagged unions try their members.
extension LoweringContext {
    func lowerDeclaration(_ named: NamedDeclaration) -> SwiftDeclaration {
        let declaration = named.declaration
        // Members may not take a nested type's name (`_2fa` can name both).
        let nestedNames = Set(named.nested.map(\.name))
        let kind: SwiftDeclaration.Kind
        switch declaration.kind {
        case .object(let shape):
            kind = .structure(lowerStruct(named, shape, nestedNames: nestedNames))
        case .enumeration(let shape):
            var members = Scope(reserved: ReservedNames.enumMembers.union(nestedNames))
            kind = .enumeration(SwiftEnum(rawType: shape.rawType == .string ? .string : .int, cases: shape.cases.map { value in
                SwiftEnum.Case(name: members.claim(SwiftIdentifiers.memberName(value.value)), value: value.value,
                               documentation: value.documentation, number: value.number)
            }))
        case .union(let shape):
            kind = .union(lowerUnion(declaration.name, shape, nestedNames: nestedNames))
        case .tuple(let shape):
            kind = .structure(lowerTuple(named, shape, nestedNames: nestedNames))
        case .alias(let type):
            if recursion.emptyAliases.contains(declaration.name) {
                kind = .alias(.typeAlias(.builtin(.json)))
            } else if recursion.wrappedAliases.contains(declaration.name) {
                kind = .alias(.wrapper(swiftType(type)))
            } else {
                kind = .alias(.typeAlias(swiftType(type)))
            }
        }
        return SwiftDeclaration(
            modelName: declaration.name, name: named.name, qualifiedName: named.qualifiedName, kind: kind,
            documentation: declaration.documentation, deprecated: declaration.deprecated, origin: declaration.origin,
            nested: named.nested.map(lowerDeclaration),
            importsFoundation: declaration.flattened.contains(where: usesFoundation), carriedBy: carriers(of: declaration.name))
    }

    private func lowerStruct(_ named: NamedDeclaration, _ shape: ObjectShape, nestedNames: Set<String>) -> SwiftStruct {
        let owner = named.declaration.name
        var members = Scope(reserved: ReservedNames.structMembers.union(nestedNames))
        if shape.additionalProperties != nil {
            // `CodingKeys.all` lists the declared keys of such types.
            members.reserve("additionalProperties")
            members.reserve("all")
        }
        let properties = shape.properties.map { property in
            lowerProperty(property, name: members.claim(SwiftIdentifiers.memberName(property.name)),
                          storage: storage(of: property, in: owner),
                          boxed: recursion.boxedProperties.contains(Recursion.PropertyKey(owner: owner, property: property.name)))
        }
        let oneOfs = named.oneOfs.map { group, typeName in
            let property = members.claim(SwiftIdentifiers.memberName(group.name))
            var cases = Scope()
            return SwiftOneOf(
                property: property, typeName: typeName, required: group.required, documentation: group.documentation,
                cases: group.fields.map { field in
                    SwiftOneOf.Case(name: cases.claim(SwiftIdentifiers.memberName(field.name)), key: field.name,
                                    type: swiftType(field.type.nonNull), documentation: field.documentation, origin: field.origin)
                }, origin: group.origin)
        }
        return SwiftStruct(properties: properties, oneOfs: oneOfs, additionalProperties: shape.additionalProperties.map(swiftType))
    }

    /// A tuple is a struct with a property per item, written as an array; the items that may follow are
    /// kept in `rest`.
    private func lowerTuple(_ named: NamedDeclaration, _ shape: TupleShape, nestedNames: Set<String>) -> SwiftStruct {
        let owner = named.declaration.name
        var members = Scope(reserved: ReservedNames.structMembers.union(nestedNames))
        let properties = shape.items.map { item in
            lowerProperty(item, name: members.claim(SwiftIdentifiers.memberName(item.name)),
                          storage: item.required ? (item.type.isNullable ? .requiredNullable : .required) : .optional,
                          boxed: recursion.boxedProperties.contains(Recursion.PropertyKey(owner: owner, property: item.name)))
        }
        let restName = shape.rest == nil ? "" : members.claim("rest")
        return SwiftStruct(properties: properties, oneOfs: [], additionalProperties: nil,
                           layout: .array(rest: shape.rest.map(swiftType), restName: restName))
    }

    /// How a property of `owner` is stored: a `const` is computed; a required key is stored as it is
    /// (optional when nullable), unless it is write-only and answers carry the type (they leave it out);
    /// an optional nullable key of a type that requests carry keeps absent and `null` apart; any other
    /// optional key is nil when absent or `null`.
    func storage(of property: Property, in owner: TypeName) -> SwiftProperty.Storage {
        let required = property.required && !(property.writeOnly && answerTypes.contains(owner))
        if let constant = property.constValue { return .constant(constant, required: required) }
        if required { return property.type.isNullable ? .requiredNullable : .required }
        if property.type.isNullable && inputTypes.contains(owner) { return .threeState }
        return .optional
    }

    func lowerProperty(_ property: Property, name: String, storage: SwiftProperty.Storage, boxed: Bool) -> SwiftProperty {
        SwiftProperty(name: name, key: property.name, storage: storage, valueType: swiftType(property.type.nonNull), boxed: boxed,
                      documentation: property.documentation, deprecated: property.deprecated, readOnly: property.readOnly,
                      writeOnly: property.writeOnly, defaultValue: property.defaultValue, origin: property.origin)
    }

    private func lowerUnion(_ name: TypeName, _ shape: UnionShape, nestedNames: Set<String>) -> SwiftUnion {
        var scope = Scope(reserved: ReservedNames.enumMembers.union(nestedNames))
        let members = shape.members.map { member in
            var writtenTag: String?
            if let discriminator = shape.discriminator, !declaresProperty(discriminator, member.type) {
                writtenTag = member.tags.first
            }
            return (model: member, lowered: SwiftUnion.Member(name: scope.claim(SwiftIdentifiers.memberName(member.nameHint)),
                                                              type: swiftType(member.type), tags: member.tags,
                                                              writtenTag: writtenTag))
        }
        let selection: SwiftUnion.Selection = shape.discriminator.map { .tagged(discriminator: $0) }
            ?? .untagged(attemptOrder: attemptOrder(members).map(\.lowered))
        return SwiftUnion(indirect: recursion.indirectUnions.contains(name), selection: selection, members: members.map(\.lowered))
    }

    /// Whether the member type is an object that declares `property` (and so encodes its own tag).
    private func declaresProperty(_ property: String, _ type: TypeRef) -> Bool {
        guard case .named(let name) = type, case .object(let shape)? = declarations[name]?.kind else { return false }
        return shape.properties.contains { $0.name == property }
    }

    /// Untagged members in the order to try them: the narrowest scalars first, objects with more
    /// required properties before those with fewer (an object ignores keys it does not know, so a
    /// looser member would match a stricter member's value) and then with more properties, any-JSON last.
    private func attemptOrder<Member>(_ members: [(model: UnionShape.Member, lowered: Member)]) -> [(model: UnionShape.Member, lowered: Member)] {
        func rank(_ type: TypeRef) -> (Int, Int) {
            switch type {
            case .boolean: return (0, 0)
            case .integer: return (1, 0)
            case .number: return (2, 0)
            case .string(.plain), .string(.other): return (4, 0)
            case .string: return (3, 0)
            case .named(let name):
                if case .object(let shape)? = declarations[name]?.kind {
                    // More required properties first; then more properties, so that a member which is a
                    // superset of another keeps all of a value's keys.
                    return (5, -(shape.properties.filter { $0.required }.count * 10_000 + shape.properties.count))
                }
                return (5, 0)
            case .json: return (9, 0)
            default: return (6, 0)
            }
        }
        return members.enumerated().sorted { a, b in
            let (left, right) = (rank(a.element.model.type), rank(b.element.model.type))
            return left != right ? left < right : a.offset < b.offset
        }.map(\.element)
    }
}
