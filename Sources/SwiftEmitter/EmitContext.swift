import APIModel

/// What every part of the emitter needs: the API, its names, and how model types read in Swift.
struct EmitContext {
    let api: APIDefinition
    let names: SwiftNames
    let declarations: [TypeName: TypeDeclaration]
    /// Types carried by requests: their optional nullable properties keep absent and `null` apart.
    let inputTypes: Set<TypeName>
    let sourceName: String
    /// Properties and unions that must be stored out of line because a type contains itself.
    let recursion: Recursion

    init(api: APIDefinition, sourceName: String) {
        self.api = api
        self.names = SwiftNames(api: api)
        self.declarations = api.declarationsByName
        self.recursion = Recursion(declarations: declarations)
        self.inputTypes = api.inputTypes
        self.sourceName = sourceName
    }

    // MARK: - Types

    /// The Swift spelling of a model type.
    func swiftType(_ type: TypeRef) -> String {
        switch type {
        case .string(let format):
            switch format {
            case .dateTime: return "Timestamp"
            case .uuid: return "UUIDString"
            case .ipAddress: return "IPAddressString"
            case .ipNetwork: return "IPNetworkString"
            case .ipInterface: return "IPInterfaceString"
            case .secret: return "SecretString"
            case .byte: return "Data"
            case .secretBytes: return "SecretBytes"
            case .duration: return "ProtobufDuration"
            case .fieldMask: return "FieldMask"
            case .plain, .date, .uri, .email, .other: return "String"
            }
        case .integer(let format):
            switch format {
            case .int: return "Int"
            case .int32: return "Int32"
            case .int64: return "Int64"
            case .int64String: return "Int64String"
            }
        case .number: return "Double"
        case .boolean: return "Bool"
        case .json: return "JSONValue"
        case .array(let element): return "[\(swiftType(element))]"
        case .map(let value): return "[String: \(swiftType(value))]"
        case .named(let name): return names.qualified(name)
        case .nullable(let wrapped): return swiftType(wrapped) + "?"
        }
    }

    /// Whether the Swift type needs `import Foundation` (for `Data`).
    func needsFoundation(_ type: TypeRef) -> Bool {
        switch type {
        case .string(.byte): return true
        case .array(let element), .map(let element), .nullable(let element): return needsFoundation(element)
        default: return false
        }
    }

    /// Whether values of the type can go into a path, a query value or a header as text.
    func isParameterValue(_ type: TypeRef) -> Bool {
        switch type.nonNull {
        case .string(.byte): return false
        case .string, .integer, .number, .boolean: return true
        case .named(let name):
            switch declarations[name]?.kind {
            case .enumeration: return true
            case .alias(let target):
                return !recursion.wrappedAliases.contains(name) && !recursion.emptyAliases.contains(name) && isParameterValue(target)
            default: return false
            }
        default: return false
        }
    }

    // MARK: - Properties

    /// How a property is stored and coded.
    enum PropertyKind: Equatable {
        /// `T`: the key must be present.
        case required
        /// `T?`, required by the schema but nullable: encodes `null` for nil.
        case requiredNullable
        /// `T?`: absent (or null) is nil.
        case optional
        /// `Nullable<T>?`: absent, `null` and a value stay apart.
        case threeState
        /// A computed property with the schema's `const` value.
        case constant(JSONValue)
    }

    func kind(of property: Property, in owner: TypeName) -> PropertyKind {
        if let constant = property.constValue { return .constant(constant) }
        if property.required { return property.type.isNullable ? .requiredNullable : .required }
        if property.type.isNullable && inputTypes.contains(owner) { return .threeState }
        return .optional
    }

    /// The property's declared Swift type, and the type its values decode as.
    func propertyTypes(_ property: Property, kind: PropertyKind) -> (declared: String, element: String) {
        let element = swiftType(property.type.nonNull)
        switch kind {
        case .required: return (element, element)
        case .requiredNullable, .optional: return (element + "?", element)
        case .threeState: return ("Nullable<\(element)>?", element)
        case .constant: return (element, element)
        }
    }

    // MARK: - Literals

    /// A Swift literal for a JSON value (for `const` values). Arrays and objects are `JSONValue` literals.
    func literal(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return SwiftLiteral.string(text)
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "nil"
        case .array(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        case .object(let pairs):
            return pairs.isEmpty ? "[:]" : "[" + pairs.map { SwiftLiteral.string($0.key) + ": " + literal($0.value) }.joined(separator: ", ") + "]"
        }
    }

    // MARK: - Documentation

    /// Documentation paragraphs: the text, then a provenance remark by JSON pointer.
    func documentation(_ documentation: Documentation, origin: Origin?, extra: [String] = []) -> [String] {
        var paragraphs: [String] = []
        if let summary = documentation.summary, !summary.isEmpty { paragraphs.append(summary) }
        if let details = documentation.details, !details.isEmpty, details != documentation.summary { paragraphs.append(details) }
        paragraphs.append(contentsOf: extra)
        if let origin {
            paragraphs.append("- Remark: Generated from `\(origin.pointer)`.")
        }
        return paragraphs
    }
}
