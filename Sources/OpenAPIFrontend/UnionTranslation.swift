import APIModel
import FrontendSupport
import YAMLReader

/// `anyOf` / `oneOf` with two or more non-null members, and `type` lists with several types.
///
/// A union is *tagged* when one property tells the members apart: the `discriminator` keyword, or a
/// property that every member declares with a different `const` value. Tagged unions decode by the tag;
/// untagged ones try each member in turn.
extension SchemaTranslator {
    /// - Parameter mergedWith: for a union inside `allOf`, the schemas beside it, which every member
    ///   is merged with (see `mergedMember`).
    func unionShape(_ node: YAMLNode, _ members: [(node: YAMLNode, pointer: JSONPointer)], _ pointer: JSONPointer,
                    name: TypeName, depth: Int, mergedWith others: [(node: YAMLNode, pointer: JSONPointer)] = []) -> Shape {
        let tagging = discriminator(node, members, pointer) ?? constTag(members)
        var nested: [TypeDeclaration] = []
        var result: [UnionShape.Member] = []
        for (index, member) in members.enumerated() {
            let tags = tagging?.tags[index] ?? []
            let hint = tags.first ?? memberHint(member.node, member.pointer, index: index)
            let type = others.isEmpty
                ? typeRef(member.node, member.pointer, name: name.nested(hint), lift: &nested, depth: depth + 1)
                : mergedMember(member, with: others, name: name.nested(hint), nested: &nested, depth: depth + 1)
            if tagging == nil, result.contains(where: { $0.type == type }) {
                continue // The same type twice adds nothing to an untagged union.
            }
            result.append(UnionShape.Member(type: type, tags: tags, nameHint: hint))
        }
        if tagging == nil, nested.isEmpty, let scalar = Self.commonScalar(result.map(\.type)) {
            // `anyOf: [integer, number]` is a number; strings in several formats are strings.
            return .type(scalar)
        }
        return .declaration(.union(UnionShape(discriminator: tagging?.property, members: result)), nested: nested)
    }

    /// One scalar type that holds every member's values, when the members are all strings or all numbers.
    static func commonScalar(_ types: [TypeRef]) -> TypeRef? {
        guard let first = types.first else { return nil }
        if types.count == 1 { return first }
        if types.allSatisfy({ if case .string = $0 { return true } else { return false } }) {
            return types.allSatisfy { $0 == first } ? first : .string(.plain)
        }
        if types.allSatisfy({ if case .integer = $0 { return true } else { return $0 == .number } }) {
            return types.contains(.number) ? .number : first
        }
        return nil
    }

    /// A union of the plain types of a `type: [a, b]` list.
    func primitiveUnionShape(_ types: Set<String>, _ node: YAMLNode, _ pointer: JSONPointer, name: TypeName, depth: Int) -> Shape {
        var nested: [TypeDeclaration] = []
        var members: [UnionShape.Member] = []
        for type in ["boolean", "integer", "number", "string", "array", "object"] where types.contains(type) {
            let member: TypeRef
            switch type {
            case "array":
                member = node["items"].map {
                    .array(typeRef($0, pointer.appending("items"), name: name.nested("item"), lift: &nested, depth: depth + 1))
                } ?? .array(.json)
            case "object":
                member = .map(.json)
            default:
                member = scalarType(type, format: SchemaTranslator.format(of: node))
            }
            members.append(UnionShape.Member(type: member, nameHint: type))
        }
        return .declaration(.union(UnionShape(discriminator: nil, members: members)), nested: nested)
    }

    /// A name for an untagged member: the component it references, its title, or its JSON type.
    private func memberHint(_ node: YAMLNode, _ pointer: JSONPointer, index: Int) -> String {
        if let text = node["$ref"]?.scalar?.text, let last = referenceName(text, node, pointer) {
            return last
        }
        if let title = node["title"]?.scalar?.text, !title.isEmpty {
            return title
        }
        if let type = node["type"]?.scalar?.text {
            return type
        }
        if node["properties"] != nil { return "object" }
        return "option\(index + 1)"
    }

    // MARK: - Tags

