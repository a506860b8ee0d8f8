import APIModel
import FrontendSupport
import YAMLReader

/// Translates JSON Schemas (OpenAPI 3.0 and 3.1 dialects) into model types.
///
/// A schema becomes either a `TypeRef` that needs no declaration (a scalar, an array, a map, a
/// reference to a component) or a declaration (an object, an enum, a union). Declarations written
/// inline are nested in the declaration that contains them and named after where they appear.
struct SchemaTranslator {
    let context: DocumentContext

    /// What a schema is, before it is placed: a plain type, or something that needs a declaration.
    enum Shape {
        case type(TypeRef)
        case declaration(TypeDeclaration.Kind, nested: [TypeDeclaration])
    }

    static let componentsPrefix = "#/components/schemas/"
    static let maxDepth = 64

    // MARK: - Entry points

    /// The declarations for a component schema (`#/components/schemas/<name>`): its own, then any that
    /// had to be lifted beside it (the inline item type of an array schema, say).
    func componentDeclarations(name: String, node: YAMLNode) -> [TypeDeclaration] {
        let pointer = JSONPointer.root.appending("components").appending("schemas").appending(name)
        var lifted: [TypeDeclaration] = []
        let main = declaration(node, pointer, name: TypeName(name), lift: &lifted, depth: 0)
        return [main] + lifted
    }

    /// A declaration named `name` for the schema: an alias when the schema is a plain type.
    /// Declarations that cannot nest inside it go to `lift`.
    func declaration(_ node: YAMLNode, _ pointer: JSONPointer, name: TypeName, lift: inout [TypeDeclaration], depth: Int) -> TypeDeclaration {
        // A declaration is always of the non-null type: references to a nullable component are
        // nullable where they are used (see `referenceShape`), so `null` is never wrapped twice.
        let (shape, _) = self.shape(node, pointer, name: name, lift: &lift, depth: depth)
        switch shape {
        case .type(let type):
            return makeDeclaration(node, pointer, name: name, kind: .alias(type.nonNull), nested: [])
        case .declaration(let kind, let inner):
            return makeDeclaration(node, pointer, name: name, kind: kind, nested: inner)
        }
    }

    /// The type of a schema used in place (a property, an item, a parameter, a body). A schema that
    /// needs a declaration is declared as `name` and appended to `lift`, the scope `name` lives in.
    func typeRef(_ node: YAMLNode, _ pointer: JSONPointer, name: TypeName, lift: inout [TypeDeclaration], depth: Int) -> TypeRef {
        let (shape, nullable) = self.shape(node, pointer, name: name, lift: &lift, depth: depth)
        switch shape {
        case .type(let type):
            return nullable ? type.orNull : type
        case .declaration(let kind, let inner):
            lift.append(makeDeclaration(node, pointer, name: name, kind: kind, nested: inner))
            return nullable ? .nullable(.named(name)) : .named(name)
        }
    }

    private func makeDeclaration(_ node: YAMLNode, _ pointer: JSONPointer, name: TypeName, kind: TypeDeclaration.Kind,
                                 nested: [TypeDeclaration]) -> TypeDeclaration {
        TypeDeclaration(
            name: name, kind: kind,
            documentation: Documentation(details: node["description"]?.scalar?.text),
            deprecated: node["deprecated"]?.scalar?.boolValue ?? false,
            origin: context.origin(node, pointer), nested: nested, examples: examples(of: node))
    }

    /// The name for a type lifted beside `name` (`volumes` -> `volumes_item`).
    func sibling(_ name: TypeName, _ suffix: String) -> TypeName {
        var path = name.path
        path[path.count - 1] += suffix
        return TypeName(path)
    }

    // MARK: - Classification

