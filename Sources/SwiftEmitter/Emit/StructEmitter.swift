import APIModel

/// Objects become structs with a memberwise initializer, explicit `Codable` (one line per property,
/// so that `const` checks, `null` handling and extra keys are visible), and wire names in `CodingKeys`.
///
/// The shape is chosen for compile time, measured on the full Gcore Cloud API (see docs/GeneratedCode.md):
/// stored properties are `let` (a `var` adds a setter and a modify accessor per property), and
/// `CodingKeys` is a namespace of `JSONKey` constants rather than a `String, CodingKey` enum, whose
/// synthesized conformance costs as much as the struct itself.
extension EmitContext {
    func emitStruct(_ declaration: TypeDeclaration, _ shape: ObjectShape, into printer: inout CodePrinter) {
        let name = declaration.name
        let propertyNames = names.propertyNames[name] ?? []
        let members = zip(shape.properties, propertyNames).map { property, swiftName in
            let kind = kind(of: property, in: name)
            return Member(property: property, name: swiftName, kind: kind, boxed: recursion.isBoxed(property, in: name),
                          types: propertyTypes(property, kind: kind))
        }
        let additional = shape.additionalProperties.map { swiftType($0) }
        let groups = zip(shape.oneOfs, names.oneOfNames[name] ?? []).map { group, names in
            OneOf(group: group, property: names.property, type: names.type, cases: names.cases)
        }

        printer.documentation(documentation(declaration.documentation, origin: declaration.origin,
                                            extra: declaration.deprecated ? ["- Warning: Deprecated."] : []))
        printer.block("public struct \(names.local(name)): Codable, Hashable, Sendable") { body in
            for member in members {
                declareProperty(member, in: &body)
            }
            for group in groups {
                body.documentation([group.group.documentation.details ?? ""])
                body.line("public let \(SwiftIdentifiers.escaped(group.property)): \(group.declaredType)")
            }
            if let additional {
                body.documentation(["Keys the schema does not list, with their values."])
                body.line("public let additionalProperties: [String: \(additional)]")
            }
            body.line()
            emitInitializer(members, groups: groups, additional: additional, into: &body)
            body.line()
            emitDecoding(members, groups: groups, additional: additional, into: &body)
            body.line()
            emitEncoding(members, groups: groups, additional: additional, into: &body)
            for group in groups {
                body.line()
                emitOneOfEnum(group, into: &body)
            }
            let keyed = members + groups.flatMap(\.keyMembers)
            if !keyed.isEmpty {
                body.line()
                emitCodingKeys(keyed, listingAll: additional != nil, into: &body)
            }
        }
    }

    struct Member {
        var property: Property
        var name: String
        var kind: PropertyKind
        /// Stored in an `Indirect` box because the type contains itself through this property.
        var boxed = false
        /// The declared Swift type and the type values decode as (see `propertyTypes`).
        var types: (declared: String, element: String)

        var isStored: Bool {
            if case .constant = kind { return false }
            return true
        }

        /// Deprecated properties are stored under a private name, so that generated code reading
        /// them raises no deprecation warning (the public property warns its users); boxed ones too.
        var storage: String { property.deprecated || boxed ? "_" + name : SwiftIdentifiers.escaped(name) }

        /// For a boxed property with declared type `T?` or `T`: the stored type, and expressions that
        /// box a value and read it back.
        func boxing(_ declared: String) -> (storedType: String, box: (String) -> String, unbox: String) {
            guard boxed else { return (declared, { $0 }, "self." + storage) }
            if declared.hasSuffix("?") {
                return ("Indirect<\(declared.dropLast())>?", { ($0.contains(" ") ? "(\($0))" : $0) + ".map(Indirect.init)" },
                        "self.\(storage)?.value")
            }
            return ("Indirect<\(declared)>", { "Indirect(\($0))" }, "self.\(storage).value")
        }
    }

    func declareProperty(_ member: Member, in printer: inout CodePrinter) {
        let types = member.types
        var extra: [String] = []
        if let value = member.property.defaultValue, value != .null, let text = jsonText(value) {
            extra.append("Default: `\(text)`.")
        }
        if member.property.readOnly { extra.append("Read-only: set by the server.") }
        if member.property.writeOnly { extra.append("Write-only: sent, never returned.") }
        printer.documentation(documentation(member.property.documentation, origin: nil, extra: extra))
        let escaped = SwiftIdentifiers.escaped(member.name)
        switch member.kind {
        case .constant(let value):
            printer.line("public var \(escaped): \(types.declared) { \(constantLiteral(value, types.element)) }")
        default:
            if member.property.deprecated || member.boxed {
                let boxing = member.boxing(types.declared)
                printer.line("private let \(member.storage): \(boxing.storedType)")
                if member.property.deprecated { printer.line("@available(*, deprecated)") }
                printer.line("public var \(escaped): \(types.declared) { \(boxing.unbox) }")
            } else {
                printer.line("public let \(escaped): \(types.declared)")
            }
        }
    }

