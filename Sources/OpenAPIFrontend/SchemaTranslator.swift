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

    static let maxDepth = 64

    // MARK: - Entry points

    /// The declarations for a component schema (`#/components/schemas/<name>`): its own, then any that
    /// had to be lifted beside it (the inline item type of an array schema, say).
    func componentDeclarations(name: String, node: YAMLNode, _ pointer: JSONPointer) -> [TypeDeclaration] {
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
    func typeRef(_ node: YAMLNode, _ pointer: JSONPointer, name hint: TypeName, lift: inout [TypeDeclaration], depth: Int) -> TypeRef {
        // Claimed before the schema is read, because types nested in it are named after it.
        let name = context.claimTypeName(hint)
        let (shape, nullable) = self.shape(node, pointer, name: name, lift: &lift, depth: depth)
        switch shape {
        case .type(let type):
            return nullable ? type.orNull : type
        case .declaration(let kind, let inner):
            lift.append(makeDeclaration(node, pointer, name: name, kind: kind, nested: inner, synthesized: true))
            return nullable ? .nullable(.named(name)) : .named(name)
        }
    }

    private func makeDeclaration(_ node: YAMLNode, _ pointer: JSONPointer, name: TypeName, kind: TypeDeclaration.Kind,
                                 nested: [TypeDeclaration], synthesized: Bool = false) -> TypeDeclaration {
        TypeDeclaration(
            name: name, kind: kind,
            documentation: Documentation(details: node["description"]?.scalar?.text),
            deprecated: node["deprecated"]?.scalar?.boolValue ?? false,
            origin: context.origin(node, pointer), nested: nested, examples: examples(of: node), synthesized: synthesized)
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
        context.translatedSchemas += 1
        guard context.translatedSchemas <= DocumentContext.maxTranslatedSchemas else {
            if context.translatedSchemas == DocumentContext.maxTranslatedSchemas + 1 {
                context.error("this part of the document expands to more than \(DocumentContext.maxTranslatedSchemas) schemas, "
                              + "because references into the middle of schemas, YAML aliases or 'allOf' (which copies the "
                              + "properties of every schema it extends into each schema that extends it) copy schemas that hold "
                              + "such copies again; give the repeated schemas names under components/schemas and refer to "
                              + "those, or make chains of 'allOf' shorter", node, pointer)
            }
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
        if let xml = node["xml"] {
            context.check(xml, pointer.appending("xml"), against: .xml)
        }

        if node["$ref"] != nil, let merged = referenceWithSiblings(node, pointer) {
            return shape(merged, pointer, name: name, lift: &lift, depth: depth)
        }
        if let reference = node["$ref"] {
            return (referenceShape(reference, node, pointer, name: name, lift: &lift, depth: depth),
                    node["nullable"]?.scalar?.boolValue == true)
        }
        if let target = recursiveTarget(node, pointer) {
            let named = TypeRef.named(TypeName(target.name))
            return (.type(allowsNull(target.node) ? .nullable(named) : named), false)
        }

        warnAboutUnsupportedKeywords(node, pointer)
        var nullable = node["nullable"]?.scalar?.boolValue == true
        var types = declaredTypes(node, pointer, nullable: &nullable)

        if node["anyOf"] != nil, node["oneOf"] != nil {
            context.warning("both 'anyOf' and 'oneOf' are given; only 'anyOf' is generated", node, pointer.appending("oneOf"))
        }
        if node["discriminator"] != nil, node["anyOf"] == nil, node["oneOf"] == nil {
            // Polymorphism through `allOf`: the schemas that extend this one are what a value of it is.
            let heirs = self.heirs(of: pointer)
            if !heirs.isEmpty {
                return (unionShape(node, heirs, pointer, name: name, depth: depth), nullable)
            }
            context.warning("a discriminator without 'oneOf' or 'anyOf' and without schemas that extend this one through "
                            + "'allOf' is not modelled; the schema is generated as its own properties",
                            node, pointer.appending("discriminator"))
        }
        // anyOf / oneOf: a null member makes the rest nullable; one member left is that member.
        for keyword in ["anyOf", "oneOf"] where !(keyword == "oneOf" && node["anyOf"] != nil) {
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
            if members.allSatisfy({ !declaresType($0.node) }) {
                // `oneOf: [{required: [a]}, {required: [b]}]` constrains the schema beside it; it is not a union.
                context.warning("the members of '\(keyword)' only add constraints (such as 'required'); the constraints "
                                + "are not checked, and the schema is generated without them", membersNode, membersPointer)
                continue
            }
            // Members that each extend this schema through `allOf` carry its properties themselves.
            let membersExtendThis = members.allSatisfy { member in
                guard let reference = member.node["$ref"]?.scalar?.text,
                      let target = context.target(of: reference, from: member.pointer) else { return false }
                return (target.node["allOf"]?.sequence ?? []).contains { parent in
                    guard let parentReference = parent["$ref"]?.scalar?.text else { return false }
                    return context.target(of: parentReference, from: target.pointer)?.pointer == pointer
                }
            }
            if (hasStructure(node) || node["allOf"] != nil) && !membersExtendThis {
                context.warning("'\(keyword)' beside 'properties', 'items', 'enum' or 'allOf' is generated as the union alone; "
                                + "the keywords beside it are left out", membersNode, membersPointer)
            }
            if members.count == 1 && !hasStructure(node) {
                let (inner, innerNullable) = shape(members[0].node, members[0].pointer, name: name, lift: &lift, depth: depth + 1)
                return (inner, nullable || innerNullable)
            }
            return (unionShape(node, members, pointer, name: name, depth: depth), nullable)
        }

        if let allOf = node["allOf"] {
            let members = context.sequence(allOf, pointer.appending("allOf"), what: "'allOf'")
            // One member is that member, unless it is a base that its heirs extend (the base is a union of
            // them, so an heir that adds nothing is still the base's own properties, not the base).
            if members.count == 1 && !hasStructure(node) && !isInheritanceBase(members[0]) {
                let (inner, innerNullable) = shape(members[0], pointer.appending("allOf").appending(0), name: name, lift: &lift, depth: depth + 1)
                return (inner, nullable || innerNullable)
            }
            return (allOfShape(node, pointer, name: name, depth: depth), nullable)
        }

        if let enumNode = node["enum"], let shape = enumShape(enumNode, pointer.appending("enum"), of: node, types: types,
                                                             nullable: &nullable) {
            return (shape, nullable)
        }

        if let constant = node["const"] {
            if constant.scalar?.resolved == .null { return (.type(.json), true) }
            // The value itself is checked where the schema is used (see `Property.constValue`).
            return (.type(jsonType(of: constantValue(constant, pointer.appending("const")))), nullable)
        }

        if node["properties"] != nil || node["patternProperties"] != nil || node["additionalProperties"] != nil {
            types.insert("object")
        }
        if node["items"] != nil || node["prefixItems"] != nil { types.insert("array") }

        if types.count > 1 {
            return (primitiveUnionShape(types, node, pointer, name: name, depth: depth), nullable)
        }
        switch types.first {
        case "object":
            return (objectShape(node, pointer, name: name, lift: &lift, depth: depth), nullable)
        case "array":
            if let prefix = node["prefixItems"] ?? node["items"].flatMap({ $0.sequence == nil ? nil : $0 }) {
                return (tupleShape(node, prefix, pointer, name: name, depth: depth), nullable)
            }
            guard let items = node["items"] else { return (.type(.array(.json)), nullable) }
            let element = typeRef(items, pointer.appending("items"), name: sibling(name, "_item"), lift: &lift, depth: depth + 1)
            return (.type(.array(element)), nullable)
        case let primitive?:
            return (.type(scalarType(primitive, format: Self.format(of: node))), nullable)
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
        node["properties"] != nil || node["items"] != nil || node["prefixItems"] != nil || node["enum"] != nil
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

    /// Whether a schema says what values are (a type, a reference, properties, values...), rather than
    /// only constraining them.
    func declaresType(_ node: YAMLNode) -> Bool {
        // `{}` and `true` allow any value: that is a type too.
        guard let pairs = node.mapping, !pairs.isEmpty else { return node.scalar?.boolValue != false }
        return ["type", "$ref", "$recursiveRef", "$dynamicRef", "properties", "items", "prefixItems", "enum", "const", "allOf", "anyOf", "oneOf", "additionalProperties",
                "patternProperties", "format"].contains { node[$0] != nil }
    }

    func isNullSchema(_ node: YAMLNode) -> Bool {
        if node["type"]?.scalar?.text == "null" { return true }
        if let types = node["type"]?.sequence, types.count == 1, types[0].scalar?.text == "null" { return true }
        if node["const"]?.scalar?.resolved == .null { return true }
        if let values = node["enum"]?.sequence, values.count == 1, values[0].scalar?.resolved == .null { return true }
        return false
    }

    private func warnAboutUnsupportedKeywords(_ node: YAMLNode, _ pointer: JSONPointer) {
        for keyword in ["not", "if", "dependentSchemas", "unevaluatedProperties"] where node[keyword] != nil {
            context.warning("the '\(keyword)' keyword is not supported and is ignored; the generated type accepts "
                            + "values it would reject", node, pointer.appending(keyword))
        }
    }

    // MARK: - References

    private func referenceShape(_ reference: YAMLNode, _ node: YAMLNode, _ pointer: JSONPointer, name: TypeName,
                                lift: inout [TypeDeclaration], depth: Int) -> Shape {
        let refPointer = pointer.appending("$ref")
        guard let text = context.string(reference, refPointer, what: "'$ref'") else { return .type(.json) }
        if pointer.document == nil, let componentName = DocumentContext.componentName(text) {
            guard let target = context.components.byName[componentName] else {
                context.error("$ref '\(text)' does not resolve: there is no schema named '\(componentName)' under "
                              + "#/components/schemas", reference, refPointer)
                return .type(.json)
            }
            let named = TypeRef.named(TypeName(componentName))
            return .type(allowsNull(target.node) ? .nullable(named) : named)
        }
        guard let target = context.resolve(reference: text, at: reference, refPointer) else { return .type(.json) }
        if let componentName = context.components.name(at: target.pointer) {
            // A component of this document reached from another file, or another file's schema.
            let named = TypeRef.named(TypeName(componentName))
            return .type(allowsNull(target.node) ? .nullable(named) : named)
        }
        // A reference into the middle of a schema: translate the target in place.
        let (shape, nullable) = self.shape(target.node, target.pointer, name: name, lift: &lift, depth: depth + 1)
        if nullable, case .type(let type) = shape { return .type(type.orNull) }
        return shape
    }

    /// The component schema a `$recursiveRef: "#"` (or `$dynamicRef: "#..."`) inside it refers to: the root of
    /// the schema resource that holds it, which in an OpenAPI document is the component.
    func recursiveTarget(_ node: YAMLNode, _ pointer: JSONPointer) -> (name: String, node: YAMLNode)? {
        guard let text = (node["$recursiveRef"] ?? node["$dynamicRef"])?.scalar?.text, text.hasPrefix("#"),
              !text.hasPrefix("#/") else { return nil }
        return context.components.containing(pointer).map { ($0.name, $0.component.node) }
    }

    /// The component schema that `node` (at `pointer`) refers to, following `$ref` chains, with its name.
    func componentTarget(_ node: YAMLNode, _ pointer: JSONPointer) -> (name: String, node: YAMLNode, pointer: JSONPointer)? {
        var current = (node: node, pointer: pointer)
        var name: String?
        for _ in 0..<Self.maxDepth {
            guard let text = current.node["$ref"]?.scalar?.text else { break }
            if current.pointer.document == nil, let component = DocumentContext.componentName(text) {
                guard let target = context.components.byName[component] else { return nil }
                name = component
                current = (target.node, target.pointer)
                continue
            }
            guard let target = context.target(of: text, from: current.pointer),
                  let component = context.components.name(at: target.pointer) else { return nil }
            name = component
            current = target
        }
        return name.map { ($0, current.node, current.pointer) }
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

    /// A schema's `format`, or what OpenAPI 3.1's content keywords say instead: `contentEncoding:
    /// base64` is `byte`, and a `contentMediaType` that is not text or JSON, without an encoding, is `binary`.
    static func format(of node: YAMLNode) -> String? {
        if let format = node["format"]?.scalar?.text { return format }
        if let encoding = node["contentEncoding"]?.scalar?.text.lowercased() {
            return encoding == "base64" || encoding == "base64url" ? "byte" : nil
        }
        if let mediaType = node["contentMediaType"]?.scalar?.text, !MediaTypes.isJSON(mediaType), !MediaTypes.isText(mediaType) {
            return "binary"
        }
        return nil
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
        case "binary": return .binary
        default: return .other(format)
        }
    }

    func jsonType(of value: JSONValue) -> TypeRef {
        switch value {
        case .null: return .json
        case .bool: return .boolean
        case .number(let text):
            let integral = !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
            return integral && Int64(text) != nil ? .integer(.int) : .number
        case .string: return .string(.plain)
        case .array: return .array(.json)
        case .object: return .map(.json)
        }
    }

    /// A `const` value, with a warning when it is a number that Swift's numbers do not hold.
    func constantValue(_ node: YAMLNode, _ pointer: JSONPointer) -> JSONValue {
        switch node.scalar?.resolved {
        case .int(let digits)? where Int64(digits) == nil:
            context.warning("the constant \(digits) does not fit in a 64-bit integer, so it is generated as a Double, which "
                            + "holds it only approximately; write it as a string if it is an identifier", node, pointer)
        case .float? where node.scalar.map(Self.isBeyondDouble) ?? false:
            context.warning("the constant \(node.scalar?.text ?? "") is beyond the range of a Double, so it is generated as "
                            + "text; write a number within ±1.7e308", node, pointer)
        default:
            break
        }
        return node.jsonValue
    }

    /// A number written with digits that a Double cannot hold (`.inf` is YAML's way to write infinity).
    static func isBeyondDouble(_ scalar: YAMLScalar) -> Bool {
        guard case .float(let number) = scalar.resolved else { return false }
        return number.isInfinite && !scalar.text.lowercased().contains("inf")
    }

    // MARK: - Enums

    /// Strings (or values of a `type: string` schema) make a string enum, integers an integer enum.
    /// Other values (booleans, fractions, objects, arrays, a mix) are the schema's type, or the one
    /// JSON type all the values have, without the list: the generated type accepts every listed value,
    /// and more. Nil when the values are objects or arrays and the schema describes their structure
    /// (`properties`, `items`): that describes the type better than a list of instances.
    private func enumShape(_ enumNode: YAMLNode, _ pointer: JSONPointer, of node: YAMLNode, types: Set<String>,
                           nullable: inout Bool) -> Shape? {
        var values: [(text: String, resolved: YAMLScalar.Resolved, node: YAMLNode, index: Int)] = []
        var structured = false
        for (index, value) in context.sequence(enumNode, pointer, what: "'enum'").enumerated() {
            guard let scalar = value.scalar else {
                structured = true
                continue
            }
            if scalar.resolved == .null {
                nullable = true
            } else if case .int(let digits) = scalar.resolved, Int64(digits) == nil, !types.contains("string") {
                context.warning("the enum value \(digits) does not fit in a 64-bit integer, so it is left out of the enum; "
                                + "remove it, or make the enum a list of strings", value, pointer.appending(index))
            } else if Self.isBeyondDouble(scalar), !types.contains("string") {
                context.warning("the enum value \(scalar.text) is beyond the range of a Double, so it is left out of the enum; "
                                + "write a number within ±1.7e308", value, pointer.appending(index))
            } else {
                values.append((scalar.text, scalar.resolved, value, index))
            }
        }
        if structured {
            if node["properties"] != nil || node["items"] != nil || node["prefixItems"] != nil { return nil }
            return .type(plainType(types, values: context.sequence(enumNode, pointer, what: "'enum'").map(\.jsonValue)))
        }
        func isInteger(_ value: YAMLScalar.Resolved) -> Bool {
            switch value {
            case .int: return true
            case .float(let number): return number.isFinite && number == number.rounded() && abs(number) < 1e15
            default: return false
            }
        }
        let rawType: EnumShape.RawType
        if types.contains("string") || (!values.isEmpty && values.allSatisfy({ $0.resolved == .string })) {
            rawType = .string
        } else if !values.isEmpty, values.allSatisfy({ isInteger($0.resolved) }),
                  types.isEmpty || types.contains("integer") || types.contains("number") {
            rawType = .integer
        } else {
            return .type(plainType(types, values: values.map(\.node.jsonValue)))
        }
        var cases: [EnumShape.Case] = []
        var seen: Set<String> = []
        for value in values {
            var text = value.text
            if rawType == .integer, case .float(let number) = value.resolved { text = String(Int64(number)) }
            if case .int(let digits) = value.resolved { text = rawType == .integer ? digits : value.text }
            guard seen.insert(text).inserted else {
                context.warning("the enum lists '\(text)' twice; the second is ignored", value.node, pointer.appending(value.index))
                continue
            }
            cases.append(EnumShape.Case(value: text))
        }
        if cases.isEmpty {
            return .type(.json)
        }
        return .declaration(.enumeration(EnumShape(rawType: rawType, cases: cases)), nested: [])
    }

    /// The type of an enum that is not a Swift enum: the schema's one `type`, else the JSON type all the
    /// values share (integers and fractions are numbers), else any JSON value.
    private func plainType(_ types: Set<String>, values: [JSONValue]) -> TypeRef {
        if types.count == 1, let type = types.first {
            switch type {
            case "object": return .map(.json)
            case "array": return .array(.json)
            default: return scalarType(type, format: nil)
            }
        }
        let kinds = Set(values.filter { $0 != .null }.map { jsonType(of: $0) })
        if kinds.isSubset(of: [.integer(.int), .number]), !kinds.isEmpty { return kinds.contains(.number) ? .number : .integer(.int) }
        return kinds.count == 1 ? kinds.first ?? .json : .json
    }

    // MARK: - Tuples

    /// `prefixItems` (or `items` as a list, before JSON Schema 2020-12): an item per position, required
    /// up to `minItems` (all of them without it); `items` (`additionalItems`) beside it types the items
    /// that may follow.
    private func tupleShape(_ node: YAMLNode, _ list: YAMLNode, _ pointer: JSONPointer, name: TypeName, depth: Int) -> Shape {
        let keyword = node["prefixItems"] != nil ? "prefixItems" : "items"
        let restKeyword = keyword == "prefixItems" ? "items" : "additionalItems"
        let listPointer = pointer.appending(keyword)
        let minItems = node["minItems"]?.scalar?.intValue ?? Int.max
        var nested: [TypeDeclaration] = []
        var items: [Property] = []
        var labels: Set<String> = []
        for (index, schema) in context.sequence(list, listPointer, what: "'\(keyword)'").enumerated() {
            let itemPointer = listPointer.appending(index)
            var label = schema["title"]?.scalar?.text ?? ""
            if label.isEmpty || labels.contains(label) || label.hasPrefix("item") { label = "item\(index)" }
            labels.insert(label)
            let type = typeRef(schema, itemPointer, name: name.nested(label), lift: &nested, depth: depth + 1)
            items.append(Property(name: label, type: type, required: index < minItems,
                                  documentation: Documentation(details: schema["description"]?.scalar?.text),
                                  origin: context.origin(schema, itemPointer)))
        }
        var rest: TypeRef?
        if let restNode = node[restKeyword], restNode.scalar?.boolValue != false {
            rest = restNode.scalar?.boolValue == true ? .json
                : typeRef(restNode, pointer.appending(restKeyword), name: name.nested("rest"), lift: &nested, depth: depth + 1)
        }
        return .declaration(.tuple(TupleShape(items: items, rest: rest)), nested: nested)
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
        guard let (propertiesNode, propertiesPointer) = propertiesMap(of: node, pointer) else { return [] }
        var required: Set<String> = []
        for (index, item) in context.sequence(node["required"], pointer.appending("required"), what: "'required'").enumerated() {
            if let text = context.string(item, pointer.appending("required").appending(index), what: "a required property name") {
                required.insert(text)
            }
        }
        var result: [Property] = []
        for (key, _, schema) in context.entries(propertiesNode, propertiesPointer, what: "'properties'", nullIsEmpty: true) {
            let propertyPointer = propertiesPointer.appending(key)
            let type = typeRef(schema, propertyPointer, name: name.nested(key), lift: &nested, depth: depth + 1)
            result.append(property(key, schema: schema, type: type, required: required.contains(key), propertyPointer))
        }
        return result
    }

    /// A schema's `properties`, which may be a `$ref` to a map of them (bundlers resolve one there).
    private func propertiesMap(of node: YAMLNode, _ pointer: JSONPointer) -> (node: YAMLNode, pointer: JSONPointer)? {
        guard let written = node["properties"] else { return nil }
        return context.dereference(written, pointer.appending("properties"))
    }

    /// A property from its schema node; annotations may sit beside a `$ref` (OpenAPI 3.1).
    func property(_ key: String, schema: YAMLNode, type: TypeRef, required: Bool, _ pointer: JSONPointer) -> Property {
        var constValue = schema["const"].map { constantValue($0, pointer.appending("const")) }
        if constValue == nil, let values = schema["enum"]?.sequence, values.count == 1, values[0].scalar?.boolValue != nil {
            // `enum: [true]` is a constant, as `const: true` is.
            constValue = values[0].jsonValue
        }
        if constValue == .null { constValue = nil }
        let readOnly = schema["readOnly"]?.scalar?.boolValue ?? false
        let writeOnly = schema["writeOnly"]?.scalar?.boolValue ?? false
        return Property(
            // A read-only property is absent from requests, so it cannot be required of every value of the
            // type; a write-only one is absent from answers, which lowering knows the types of.
            name: key, type: constValue.map { jsonType(of: $0) } ?? type, required: required && !readOnly,
            documentation: Documentation(details: schema["description"]?.scalar?.text),
            deprecated: schema["deprecated"]?.scalar?.boolValue ?? false,
            readOnly: readOnly,
            writeOnly: writeOnly,
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
            for (pattern, _, schema) in context.entries(patterns, patternsPointer, what: "'patternProperties'", nullIsEmpty: true) {
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

    /// For a component schema with a discriminator, the components that extend it through `allOf`
    /// (directly or through another that does), in the document's order, as references to them.
    private func heirs(of pointer: JSONPointer) -> [(node: YAMLNode, pointer: JSONPointer)] {
        let tokens = pointer.tokens
        guard pointer.document == nil, tokens.count == 3, tokens[0] == "components", tokens[1] == "schemas",
              let schemas = context.root["components"]?["schemas"]?.mapping else { return [] }
        let base = tokens[2]
        func parents(_ schema: YAMLNode) -> [String] {
            (schema["allOf"]?.sequence ?? []).compactMap { $0["$ref"]?.scalar?.text }.compactMap(DocumentContext.componentName)
        }
        func extends(_ name: String, _ seen: inout Set<String>) -> Bool {
            guard seen.insert(name).inserted, let schema = context.root["components"]?["schemas"]?[name] else { return false }
            return parents(schema).contains { $0 == base || extends($0, &seen) }
        }
        return schemas.compactMap { pair in
            guard let name = pair.key.scalar?.text, name != base else { return nil }
            var seen: Set<String> = []
            guard extends(name, &seen) else { return nil }
            // A reference's fragment is percent-encoded: a `%` in the name is written `%25`.
            let escaped = String(ComponentSchemas.rootPointer.appending(name).string.flatMap { $0 == "%" ? Array("%25") : [$0] })
            let reference = YAMLNode(.scalar(YAMLScalar(text: escaped, style: .doubleQuoted)), mark: pair.value.mark)
            let key = YAMLNode(.scalar(YAMLScalar(text: "$ref", style: .plain)), mark: pair.value.mark)
            return (YAMLNode(.mapping(YAMLMapping([YAMLPair(key: key, value: reference)])), mark: pair.value.mark),
                    ComponentSchemas.rootPointer.appending(name))
        }
    }

    /// Whether `member` is a `$ref` to a component with a discriminator and no `oneOf`/`anyOf`: one that
    /// becomes the union of the components that extend it.
    private func isInheritanceBase(_ member: YAMLNode) -> Bool {
        guard let reference = member["$ref"]?.scalar?.text, let base = DocumentContext.componentName(reference),
              let schema = context.root["components"]?["schemas"]?[base] else { return false }
        return schema["discriminator"] != nil && schema["oneOf"] == nil && schema["anyOf"] == nil
    }

    /// Members of `allOf` merged into one object: properties in order, later ones replacing earlier
    /// ones; a property is required when any member (or the schema itself) requires it.
    private func allOfShape(_ node: YAMLNode, _ pointer: JSONPointer, name: TypeName, depth: Int) -> Shape {
        var members: [(node: YAMLNode, pointer: JSONPointer)] = []
        var visited: Set<JSONPointer> = []
        for (index, member) in context.sequence(node["allOf"], pointer.appending("allOf"), what: "'allOf'").enumerated() {
            flatten(member, pointer.appending("allOf").appending(index), into: &members, visited: &visited)
        }
        // Properties and `required` written beside allOf apply too.
        members.append((YAMLNode(.mapping(YAMLMapping(node.mapping?.filter { $0.key.scalar?.text != "allOf" } ?? [])), mark: node.mark),
                        pointer))
        // A base whose union lists this schema (`Pet: {oneOf: [Cat, Dog]}`, `Cat: {allOf: [Pet, ...]}`, as
        // springdoc writes inheritance) gives this schema its properties, not its union.
        members = members.map { member in
            let keys: Set<String> = ["oneOf", "anyOf", "discriminator"]
            guard listsAsMember(member, pointer) else { return member }
            return (YAMLNode(.mapping(YAMLMapping(member.node.mapping?.filter { !keys.contains($0.key.scalar?.text ?? "") } ?? [])),
                             mark: member.node.mark), member.pointer)
        }
        // A union among the members: a value is one of its members with everything else merged in.
        let unions = members.filter { $0.node["anyOf"] != nil || $0.node["oneOf"] != nil }
        for extra in unions.dropFirst() {
            context.warning("'allOf' holds more than one union; only the first is generated, and the members of this one are left out",
                            extra.node, extra.pointer)
        }
        if let union = unions.first {
            let keyword = union.node["anyOf"] != nil ? "anyOf" : "oneOf"
            let listPointer = union.pointer.appending(keyword)
            let choices = context.sequence(union.node[keyword], listPointer, what: "'\(keyword)'").enumerated()
                .map { (node: $1, pointer: listPointer.appending($0)) }.filter { !isNullSchema($0.node) }
            if !choices.isEmpty {
                return unionShape(union.node, choices, union.pointer, name: name, depth: depth, mergedWith: members)
            }
        }
        return mergedObjectShape(members, name: name, depth: depth)
    }

    /// Keywords beside a `$ref` that change what the schema allows.
    private static let structuralKeywords: Set<String> = [
        "properties", "required", "items", "prefixItems", "allOf", "oneOf", "anyOf", "additionalProperties", "enum", "const",
    ]

    /// A schema with a `$ref` and keywords beside it that change what it allows: in OpenAPI 3.1 (JSON
    /// Schema 2020-12) both apply, so it is read as `allOf: [{$ref}, {the rest}]`; in 3.0 the keywords
    /// are ignored, with a warning. Nil when there are no such keywords, or in 3.0.
    private func referenceWithSiblings(_ node: YAMLNode, _ pointer: JSONPointer) -> YAMLNode? {
        let pairs = node.mapping ?? []
        let siblings = pairs.filter { Self.structuralKeywords.contains($0.key.scalar?.text ?? "") }
        guard let first = siblings.first else { return nil }
        guard context.root["openapi"]?.scalar?.text.hasPrefix("3.1") == true else {
            context.warning("'\(first.key.scalar?.text ?? "")' beside a $ref is ignored in OpenAPI 3.0; to apply both, "
                            + "write them as the members of an 'allOf'", first.key, pointer.appending(first.key.scalar?.text ?? ""))
            return nil
        }
        let reference = pairs.filter { $0.key.scalar?.text == "$ref" }
        let rest = pairs.filter { $0.key.scalar?.text != "$ref" && !["nullable", "description", "summary"].contains($0.key.scalar?.text ?? "") }
        let annotations = pairs.filter { ["nullable", "description", "summary"].contains($0.key.scalar?.text ?? "") }
        let members = YAMLNode(.sequence([YAMLNode(.mapping(YAMLMapping(reference)), mark: node.mark),
                                          YAMLNode(.mapping(YAMLMapping(rest)), mark: node.mark)]), mark: node.mark)
        let key = YAMLNode(.scalar(YAMLScalar(text: "allOf", style: .plain)), mark: node.mark)
        return YAMLNode(.mapping(YAMLMapping(annotations + [YAMLPair(key: key, value: members)])), mark: node.mark)
    }

    /// Whether the union of `schema` (`oneOf` or `anyOf`) has a member that is a `$ref` to `target`.
    private func listsAsMember(_ schema: (node: YAMLNode, pointer: JSONPointer), _ target: JSONPointer) -> Bool {
        guard schema.pointer != target else { return false }
        let choices = (schema.node["oneOf"]?.sequence ?? []) + (schema.node["anyOf"]?.sequence ?? [])
        return choices.contains { choice in
            guard let reference = choice["$ref"]?.scalar?.text else { return false }
            return context.target(of: reference, from: schema.pointer)?.pointer == target
        }
    }

    /// The type of one member of a union inside `allOf`: an object of the member and the schemas
    /// beside the union merged, declared as `name` among `nested`.
    func mergedMember(_ member: (node: YAMLNode, pointer: JSONPointer), with others: [(node: YAMLNode, pointer: JSONPointer)],
                      name hint: TypeName, nested: inout [TypeDeclaration], depth: Int) -> TypeRef {
        let name = context.claimTypeName(hint)
        var parts = others
        var visited: Set<JSONPointer> = []
        flatten(member.node, member.pointer, into: &parts, visited: &visited)
        switch mergedObjectShape(parts, name: name, depth: depth + 1) {
        case .type(let type):
            return type
        case .declaration(let kind, let inner):
            nested.append(makeDeclaration(member.node, member.pointer, name: name, kind: kind, nested: inner, synthesized: true))
            return .named(name)
        }
    }

    /// The schemas an `allOf` member stands for, references followed and nested `allOf`s flattened, in order.
    private func flatten(_ schema: YAMLNode, _ schemaPointer: JSONPointer, into members: inout [(node: YAMLNode, pointer: JSONPointer)],
                         visited: inout Set<JSONPointer>) {
        var target = (node: schema, pointer: schemaPointer)
        if let reference = schema["$ref"]?.scalar?.text {
            guard let resolved = context.resolve(reference: reference, at: schema, schemaPointer.appending("$ref")) else { return }
            guard visited.insert(resolved.pointer).inserted else {
                context.warning("'allOf' reaches '\(reference)' again; it is merged once", schema, schemaPointer.appending("$ref"))
                return
            }
            target = resolved
        }
        for (index, member) in (target.node["allOf"]?.sequence ?? []).enumerated() {
            flatten(member, target.pointer.appending("allOf").appending(index), into: &members, visited: &visited)
        }
        members.append(target)
    }

    /// One object of the properties of all `members`. A property that two or more members declare as
    /// an object written in place is one object of all their properties (a value must match every
    /// member); otherwise the last member's schema of a property is its type.
    /// Warns when the members of an `allOf` declare one property with different types (a value would
    /// have to be both, which JSON Schema allows and no Swift type can): the last is generated.
    private func warnOfConflicts(_ key: String, _ occurrences: [(node: YAMLNode, pointer: JSONPointer)]) {
        // A reference counts as the type its target declares (an enum of strings is a string).
        func declared(_ schema: YAMLNode, _ pointer: JSONPointer, hops: Int = 0) -> String? {
            if let reference = schema["$ref"]?.scalar?.text {
                guard hops < 8, let target = context.target(of: reference, from: pointer) else { return nil }
                return declared(target.node, target.pointer, hops: hops + 1)
            }
            if let type = schema["type"]?.scalar?.text { return type }
            if let types = schema["type"]?.sequence { return types.compactMap(\.scalar?.text).sorted().joined(separator: " or ") }
            return nil
        }
        let typed = occurrences.compactMap { occurrence in declared(occurrence.node, occurrence.pointer).map { ($0, occurrence) } }
        guard let (lastType, last) = typed.last,
              let (firstType, first) = typed.first(where: { $0.0 != lastType && Set([$0.0, lastType]) != ["integer", "number"] }) else { return }
        context.warning("the members of 'allOf' declare the property '\(key)' as \(firstType) at \(first.pointer) and as \(lastType) "
                        + "here; a value cannot be both, so it is generated as the last one", last.node, last.pointer)
    }

    func mergedObjectShape(_ members: [(node: YAMLNode, pointer: JSONPointer)], name: TypeName, depth: Int) -> Shape {
        var nested: [TypeDeclaration] = []
        var required: Set<String> = []
        var additional: TypeRef?
        var order: [String] = []
        var occurrences: [String: [(node: YAMLNode, pointer: JSONPointer)]] = [:]
        for member in members {
            for item in member.node["required"]?.sequence ?? [] {
                if let key = item.scalar?.text { required.insert(key) }
            }
            if let (propertiesNode, propertiesPointer) = propertiesMap(of: member.node, member.pointer) {
                for (key, _, schema) in context.entries(propertiesNode, propertiesPointer, what: "'properties'", nullIsEmpty: true) {
                    if occurrences[key] == nil { order.append(key) }
                    occurrences[key, default: []].append((schema, propertiesPointer.appending(key)))
                }
            }
            if let extra = additionalProperties(of: member.node, member.pointer, valueName: name.nested("additional_properties"),
                                                lift: &nested, depth: depth + 1) {
                additional = extra
            }
        }
        var merged: [Property] = []
        for key in order {
            guard let list = occurrences[key], let last = list.last else { continue }
            warnOfConflicts(key, list)
            let objects = list.filter { isInlineObject($0.node) }
            var type: TypeRef
            if objects.count > 1, depth + 1 < Self.maxDepth {
                let propertyName = context.claimTypeName(name.nested(key))
                var parts: [(node: YAMLNode, pointer: JSONPointer)] = []
                var visited: Set<JSONPointer> = []
                for object in objects { flatten(object.node, object.pointer, into: &parts, visited: &visited) }
                switch mergedObjectShape(parts, name: propertyName, depth: depth + 1) {
                case .type(let plain):
                    type = plain
                case .declaration(let kind, let inner):
                    nested.append(makeDeclaration(last.node, last.pointer, name: propertyName, kind: kind, nested: inner, synthesized: true))
                    type = .named(propertyName)
                }
                if objects.contains(where: { allowsNull($0.node) }) { type = type.orNull }
            } else {
                type = typeRef(last.node, last.pointer, name: name.nested(key), lift: &nested, depth: depth + 1)
            }
            var property = self.property(key, schema: last.node, type: type, required: false, last.pointer)
            property.required = required.contains(key) && !property.readOnly
            merged.append(property)
        }
        if merged.isEmpty && nested.isEmpty {
            return .type(.map(additional ?? .json))
        }
        return .declaration(.object(ObjectShape(properties: merged, additionalProperties: additional)), nested: nested)
    }

    /// An object schema written in place (not a `$ref`), which an `allOf` can merge with another.
    private func isInlineObject(_ node: YAMLNode) -> Bool {
        guard node.mapping != nil, node["$ref"] == nil, node["anyOf"] == nil, node["oneOf"] == nil else { return false }
        return node["properties"] != nil || node["allOf"] != nil
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