    /// The shape of a schema and whether `null` is also allowed.
    func shape(_ node: YAMLNode, _ pointer: JSONPointer, name: TypeName, lift: inout [TypeDeclaration], depth: Int) -> (Shape, nullable: Bool) {
        guard depth < Self.maxDepth else {
            context.error("the schema nests more than \(Self.maxDepth) levels deep (or references itself through "
                          + "non-component references); give the inner schema a name under components/schemas", node, pointer)
            return (.type(.json), false)
        }
        switch node.content {
        case .scalar(let scalar):
            if scalar.boolValue == false {
                context.warning("the schema 'false' allows no value; it is generated as any JSON value", node, pointer)
            } else if scalar.boolValue != true {
                context.error("a schema must be a mapping or a boolean, but it is \(node.kindDescription)", node, pointer)
            }
            return (.type(.json), false)
        case .sequence:
            context.error("a schema must be a mapping or a boolean, but it is a list", node, pointer)
            return (.type(.json), false)
        case .mapping:
            break
        }

        if let reference = node["$ref"] {
            return (referenceShape(reference, node, pointer, name: name, lift: &lift, depth: depth),
                    node["nullable"]?.scalar?.boolValue == true)
        }

        warnAboutUnsupportedKeywords(node, pointer)
        var nullable = node["nullable"]?.scalar?.boolValue == true
        var types = declaredTypes(node, pointer, nullable: &nullable)

        // anyOf / oneOf: a null member makes the rest nullable; one member left is that member.
        for keyword in ["anyOf", "oneOf"] {
            guard let membersNode = node[keyword] else { continue }
            let membersPointer = pointer.appending(keyword)
            var members: [(node: YAMLNode, pointer: JSONPointer)] = []
            for (index, member) in context.sequence(membersNode, membersPointer, what: "'\(keyword)'").enumerated() {
                if isNullSchema(member) {
                    nullable = true
                } else {
                    members.append((member, membersPointer.appending(index)))
                }
            }
            if members.isEmpty {
                return (.type(.json), true)
            }
            if members.count == 1 && !hasStructure(node) {
                let (inner, innerNullable) = shape(members[0].node, members[0].pointer, name: name, lift: &lift, depth: depth + 1)
                return (inner, nullable || innerNullable)
            }
            return (unionShape(node, members, pointer, name: name, depth: depth), nullable)
        }

        if let allOf = node["allOf"] {
            let members = context.sequence(allOf, pointer.appending("allOf"), what: "'allOf'")
            if members.count == 1 && !hasStructure(node) {
                let (inner, innerNullable) = shape(members[0], pointer.appending("allOf").appending(0), name: name, lift: &lift, depth: depth + 1)
                return (inner, nullable || innerNullable)
            }
            return (allOfShape(node, pointer, name: name, depth: depth), nullable)
        }

        if let enumNode = node["enum"] {
            return (enumShape(enumNode, pointer.appending("enum"), types: types, nullable: &nullable), nullable)
        }

        if let constant = node["const"] {
            if constant.scalar?.resolved == .null { return (.type(.json), true) }
            // The value itself is checked where the schema is used (see `Property.constValue`).
            return (.type(jsonType(of: constant.jsonValue)), nullable)
        }

        if node["properties"] != nil || node["patternProperties"] != nil || node["additionalProperties"] != nil {
            types.insert("object")
        }
        if node["items"] != nil { types.insert("array") }

        if types.count > 1 {
            return (primitiveUnionShape(types, node, pointer, name: name, depth: depth), nullable)
        }
        switch types.first {
        case "object":
            return (objectShape(node, pointer, name: name, lift: &lift, depth: depth), nullable)
        case "array":
            guard let items = node["items"] else { return (.type(.array(.json)), nullable) }
            let element = typeRef(items, pointer.appending("items"), name: sibling(name, "_item"), lift: &lift, depth: depth + 1)
            return (.type(.array(element)), nullable)
        case let primitive?:
            return (.type(scalarType(primitive, format: node["format"]?.scalar?.text)), nullable)
        case nil:
            return (.type(.json), nullable)
        }
    }

    /// `type` as a set of type names, with `null` moved into `nullable`.
    private func declaredTypes(_ node: YAMLNode, _ pointer: JSONPointer, nullable: inout Bool) -> Set<String> {
        guard let typeNode = node["type"] else { return [] }
        var names: [String] = []
        if let items = typeNode.sequence {
            names = items.compactMap { $0.scalar?.text }
        } else if let text = typeNode.scalar?.text {
            names = [text]
        }
        var result: Set<String> = []
        for name in names {
            switch name {
            case "null": nullable = true
            case "string", "integer", "number", "boolean", "object", "array": result.insert(name)
            default:
                context.error("'\(name)' is not a JSON Schema type; use string, integer, number, boolean, object, array or null",
                              typeNode, pointer.appending("type"))
            }
        }
        return result
    }

    /// Keywords beside anyOf/oneOf/allOf that make the schema more than its members.
    private func hasStructure(_ node: YAMLNode) -> Bool {
        node["properties"] != nil || node["items"] != nil || node["enum"] != nil
    }