    /// A one-of group: one property holding an enum with a case per key.
    struct OneOf {
        var group: OneOfGroup
        var property: String
        var type: String
        var cases: [String]

        var declaredType: String { group.required ? type : type + "?" }

        /// The group's keys, for `CodingKeys`.
        var keyMembers: [Member] {
            zip(group.fields, cases).map { Member(property: $0, name: $1, kind: .optional, types: ("", "")) }
        }
    }

    private func emitOneOfEnum(_ group: OneOf, into printer: inout CodePrinter) {
        let keys = group.group.fields.map { "`\($0.name)`" }.joined(separator: ", ")
        printer.documentation(["Which one of \(keys) the object holds."])
        printer.block("public enum \(group.type): Hashable, Sendable") { body in
            for (field, name) in zip(group.group.fields, group.cases) {
                body.documentation([field.documentation.details ?? ""])
                body.line("case \(SwiftIdentifiers.escaped(name))(\(swiftType(field.type.nonNull)))")
            }
        }
    }

    private func emitInitializer(_ members: [Member], groups: [OneOf], additional: String?, into printer: inout CodePrinter) {
        var parameters: [String] = []
        for member in members where member.isStored {
            let type = member.types.declared
            let label = SwiftIdentifiers.escaped(member.name)
            switch member.kind {
            case .optional, .threeState: parameters.append("\(label): \(type) = nil")
            default: parameters.append("\(label): \(type)")
            }
        }
        for group in groups {
            parameters.append("\(SwiftIdentifiers.escaped(group.property)): \(group.declaredType)" + (group.group.required ? "" : " = nil"))
        }
        if let additional { parameters.append("additionalProperties: [String: \(additional)] = [:]") }
        printer.signature("public init", parameters: parameters, suffix: "") { body in
            for member in members where member.isStored {
                let boxing = member.boxing(member.types.declared)
                body.line("self.\(member.storage) = \(boxing.box(SwiftIdentifiers.escaped(member.name)))")
            }
            for group in groups {
                body.line("self.\(SwiftIdentifiers.escaped(group.property)) = \(SwiftIdentifiers.escaped(group.property))")
            }
            if additional != nil { body.line("self.additionalProperties = additionalProperties") }
        }
    }

    private func emitDecoding(_ members: [Member], groups: [OneOf], additional: String?, into printer: inout CodePrinter) {
        printer.block("public init(from decoder: any Decoder) throws") { body in
            guard !members.isEmpty || !groups.isEmpty else {
                body.line("_ = try decoder.container(keyedBy: JSONKey.self)")
                if let additional { body.line("self.additionalProperties = try decoder.additionalProperties(\(additional).self, excluding: [])") }
                return
            }
            body.line("let container = try decoder.container(keyedBy: JSONKey.self)")
            for member in members {
                body.line(decodeStatement(member))
            }
            for group in groups {
                decodeOneOf(group, into: &body)
            }
            if let additional {
                body.line("self.additionalProperties = try decoder.additionalProperties(\(additional).self, excluding: CodingKeys.all)")
            }
        }
    }

    private func emitEncoding(_ members: [Member], groups: [OneOf], additional: String?, into printer: inout CodePrinter) {
        printer.block("public func encode(to encoder: any Encoder) throws") { body in
            guard !members.isEmpty || !groups.isEmpty else {
                body.line("_ = encoder.container(keyedBy: JSONKey.self)")
                if additional != nil { body.line("try encoder.encodeAdditionalProperties(self.additionalProperties)") }
                return
            }
            body.line("var container = encoder.container(keyedBy: JSONKey.self)")
            for member in members {
                body.line(encodeStatement(member))
            }
            for group in groups {
                encodeOneOf(group, into: &body)
            }
            if additional != nil {
                body.line("try encoder.encodeAdditionalProperties(self.additionalProperties)")
            }
        }
    }

    /// The first of the group's keys that is present selects the case.
    private func decodeOneOf(_ group: OneOf, into printer: inout CodePrinter) {
        let property = "self." + SwiftIdentifiers.escaped(group.property)
        for (index, (field, name)) in zip(group.group.fields, group.cases).enumerated() {
            let escaped = SwiftIdentifiers.escaped(name)
            let test = "if let value = try container.decodeValueIfPresent(\(swiftType(field.type.nonNull)).self, forKey: CodingKeys.\(escaped))"
            printer.line((index == 0 ? "" : "} else ") + test + " {")
            printer.indented { $0.line("\(property) = .\(escaped)(value)") }
        }
        printer.line("} else {")
        printer.indented { body in
            if group.group.required {
                let keys = group.group.fields.map(\.name).joined(separator: ", ")
                body.line("throw DecodingError.keyNotFound(CodingKeys.\(SwiftIdentifiers.escaped(group.cases[0])), DecodingError.Context(")
                body.indented {
                    $0.line("codingPath: container.codingPath, debugDescription: \(SwiftLiteral.string("expected one of " + keys))))")
                }
            } else {
                body.line("\(property) = nil")
            }
        }
        printer.line("}")
    }

