import APIModel
import FrontendSupport
import YAMLReader

/// `types:` entries: objects (`fields`, `one-of-fields`), enums (`enum`), unions (`one-of`) and
/// aliases (`alias`).
struct TypeTranslator {
    let reader: DescriptorReader

    static let keys = ["description", "fields", "one-of-fields", "enum", "one-of", "alias", "deprecated", "example"]

    func declaration(_ name: String, _ node: YAMLNode, _ pointer: JSONPointer) -> TypeDeclaration {
        let fields = reader.fields(node, pointer, what: "the type '\(name)'", allowed: Self.keys)
        let kinds = ["fields", "enum", "one-of", "alias"].filter { fields[$0] != nil }
        var kind = TypeDeclaration.Kind.object(ObjectShape(properties: []))
        if kinds.count > 1 {
            reader.error("the type '\(name)' has \(kinds.joined(separator: " and ")); give it only one of fields, enum, one-of, alias",
                         node, pointer)
        } else if kinds.isEmpty && fields["one-of-fields"] == nil && node.mapping != nil {
            reader.error("the type '\(name)' needs 'fields', 'enum', 'one-of' or 'alias'", node, pointer)
        }
        if let entry = fields["enum"] {
            kind = .enumeration(enumeration(entry, pointer.appending("enum")))
        } else if let entry = fields["one-of"] {
            kind = .union(union(entry, pointer.appending("one-of")))
        } else if let entry = fields["alias"] {
            kind = .alias(reader.type(entry, pointer.appending("alias"))?.type ?? .json)
        } else {
            let properties = fields["fields"].map { self.properties($0, pointer.appending("fields")) } ?? []
            let oneOfs = fields["one-of-fields"].map { self.oneOfs($0, pointer.appending("one-of-fields")) } ?? []
            kind = .object(ObjectShape(properties: properties, oneOfs: oneOfs))
        }
        return TypeDeclaration(
            name: TypeName(name), kind: kind, documentation: reader.documentation(fields, pointer),
            deprecated: reader.flag(fields["deprecated"], pointer.appending("deprecated"), what: "'deprecated'"),
            origin: reader.origin(node, pointer),
            examples: fields["example"].map { [$0.jsonValue] } ?? [])
    }

    static let fieldKeys = ["type", "description", "deprecated", "const", "read-only", "write-only", "default", "example"]

    /// `fields: { name: type }` or `fields: { name: { type: ..., description: ... } }`. A field is
    /// required unless its type ends in `?`.
    func properties(_ node: YAMLNode, _ pointer: JSONPointer) -> [Property] {
        reader.entries(node, pointer, what: "'fields'").compactMap { name, _, value in
            property(name, value, pointer.appending(name))
        }
    }

    func property(_ name: String, _ value: YAMLNode, _ pointer: JSONPointer) -> Property? {
        if value.scalar != nil {
            guard let (type, optional) = reader.type(value, pointer) else { return nil }
            return Property(name: name, type: type, required: !optional, origin: reader.origin(value, pointer))
        }
        let fields = reader.fields(value, pointer, what: "the field '\(name)'", allowed: Self.fieldKeys)
        guard let typeNode = fields["type"] else {
            reader.error("the field '\(name)' needs a 'type'", value, pointer)
            return nil
        }
        guard let (type, optional) = reader.type(typeNode, pointer.appending("type")) else { return nil }
        var constant = fields["const"]?.jsonValue
        if constant == .null { constant = nil }
        return Property(
            name: name, type: type, required: !optional, documentation: reader.documentation(fields, pointer),
            deprecated: reader.flag(fields["deprecated"], pointer.appending("deprecated"), what: "'deprecated'"),
            readOnly: reader.flag(fields["read-only"], pointer.appending("read-only"), what: "'read-only'"),
            writeOnly: reader.flag(fields["write-only"], pointer.appending("write-only"), what: "'write-only'"),
            defaultValue: fields["default"]?.jsonValue, constValue: constant,
            examples: fields["example"].map { [$0.jsonValue] } ?? [],
            origin: reader.origin(value, pointer))
    }