    /// Whether a schema allows `null` at its top level, in any of the three spellings.
    func allowsNull(_ node: YAMLNode) -> Bool {
        if node["nullable"]?.scalar?.boolValue == true { return true }
        if node["type"]?.sequence?.contains(where: { $0.scalar?.text == "null" }) == true { return true }
        if node["enum"]?.sequence?.contains(where: { $0.scalar?.resolved == .null }) == true { return true }
        for keyword in ["anyOf", "oneOf"] where node[keyword]?.sequence?.contains(where: isNullSchema) == true {
            return true
        }
        return false
    }

    func isNullSchema(_ node: YAMLNode) -> Bool {
        if node["type"]?.scalar?.text == "null" { return true }
        if let types = node["type"]?.sequence, types.count == 1, types[0].scalar?.text == "null" { return true }
        if node["const"]?.scalar?.resolved == .null { return true }
        if let values = node["enum"]?.sequence, values.count == 1, values[0].scalar?.resolved == .null { return true }
        return false
    }

    private func warnAboutUnsupportedKeywords(_ node: YAMLNode, _ pointer: JSONPointer) {
        for keyword in ["not", "if", "prefixItems", "dependentSchemas", "unevaluatedProperties"] where node[keyword] != nil {
            context.warning("the '\(keyword)' keyword is not supported and is ignored; the generated type accepts "
                            + "values it would reject", node, pointer.appending(keyword))
        }
    }

    // MARK: - References

    private func referenceShape(_ reference: YAMLNode, _ node: YAMLNode, _ pointer: JSONPointer, name: TypeName,
                                lift: inout [TypeDeclaration], depth: Int) -> Shape {
        let refPointer = pointer.appending("$ref")
        guard let text = context.string(reference, refPointer, what: "'$ref'") else { return .type(.json) }
        if text.hasPrefix(Self.componentsPrefix) {
            let componentName = String(text.dropFirst(Self.componentsPrefix.count))
            if !componentName.contains("/") {
                guard context.componentSchemas[JSONPointer.tokens(of: "/" + componentName)?.first ?? componentName] != nil else {
                    context.error("$ref '\(text)' does not resolve: there is no schema named '\(componentName)' under "
                                  + "#/components/schemas", reference, refPointer)
                    return .type(.json)
                }
                let target = JSONPointer.tokens(of: "/" + componentName)?.first ?? componentName
                let named = TypeRef.named(TypeName(target))
                return .type(context.componentSchemas[target].map(allowsNull) == true ? .nullable(named) : named)
            }
        }
        // A reference into the middle of a schema: translate the target in place.
        guard let target = context.resolve(reference: text, at: reference, refPointer) else { return .type(.json) }
        let (shape, nullable) = self.shape(target.node, target.pointer, name: name, lift: &lift, depth: depth + 1)
        if nullable, case .type(let type) = shape { return .type(type.orNull) }
        return shape
    }

    /// The component schema that `node` refers to (following `$ref` chains), with its name.
    func componentTarget(_ node: YAMLNode) -> (name: String, node: YAMLNode)? {
        var current = node
        var name: String?
        for _ in 0..<Self.maxDepth {
            guard let text = current["$ref"]?.scalar?.text else { break }
            guard text.hasPrefix(Self.componentsPrefix),
                  let token = JSONPointer.tokens(of: "/" + text.dropFirst(Self.componentsPrefix.count))?.first,
                  let target = context.componentSchemas[token] else { return nil }
            name = token
            current = target
        }
        return name.map { ($0, current) }
    }

    // MARK: - Scalars

    func scalarType(_ type: String, format: String?) -> TypeRef {
        switch type {
        case "string": return .string(stringFormat(format))
        case "integer":
            switch format {
            case "int32": return .integer(.int32)
            case "int64": return .integer(.int64)
            default: return .integer(.int)
            }
        case "number": return .number
        case "boolean": return .boolean
        default: return .json
        }
    }

    func stringFormat(_ format: String?) -> StringFormat {
        guard let format else { return .plain }
        switch format {
        case "date-time": return .dateTime
        case "date": return .date
        case "uuid", "uuid1", "uuid3", "uuid4", "uuid5": return .uuid
        case "uri", "url", "uri-reference", "iri": return .uri
        case "email", "idn-email": return .email
        case "ipv4", "ipv6", "ipvanyaddress": return .ipAddress
        case "ipv4network", "ipv6network", "ipvanynetwork": return .ipNetwork
        case "ipv4interface", "ipv6interface", "ipvanyinterface": return .ipInterface
        case "password": return .secret
        case "byte": return .byte
        default: return .other(format)
        }
    }