    private func encodeOneOf(_ group: OneOf, into printer: inout CodePrinter) {
        printer.switchBlock("self.\(SwiftIdentifiers.escaped(group.property))") { body in
            for name in group.cases {
                let escaped = SwiftIdentifiers.escaped(name)
                body.line("case .\(escaped)(let value): try container.encodeValue(value, forKey: CodingKeys.\(escaped))")
            }
            if !group.group.required { body.line("case nil: break") }
        }
    }

    /// `self.x = try container.decode...(T.self, forKey: CodingKeys.x)`, or the `const` check.
    func decodeStatement(_ member: Member) -> String {
        let key = "CodingKeys." + SwiftIdentifiers.escaped(member.name)
        let types = member.types
        let element = types.element
        let box = member.boxing(types.declared).box
        switch member.kind {
        case .required:
            return "self.\(member.storage) = \(box("try container.decodeValue(\(element).self, forKey: \(key))"))"
        case .requiredNullable:
            // The key must be there; its value may be null.
            return "self.\(member.storage) = \(box("try container.decodeValue(\(element)?.self, forKey: \(key))"))"
        case .optional:
            return "self.\(member.storage) = \(box("try container.decodeValueIfPresent(\(element).self, forKey: \(key))"))"
        case .threeState:
            return "self.\(member.storage) = \(box("try container.decodeNullable(\(element).self, forKey: \(key))"))"
        case .constant(let value):
            let check = member.property.required ? "decodeConstant" : "decodeConstantIfPresent"
            return "try container.\(check)(\(typedLiteral(value, element)), forKey: \(key))"
        }
    }

    /// `try container.encode...(self.x, forKey: CodingKeys.x)`: required values always (nil as `null`), optional
    /// ones only when present.
    func encodeStatement(_ member: Member) -> String {
        let key = "CodingKeys." + SwiftIdentifiers.escaped(member.name)
        let value = member.boxing(member.types.declared).unbox
        switch member.kind {
        case .required, .requiredNullable:
            return "try container.encodeValue(\(value), forKey: \(key))"
        case .optional, .threeState:
            return "try container.encodeValueIfPresent(\(value), forKey: \(key))"
        case .constant(let value):
            return "try container.encodeValue(\(typedLiteral(value, member.types.element)), forKey: \(key))"
        }
    }

    /// The wire name of each property; `all` lists them for types that keep unknown keys.
    func emitCodingKeys(_ members: [Member], listingAll: Bool = false, into printer: inout CodePrinter) {
        printer.block("private enum CodingKeys") { body in
            for member in members {
                body.line("static var \(SwiftIdentifiers.escaped(member.name)): JSONKey { \(SwiftLiteral.string(member.property.name)) }")
            }
            if listingAll {
                let all = members.map { SwiftIdentifiers.escaped($0.name) }.joined(separator: ", ")
                body.line("static var all: [JSONKey] { [\(all)] }")
            }
        }
    }

    /// A literal with its type spelled out, so that `decodeConstant` knows what to decode.
    private func typedLiteral(_ value: JSONValue, _ type: String) -> String {
        let text = constantLiteral(value, type)
        switch value {
        case .string: return text
        case .array, .object: return "\(text) as \(type)"
        default: return "\(type)(\(text))"
        }
    }

    /// A literal for a `const` value of Swift type `type`: a `Double` gets a float literal, since an
    /// integer literal beyond Int64 does not convert.
    private func constantLiteral(_ value: JSONValue, _ type: String) -> String {
        if type == "Double", case .number(let text) = value, !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return text + ".0"
        }
        return literal(value)
    }

    /// Compact JSON text for documentation of array and object defaults.
    func jsonText(_ value: JSONValue) -> String? {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return SwiftLiteral.string(text)
        case .array(let items): return "[" + items.compactMap(jsonText).joined(separator: ", ") + "]"
        case .object(let pairs):
            return "{" + pairs.map { "\(SwiftLiteral.string($0.key)): \(jsonText($0.value) ?? "null")" }.joined(separator: ", ") + "}"
        }
    }
}

extension CodePrinter {
    /// `head(a, b) suffix {` on one line when it fits in 120 columns, else one parameter per line.
    mutating func signature(_ head: String, parameters: [String], suffix: String, _ body: (inout CodePrinter) -> Void) {
        let oneLine = "\(head)(\(parameters.joined(separator: ", ")))\(suffix)"
        if oneLine.count <= 112 {
            block(oneLine, body)
            return
        }
        line(head + "(")
        indented { printer in
            for (index, parameter) in parameters.enumerated() {
                printer.line(parameter + (index < parameters.count - 1 ? "," : ""))
            }
        }
        line(")\(suffix) {")
        indented(body)
        line("}")
    }
}