    /// `one-of-fields: { value: { required: true, description: ..., fields: { textValue: secret, binaryValue: secret-bytes } } }`
    private func oneOfs(_ node: YAMLNode, _ pointer: JSONPointer) -> [OneOfGroup] {
        reader.entries(node, pointer, what: "'one-of-fields'").compactMap { name, _, value in
            let groupPointer = pointer.appending(name)
            let fields = reader.fields(value, groupPointer, what: "the one-of group '\(name)'",
                                       allowed: ["required", "description", "fields"])
            guard let members = fields["fields"] else {
                reader.error("the one-of group '\(name)' needs 'fields'", value, groupPointer)
                return nil
            }
            let properties = self.properties(members, groupPointer.appending("fields")).map { property -> Property in
                var member = property
                member.required = false
                return member
            }
            if properties.count < 2 {
                reader.error("a one-of group needs at least two fields", value, groupPointer)
            }
            return OneOfGroup(name: name, required: reader.flag(fields["required"], groupPointer.appending("required"), what: "'required'"),
                              fields: properties, documentation: reader.documentation(fields, groupPointer),
                              origin: reader.origin(value, groupPointer))
        }
    }

    /// `enum: [A, B]` or `enum: { A: "what A means", B: "..." }`; values are strings.
    private func enumeration(_ node: YAMLNode, _ pointer: JSONPointer) -> EnumShape {
        var cases: [EnumShape.Case] = []
        if let items = node.sequence {
            for (index, item) in items.enumerated() {
                if let text = reader.string(item, pointer.appending(index), what: "an enum value") {
                    cases.append(EnumShape.Case(value: text))
                }
            }
        } else {
            for (value, _, detail) in reader.entries(node, pointer, what: "'enum'") {
                guard detail.mapping != nil else {
                    cases.append(EnumShape.Case(value: value, documentation: Documentation(details: detail.scalar?.text)))
                    continue
                }
                // `ACTIVE: { number: 2, description: ... }`: the number also decodes to this value.
                let valuePointer = pointer.appending(value)
                let fields = reader.fields(detail, valuePointer, what: "the enum value '\(value)'", allowed: ["number", "description"])
                var number: Int?
                if let numberNode = fields["number"] {
                    number = numberNode.scalar?.intValue.flatMap { Int32(exactly: $0) == nil ? nil : $0 }
                    if number == nil {
                        reader.error("'number' must be the value's protobuf enum number, a 32-bit integer, but it is "
                                     + "\(numberNode.scalar?.text ?? numberNode.kindDescription)", numberNode, valuePointer.appending("number"))
                    }
                }
                cases.append(EnumShape.Case(value: value, documentation: reader.documentation(fields, valuePointer), number: number))
            }
        }
        if cases.isEmpty { reader.error("an enum needs at least one value", node, pointer) }
        var seen: Set<String> = []
        for value in cases where !seen.insert(value.value).inserted {
            reader.error("the enum lists '\(value.value)' twice", node, pointer)
        }
        return EnumShape(rawType: .string, cases: cases)
    }

    /// `one-of: [A, string]` (untagged: tried in turn), or
    /// `one-of: { tag: "@type", members: { "tag value": Type } }` (the tag property selects the member).
    private func union(_ node: YAMLNode, _ pointer: JSONPointer) -> UnionShape {
        if let items = node.sequence {
            let members = items.enumerated().compactMap { index, item -> UnionShape.Member? in
                guard let (type, _) = reader.type(item, pointer.appending(index)) else { return nil }
                return UnionShape.Member(type: type, nameHint: item.scalar?.text ?? "option\(index + 1)")
            }
            return UnionShape(discriminator: nil, members: members)
        }
        let fields = reader.fields(node, pointer, what: "'one-of'", allowed: ["tag", "members"])
        let tag = reader.string(fields["tag"], pointer.appending("tag"), what: "'tag'")
        if tag == nil { reader.error("a tagged one-of needs a 'tag': the property whose value selects the member", node, pointer) }
        var members: [UnionShape.Member] = []
        let entries = fields["members"].map { reader.entries($0, pointer.appending("members"), what: "'members'") } ?? []
        for (value, _, typeNode) in entries {
            guard let (type, _) = reader.type(typeNode, pointer.appending("members").appending(value)) else { continue }
            // A type URL names its message last (`type.googleapis.com/yandex.cloud.lockbox.v1.Secret`).
            let hint = value.split(whereSeparator: { $0 == "/" || $0 == "." }).last.map(String.init) ?? value
            members.append(UnionShape.Member(type: type, tags: [value], nameHint: hint))
        }
        return UnionShape(discriminator: tag, members: members)
    }
}