    func jsonType(of value: JSONValue) -> TypeRef {
        switch value {
        case .null: return .json
        case .bool: return .boolean
        case .number(let text): return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? .number : .integer(.int)
        case .string: return .string(.plain)
        case .array: return .array(.json)
        case .object: return .map(.json)
        }
    }

    // MARK: - Enums

    private func enumShape(_ enumNode: YAMLNode, _ pointer: JSONPointer, types: Set<String>, nullable: inout Bool) -> Shape {
        var cases: [EnumShape.Case] = []
        var seen: Set<String> = []
        var rawType: EnumShape.RawType = types == ["integer"] ? .integer : .string
        for (index, value) in context.sequence(enumNode, pointer, what: "'enum'").enumerated() {
            guard let scalar = value.scalar else {
                context.error("enum values must be strings or numbers, but this one is \(value.kindDescription)",
                              value, pointer.appending(index))
                continue
            }
            switch scalar.resolved {
            case .null:
                nullable = true
                continue
            case .int:
                if types.isEmpty && cases.isEmpty { rawType = .integer }
            case .bool, .float:
                if rawType == .integer {
                    context.error("the enum mixes integers with other values; list values of one type",
                                  value, pointer.appending(index))
                }
            case .string:
                if rawType == .integer {
                    context.error("the enum is of integers, but '\(scalar.text)' is not one", value, pointer.appending(index))
                    continue
                }
            }
            guard seen.insert(scalar.text).inserted else {
                context.warning("the enum lists '\(scalar.text)' twice; the second is ignored", value, pointer.appending(index))
                continue
            }
            cases.append(EnumShape.Case(value: scalar.text))
        }
        if cases.isEmpty {
            return .type(.json)
        }
        return .declaration(.enumeration(EnumShape(rawType: rawType, cases: cases)), nested: [])
    }

    // MARK: - Objects

    private func objectShape(_ node: YAMLNode, _ pointer: JSONPointer, name: TypeName, lift: inout [TypeDeclaration], depth: Int) -> Shape {
        if node["properties"] == nil {
            // Only arbitrary keys: a dictionary, with no declaration of its own.
            let value = additionalProperties(of: node, pointer, valueName: sibling(name, "_value"), lift: &lift, depth: depth)
            return .type(.map(value ?? .json))
        }
        var nested: [TypeDeclaration] = []
        let properties = self.properties(of: node, pointer, name: name, nested: &nested, depth: depth)
        let additional = additionalProperties(of: node, pointer, valueName: name.nested("additional_properties"),
                                              lift: &nested, depth: depth)
        return .declaration(.object(ObjectShape(properties: properties, additionalProperties: additional)), nested: nested)
    }

    func properties(of node: YAMLNode, _ pointer: JSONPointer, name: TypeName, nested: inout [TypeDeclaration], depth: Int) -> [Property] {
        guard let propertiesNode = node["properties"] else { return [] }
        let propertiesPointer = pointer.appending("properties")
        var required: Set<String> = []
        for (index, item) in context.sequence(node["required"], pointer.appending("required"), what: "'required'").enumerated() {
            if let text = context.string(item, pointer.appending("required").appending(index), what: "a required property name") {
                required.insert(text)
            }
        }
        var result: [Property] = []
        for (key, _, schema) in context.pairs(propertiesNode, propertiesPointer, what: "'properties'") {
            let propertyPointer = propertiesPointer.appending(key)
            let type = typeRef(schema, propertyPointer, name: name.nested(key), lift: &nested, depth: depth + 1)
            result.append(property(key, schema: schema, type: type, required: required.contains(key), propertyPointer))
        }
        return result
    }

    /// A property from its schema node; annotations may sit beside a `$ref` (OpenAPI 3.1).
    func property(_ key: String, schema: YAMLNode, type: TypeRef, required: Bool, _ pointer: JSONPointer) -> Property {
        var constValue = schema["const"].map(\.jsonValue)
        if constValue == nil, let values = schema["enum"]?.sequence, values.count == 1, schema["type"]?.scalar?.text == "string" {
            // A one-value string enum in place is a tag, like `const`.
            constValue = values[0].jsonValue
        }
        if constValue == .null { constValue = nil }
        return Property(
            name: key, type: constValue.map { jsonType(of: $0) } ?? type, required: required,
            documentation: Documentation(details: schema["description"]?.scalar?.text),
            deprecated: schema["deprecated"]?.scalar?.boolValue ?? false,
            readOnly: schema["readOnly"]?.scalar?.boolValue ?? false,
            writeOnly: schema["writeOnly"]?.scalar?.boolValue ?? false,
            defaultValue: schema["default"].map(\.jsonValue),
            constValue: constValue,
            examples: examples(of: schema),
            origin: context.origin(schema, pointer))
    }