    struct Tagging: Equatable {
        var property: String
        /// For each member, the tag values that select it.
        var tags: [[String]]
    }

    /// Tags from the `discriminator` keyword: its `mapping`, else each member's `const`, else the
    /// referenced schema's name (OpenAPI's implicit mapping).
    private func discriminator(_ node: YAMLNode, _ members: [(node: YAMLNode, pointer: JSONPointer)], _ pointer: JSONPointer) -> Tagging? {
        guard let discriminator = node["discriminator"] else { return nil }
        let discriminatorPointer = pointer.appending("discriminator")
        guard let property = context.string(discriminator["propertyName"], discriminatorPointer.appending("propertyName"),
                                            what: "'propertyName'") else {
            context.error("a discriminator needs a 'propertyName'", discriminator, discriminatorPointer)
            return nil
        }
        var mapping: [(tag: String, target: String)] = []
        var mappingNodes: [YAMLNode] = []
        if let mappingNode = discriminator["mapping"] {
            for (tag, _, value) in context.entries(mappingNode, discriminatorPointer.appending("mapping"), what: "'mapping'", nullIsEmpty: true) {
                if let target = context.string(value, discriminatorPointer.appending("mapping").appending(tag), what: "a mapping target") {
                    mapping.append((tag, target))
                    mappingNodes.append(value)
                }
            }
        }
        // Mapping targets that are references (not bare schema names, which may hold dots: `models.Pet`), by
        // what they point to.
        let mappingTargets = mapping.map { entry -> JSONPointer? in
            let isFile = [".yaml", ".yml", ".json"].contains { entry.target.lowercased().hasSuffix($0) }
            guard entry.target.contains("/") || entry.target.contains("#") || isFile else { return nil }
            return context.target(of: entry.target, from: discriminatorPointer)?.pointer
        }
        var tags: [[String]] = []
        // The mapping entries that select a member.
        var matched: Set<Int> = []
        for (index, member) in members.enumerated() {
            var memberTags: [String] = []
            let reference = member.node["$ref"]?.scalar?.text
            if let reference {
                let componentName = referenceName(reference, member.node, member.pointer) ?? reference
                let target = context.target(of: reference, from: member.pointer)?.pointer
                let selecting = mapping.indices.filter { entryIndex in
                    let (entry, entryTarget) = (mapping[entryIndex], mappingTargets[entryIndex])
                    return entry.target == reference || entry.target == componentName || (entryTarget != nil && entryTarget == target)
                }
                matched.formUnion(selecting)
                memberTags = selecting.map { mapping[$0].tag }
            }
            if memberTags.isEmpty {
                // Values an earlier member already takes select that member.
                let taken = Set(tags.joined())
                let recursive = recursiveTarget(member.node, member.pointer).flatMap { context.components.byName[$0.name] }
                memberTags = tagValues(of: property, in: recursive?.node ?? member.node, recursive?.pointer ?? member.pointer)
                    .filter { !taken.contains($0) }
            }
            if memberTags.isEmpty, let reference {
                // OpenAPI: a schema the mapping does not name is selected by its own name.
                memberTags = [referenceName(reference, member.node, member.pointer) ?? reference]
            }
            if isBoolean(property, in: member.node, member.pointer) {
                // Python-generated specs map `True`/`False`; JSON says `true`/`false`.
                memberTags = memberTags.map { ["true", "false"].contains($0.lowercased()) ? $0.lowercased() : $0 }
            }
            if memberTags.isEmpty {
                context.error("no tag value of '\(property)' selects this member; add it to the discriminator's mapping "
                              + "or give the member a 'const' value for '\(property)'", member.node, member.pointer)
                memberTags = ["member\(index + 1)"]
            }
            tags.append(memberTags)
        }
        for (entryIndex, (entry, value)) in zip(mapping, mappingNodes).enumerated() where !matched.contains(entryIndex) {
            context.warning("the mapping's tag '\(entry.tag)' names '\(entry.target)', which is not one of this union's members; "
                            + "the tag is left out (list the schema among the members, or correct the name)",
                            value, discriminatorPointer.appending("mapping").appending(entry.tag))
        }
        return Tagging(property: property, tags: tags)
    }

