import APIModel

/// Builds a JSON instance of a model type from what the API description itself says: each property's
/// `example`/`examples`, else its `default`, enum values and `const` values. Only where the description
/// gives nothing does it fill in a plain value of the right type (`"string"`, `1`, a valid timestamp).
///
/// Optional properties whose value would be `null` are left out, so that an instance that decodes
/// and re-encodes must come back equal.
public struct ExampleAssembler {
    let declarations: [TypeName: TypeDeclaration]
    let maxDepth = 12

    public init(api: APIDefinition) {
        declarations = api.declarationsByName
    }

    /// An instance of a declared type; nil when none can be built (an empty union, a depth limit).
    public func instance(of name: TypeName) -> JSONValue? {
        instance(.named(name), examples: [], depth: 0)
    }

    func instance(_ type: TypeRef, examples: [JSONValue], depth: Int) -> JSONValue? {
        if let example = examples.first(where: { fits($0, type) }) { return example }
        guard depth < maxDepth else { return nil }
        switch type {
        case .nullable(let wrapped): return instance(wrapped, examples: [], depth: depth)
        case .string(let format): return .string(sample(format))
        case .integer(.int64String): return .string("42")
        case .integer: return .number("1")
        case .number: return .number("1.5")
        case .boolean: return .bool(true)
        case .json: return .object([(key: "key", value: .string("value"))])
        case .array(let element): return instance(element, examples: [], depth: depth + 1).map { .array([$0]) } ?? .array([])
        case .map(let value): return instance(value, examples: [], depth: depth + 1).map { .object([(key: "key", value: $0)]) } ?? .object([])
        case .named(let name):
            guard let declaration = declarations[name] else { return nil }
            return instance(of: declaration, depth: depth + 1)
        }
    }

    func instance(of declaration: TypeDeclaration, depth: Int) -> JSONValue? {
        switch declaration.kind {
        case .alias(let type):
            return instance(type, examples: declaration.examples, depth: depth)
        case .enumeration(let shape):
            guard let first = shape.cases.first else { return nil }
            if let example = declaration.examples.first(where: { value in shape.cases.contains { caseValue(value) == $0.value } }) {
                return example
            }
            return shape.rawType == .integer ? .number(first.value) : .string(first.value)
        case .union(let shape):
            for member in shape.members {
                guard var value = instance(member.type, examples: [], depth: depth) else { continue }
                if let tag = shape.discriminator, let first = member.tags.first, case .object(var pairs) = value,
                   !pairs.contains(where: { $0.key == tag }) {
                    pairs.append((key: tag, value: .string(first)))
                    value = .object(pairs)
                }
                return value
            }
            return nil
        case .object(let shape):
            var pairs: [(key: String, value: JSONValue)] = []
            for property in shape.properties {
                if let constant = property.constValue {
                    pairs.append((property.name, constant))
                    continue
                }
                var candidates = property.examples
                if let value = property.defaultValue { candidates.append(value) }
                let value: JSONValue?
                if let example = candidates.first(where: { $0 != .null && fits($0, property.type) }) {
                    value = example
                } else if property.required || depth < 4 {
                    value = instance(property.type, examples: [], depth: depth)
                } else {
                    value = nil
                }
                if let value, value != .null || property.required {
                    pairs.append((property.name, value))
                } else if property.required {
                    return nil
                }
            }
            for group in shape.oneOfs {
                if let field = group.fields.first, let value = instance(field.type, examples: field.examples, depth: depth) {
                    pairs.append((field.name, value))
                }
            }
            return .object(pairs)
        case .tuple(let shape):
            var items: [JSONValue] = []
            for item in shape.items where item.required {
                guard let value = instance(item.type, examples: item.examples, depth: depth) else { return nil }
                items.append(value)
            }
            return .array(items)
        }
    }

    private func caseValue(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text), .number(let text): return text
        default: return nil
        }
    }

    /// Whether an example has the JSON kind the type expects (its details are the decoder's to judge).
    func fits(_ value: JSONValue, _ type: TypeRef) -> Bool {
        switch (value, type) {
        case (.null, .nullable): return true
        case (_, .nullable(let wrapped)): return fits(value, wrapped)
        case (_, .json): return true
        case (.string, .string), (.bool, .boolean), (.number, .number): return true
        case (.string, .integer(.int64String)): return true
        case (.number(let text), .integer): return !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
        case (.array(let items), .array(let element)): return items.allSatisfy { fits($0, element) }
        case (.object(let pairs), .map(let element)): return pairs.allSatisfy { fits($0.value, element) }
        case (_, .named(let name)):
            switch declarations[name]?.kind {
            case .alias(let target)?: return fits(value, target)
            case .enumeration(let shape)?: return caseValue(value).map { text in shape.cases.contains { $0.value == text } } ?? false
            default: return false // Objects and unions are built from their own parts.
            }
        default: return false
        }
    }

    func sample(_ format: StringFormat) -> String {
        switch format {
        case .dateTime: return "2024-05-01T10:00:00.123456Z"
        case .date: return "2024-05-01"
        case .uuid: return "bfc7824b-31b6-4a28-a0c4-7df137139215"
        case .uri: return "https://example.com/path"
        case .email: return "user@example.com"
        case .ipAddress: return "192.0.2.1"
        case .ipNetwork: return "192.0.2.0/24"
        case .ipInterface: return "192.0.2.1/24"
        case .byte, .secretBytes, .binary: return "aGVsbG8="
        case .duration: return "1.5s"
        case .fieldMask: return "name,description"
        case .secret, .plain, .other: return "string"
        }
    }
}

extension JSONValue {
    /// JSON text (object keys in their order).
    public var jsonText: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return Self.quoted(text)
        case .array(let items): return "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { Self.quoted($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }

    public static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
