import APIModel
import SwiftLowering

/// What every part of the printer reads: the Swift-side description, and how its pieces are spelled.
struct PrintContext: Sendable {
    let api: SwiftAPI
    /// How generated files name their input.
    let sourceName: String

    /// The keyword every generated declaration starts with.
    var access: String { api.access.rawValue }

    // MARK: - Types

    /// The Swift spelling of a type.
    func spelling(_ type: SwiftType) -> String {
        Self.spelling(type)
    }

    static func spelling(_ type: SwiftType) -> String {
        switch type {
        case .builtin(let builtin): return spelling(builtin)
        case .named(let name): return name
        case .array(let element): return "[\(spelling(element))]"
        case .dictionary(let value): return "[String: \(spelling(value))]"
        case .optional(let wrapped):
            let inner = spelling(wrapped)
            // `any P?` would read as `any (P?)`.
            return (inner.hasPrefix("any ") ? "(\(inner))" : inner) + "?"
        case .nullable(let wrapped): return "Nullable<\(spelling(wrapped))>"
        case .boxed(let wrapped): return "Indirect<\(spelling(wrapped))>"
        }
    }

    static func spelling(_ builtin: SwiftType.Builtin) -> String {
        switch builtin {
        case .string: return "String"
        case .int: return "Int"
        case .int32: return "Int32"
        case .int64: return "Int64"
        case .double: return "Double"
        case .bool: return "Bool"
        case .data: return "Data"
        case .int64String: return "Int64String"
        case .json: return "JSONValue"
        case .timestamp: return "Timestamp"
        case .uuidString: return "UUIDString"
        case .ipAddressString: return "IPAddressString"
        case .ipNetworkString: return "IPNetworkString"
        case .ipInterfaceString: return "IPInterfaceString"
        case .secretString: return "SecretString"
        case .secretBytes: return "SecretBytes"
        case .fileUpload: return "FileUpload"
        case .binaryBody: return "any BinaryBody"
        case .protobufDuration: return "ProtobufDuration"
        case .fieldMask: return "FieldMask"
        case .noContent: return "NoContent"
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

    /// Compact JSON text for documentation of defaults.
    func jsonText(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return SwiftLiteral.string(text)
        case .array(let items): return "[" + items.map(jsonText).joined(separator: ", ") + "]"
        case .object(let pairs):
            return "{" + pairs.map { "\(SwiftLiteral.string($0.key)): \(jsonText($0.value))" }.joined(separator: ", ") + "}"
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

    /// A declaration's documentation, with a warning when it is deprecated.
    func documentation(_ declaration: SwiftDeclaration) -> [String] {
        documentation(declaration.documentation, origin: declaration.origin,
                      extra: declaration.deprecated ? ["- Warning: Deprecated."] : [])
    }
}