    /// A property that every member declares with its own `const` value, if there is one.
    private func constTag(_ members: [(node: YAMLNode, pointer: JSONPointer)]) -> Tagging? {
        let objects = members.map { member -> (node: YAMLNode, pointer: JSONPointer) in
            componentTarget(member.node, member.pointer).map { ($0.node, $0.pointer) } ?? member
        }
        guard let first = objects.first, let candidates = first.node["properties"]?.mapping else { return nil }
        for candidate in candidates {
            guard let property = candidate.key.scalar?.text else { continue }
            let values = objects.map { constValue(of: property, in: $0.node, $0.pointer) }
            let present = values.compactMap { $0 }
            if present.count == objects.count, Set(present).count == present.count {
                return Tagging(property: property, tags: present.map { [$0] })
            }
        }
        return nil
    }

    /// The values a member's tag property may hold: its `const`, or every value of its `enum`, found in
    /// the member's own properties or in those of the schemas it merges with `allOf`, following `$ref`s.
    private func tagValues(of property: String, in schema: YAMLNode, _ pointer: JSONPointer, depth: Int = 0) -> [String] {
        guard depth < Self.maxDepth else { return [] }
        let (object, objectPointer) = componentTarget(schema, pointer).map { ($0.node, $0.pointer) } ?? (schema, pointer)
        let propertyPointer = objectPointer.appending("properties").appending(property)
        if var propertySchema = object["properties"]?[property] {
            if let target = componentTarget(propertySchema, propertyPointer) { propertySchema = target.node }
            if let constant = propertySchema["const"]?.scalar, constant.resolved != .null {
                return [constant.text]
            }
            let values = (propertySchema["enum"]?.sequence ?? []).compactMap { value -> String? in
                guard let scalar = value.scalar, scalar.resolved != .null else { return nil }
                return scalar.text
            }
            if !values.isEmpty { return values }
        }
        for (index, member) in (object["allOf"]?.sequence ?? []).enumerated() {
            let values = tagValues(of: property, in: member, objectPointer.appending("allOf").appending(index), depth: depth + 1)
            if !values.isEmpty { return values }
        }
        return []
    }

    /// Whether a member's tag property holds booleans.
    private func isBoolean(_ property: String, in schema: YAMLNode, _ pointer: JSONPointer) -> Bool {
        guard let propertySchema = resolvedProperty(property, in: schema, pointer) else { return false }
        return propertySchema["type"]?.scalar?.text == "boolean" || propertySchema["const"]?.scalar?.boolValue != nil
    }

    /// The `const` (or one-value `enum`) of a property of an object schema, following `$ref`s.
    private func constValue(of property: String, in schema: YAMLNode, _ pointer: JSONPointer) -> String? {
        guard let propertySchema = resolvedProperty(property, in: schema, pointer) else { return nil }
        if let constant = propertySchema["const"]?.scalar, constant.resolved != .null {
            return constant.text
        }
        if let values = propertySchema["enum"]?.sequence, values.count == 1, let scalar = values[0].scalar {
            return scalar.text
        }
        return nil
    }

    /// The schema of a property of an object schema, following `$ref`s to the object and from the property.
    private func resolvedProperty(_ property: String, in schema: YAMLNode, _ pointer: JSONPointer) -> YAMLNode? {
        let (object, objectPointer) = componentTarget(schema, pointer).map { ($0.node, $0.pointer) } ?? (schema, pointer)
        guard let propertySchema = object["properties"]?[property] else { return nil }
        return componentTarget(propertySchema, objectPointer.appending("properties").appending(property))?.node ?? propertySchema
    }

    /// The name a `$ref` gives what it points to: the component's (another file's schema included), or
    /// the last token of its pointer.
    func referenceName(_ reference: String, _ node: YAMLNode, _ pointer: JSONPointer) -> String? {
        if let component = componentTarget(node, pointer) { return component.name }
        return JSONPointer.tokens(of: reference)?.last
    }
}