    /// The value type of keys that are not properties: from `patternProperties` (one type for all
    /// patterns, or any JSON) or `additionalProperties`; nil when such keys are not allowed.
    private func additionalProperties(of node: YAMLNode, _ pointer: JSONPointer, valueName: TypeName,
                                      lift: inout [TypeDeclaration], depth: Int) -> TypeRef? {
        if let patterns = node["patternProperties"] {
            let patternsPointer = pointer.appending("patternProperties")
            var types: [TypeRef] = []
            for (pattern, _, schema) in context.pairs(patterns, patternsPointer, what: "'patternProperties'") {
                types.append(typeRef(schema, patternsPointer.appending(pattern), name: valueName, lift: &lift, depth: depth + 1))
            }
            if let first = types.first, types.allSatisfy({ $0 == first }) { return first }
            return .json
        }
        guard let additional = node["additionalProperties"] else { return nil }
        if let flag = additional.scalar?.boolValue {
            return flag ? .json : nil
        }
        return typeRef(additional, pointer.appending("additionalProperties"), name: valueName, lift: &lift, depth: depth + 1)
    }

    // MARK: - allOf

    /// Members of `allOf` merged into one object: properties in order, later ones replacing earlier ones.
    private func allOfShape(_ node: YAMLNode, _ pointer: JSONPointer, name: TypeName, depth: Int) -> Shape {
        var nested: [TypeDeclaration] = []
        var merged: [Property] = []
        var additional: TypeRef?
        func merge(_ schema: YAMLNode, _ schemaPointer: JSONPointer, level: Int) {
            guard level < Self.maxDepth else { return }
            var target = (node: schema, pointer: schemaPointer)
            if schema["$ref"] != nil {
                guard let text = schema["$ref"]?.scalar?.text,
                      let resolved = context.resolve(reference: text, at: schema, schemaPointer.appending("$ref")) else { return }
                target = resolved
            }
            for (index, member) in (target.node["allOf"]?.sequence ?? []).enumerated() {
                merge(member, target.pointer.appending("allOf").appending(index), level: level + 1)
            }
            if target.node["anyOf"] != nil || target.node["oneOf"] != nil {
                context.warning("a union inside 'allOf' cannot be merged into one object; its properties are left out",
                                target.node, target.pointer)
            }
            for property in properties(of: target.node, target.pointer, name: name, nested: &nested, depth: depth + 1) {
                if let index = merged.firstIndex(where: { $0.name == property.name }) {
                    var combined = property
                    combined.required = combined.required || merged[index].required
                    merged[index] = combined
                } else {
                    merged.append(property)
                }
            }
            if let extra = additionalProperties(of: target.node, target.pointer, valueName: name.nested("additional_properties"),
                                                lift: &nested, depth: depth + 1) {
                additional = extra
            }
        }
        for (index, member) in context.sequence(node["allOf"], pointer.appending("allOf"), what: "'allOf'").enumerated() {
            merge(member, pointer.appending("allOf").appending(index), level: 0)
        }
        // Properties and `required` written beside allOf apply too.
        merge(YAMLNode(.mapping(YAMLMapping(node.mapping?.filter { $0.key.scalar?.text != "allOf" } ?? [])), mark: node.mark),
              pointer, level: 0)
        if merged.isEmpty && nested.isEmpty {
            return .type(.map(additional ?? .json))
        }
        return .declaration(.object(ObjectShape(properties: merged, additionalProperties: additional)), nested: nested)
    }

    // MARK: - Examples

    /// `examples` (a list, OpenAPI 3.1) and `example` (OpenAPI 3.0), in that order.
    func examples(of node: YAMLNode) -> [JSONValue] {
        var result: [JSONValue] = []
        if let list = node["examples"]?.sequence {
            result.append(contentsOf: list.map(\.jsonValue))
        }
        if let single = node["example"] {
            let value = single.jsonValue
            if !result.contains(value) { result.append(value) }
        }
        return result
    }
}
