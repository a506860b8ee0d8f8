import APIModel
import SwiftLowering

/// Structs with a memberwise initializer, explicit `Codable` (one line per property, so that `const`
/// checks, `null` handling and extra keys are visible), and wire names in `CodingKeys`.
///
/// The shape is chosen for compile time, measured on the full Gcore Cloud API (see docs/GeneratedCode.md):
/// stored properties are `let` (a `var` adds a setter and a modify accessor per property), and
/// `CodingKeys` is a namespace of `JSONKey` constants rather than a `String, CodingKey` enum, whose
/// synthesized conformance costs as much as the struct itself.
extension PrintContext {
    func printStruct(_ declaration: SwiftDeclaration, _ shape: SwiftStruct, into printer: inout CodePrinter) {
        let additional = shape.additionalProperties.map(spelling)
        printer.documentation(documentation(declaration))
        printer.block("\(access) struct \(declaration.name): Codable, WireHashable, Sendable") { body in
            for property in shape.properties {
                declareProperty(property, in: &body)
            }
            for group in shape.oneOfs {
                body.documentation([group.documentation.details ?? ""])
                body.line("\(access) let \(Identifiers.escaped(group.property)): \(spelling(group.declaredType))")
            }
            if let additional {
                body.documentation(["Keys the schema does not list, with their values."])
                body.line("\(access) let additionalProperties: [String: \(additional)]")
            }
            if case .array(let rest?, let restName) = shape.layout {
                body.documentation(["The items after these."])
                body.line("\(access) let \(Identifiers.escaped(restName)): [\(spelling(rest))]")
            }
            body.line()
            printInitializer(shape, additional: additional, into: &body)
            body.line()
            if case .array(let rest, let restName) = shape.layout {
                printArrayCoding(shape.properties, rest: rest.map { (spelling($0), Identifiers.escaped(restName)) }, into: &body)
                return
            }
            printDecoding(shape, additional: additional, into: &body)
            body.line()
            printEncoding(shape, additional: additional, into: &body)
            for group in shape.oneOfs {
                body.line()
                printOneOfEnum(group, into: &body)
            }
            let keys = shape.properties.map { (name: $0.name, key: $0.key) }
                + shape.oneOfs.flatMap { $0.cases.map { (name: $0.name, key: $0.key) } }
            if !keys.isEmpty {
                body.line()
                printCodingKeys(keys, listingAll: additional != nil, into: &body)
            }
        }
    }

    /// Deprecated properties are stored under a private name, so that generated code reading them
    /// raises no deprecation warning (the public property warns its users); boxed ones too.
    private func storage(_ property: SwiftProperty) -> String {
        property.deprecated || property.boxed ? "_" + property.name : Identifiers.escaped(property.name)
    }

    /// An expression that stores `value` (of the declared type) as the property stores it.
    private func boxed(_ value: String, _ property: SwiftProperty) -> String {
        guard property.boxed else { return value }
        if property.declaredType.isOptional { return (value.contains(" ") ? "(\(value))" : value) + ".map(Indirect.init)" }
        return "Indirect(\(value))"
    }

    /// The stored value, as the declared type.
    private func unboxed(_ property: SwiftProperty) -> String {
        guard property.boxed else { return "self." + storage(property) }
        return "self.\(storage(property))" + (property.declaredType.isOptional ? "?.value" : ".value")
    }

    func declareProperty(_ property: SwiftProperty, in printer: inout CodePrinter) {
        var extra: [String] = []
        if let value = property.defaultValue, value != .null {
            extra.append("Default: `\(jsonText(value))`.")
        }
        if property.readOnly { extra.append("Read-only: set by the server.") }
        if property.writeOnly { extra.append("Write-only: sent, never returned.") }
        printer.documentation(documentation(property.documentation, origin: nil, extra: extra))
        let escaped = Identifiers.escaped(property.name)
        let declared = spelling(property.declaredType)
        switch property.storage {
        case .constant(let value, _):
            printer.line("\(access) var \(escaped): \(declared) { \(constantLiteral(value, property.valueType)) }")
        default:
            if property.deprecated || property.boxed {
                printer.line("private let \(storage(property)): \(spelling(property.storedType))")
                if property.deprecated { printer.line("@available(*, deprecated)") }
                printer.line("\(access) var \(escaped): \(declared) { \(unboxed(property)) }")
            } else {
                printer.line("\(access) let \(escaped): \(declared)")
            }
        }
    }

    private func printOneOfEnum(_ group: SwiftOneOf, into printer: inout CodePrinter) {
        let keys = group.cases.map { "`\($0.key)`" }.joined(separator: ", ")
        printer.documentation(["Which one of \(keys) the object holds."])
        printer.block("\(access) enum \(group.typeName): Hashable, Sendable") { body in
            for field in group.cases {
                body.documentation([field.documentation.details ?? ""])
                body.line("case \(Identifiers.escaped(field.name))(\(spelling(field.type)))")
            }
        }
    }

    private func printInitializer(_ shape: SwiftStruct, additional: String?, into printer: inout CodePrinter) {
        let stored = shape.properties.filter(\.isStored)
        var parameters = stored.map { property in
            "\(Identifiers.escaped(property.name)): \(spelling(property.declaredType))" + (property.defaultsToNil ? " = nil" : "")
        }
        for group in shape.oneOfs {
            parameters.append("\(Identifiers.escaped(group.property)): \(spelling(group.declaredType))" + (group.required ? "" : " = nil"))
        }
        if let additional { parameters.append("additionalProperties: [String: \(additional)] = [:]") }
        if case .array(let rest?, let restName) = shape.layout {
            parameters.append("\(Identifiers.escaped(restName)): [\(spelling(rest))] = []")
        }
        printer.signature("\(access) init", parameters: parameters, suffix: "") { body in
            for property in stored {
                body.line("self.\(storage(property)) = \(boxed(Identifiers.escaped(property.name), property))")
            }
            for group in shape.oneOfs {
                body.line("self.\(Identifiers.escaped(group.property)) = \(Identifiers.escaped(group.property))")
            }
            if additional != nil { body.line("self.additionalProperties = additionalProperties") }
            if case .array(_?, let restName) = shape.layout {
                body.line("self.\(Identifiers.escaped(restName)) = \(Identifiers.escaped(restName))")
            }
        }
    }

    /// A tuple: the items in order from an unkeyed container. An optional item missing at the end is
    /// nil; one that is nil is written as `null` only when an item after it is present.
    private func printArrayCoding(_ properties: [SwiftProperty], rest: (type: String, name: String)?, into printer: inout CodePrinter) {
        printer.block("\(access) init(from decoder: any Decoder) throws") { body in
            body.line("\(properties.isEmpty && rest == nil ? "_" : "var container") = try decoder.unkeyedContainer()")
            for property in properties {
                let element = spelling(property.valueType)
                let value: String
                switch property.storage {
                case .required: value = "try container.decode(\(element).self)"
                case .requiredNullable: value = "try container.decode(\(element)?.self)"
                default: value = "try container.decodeIfPresent(\(element).self)"
                }
                body.line("self.\(storage(property)) = \(boxed(value, property))")
            }
            if let rest {
                body.line("var \(rest.name): [\(rest.type)] = []")
                body.block("while !container.isAtEnd") { $0.line("\(rest.name).append(try container.decode(\(rest.type).self))") }
                body.line("self.\(rest.name) = \(rest.name)")
            }
        }
        printer.line()
        printer.block("\(access) func encode(to encoder: any Encoder) throws") { body in
            body.line("\(properties.isEmpty && rest == nil ? "_" : "var container") = encoder.unkeyedContainer()")
            for (index, property) in properties.enumerated() {
                let write = "try container.encode(\(unboxed(property)))"
                guard property.defaultsToNil else {
                    body.line(write)
                    continue
                }
                // Written when it, or an item after it, is present.
                var present = properties[index...].filter(\.defaultsToNil).map { "self.\(storage($0)) != nil" }
                if let rest { present.append("!self.\(rest.name).isEmpty") }
                body.line("if \(present.joined(separator: " || ")) { \(write) }")
            }
            if let rest {
                body.block("for item in self.\(rest.name)") { $0.line("try container.encode(item)") }
            }
        }
    }

    private func printDecoding(_ shape: SwiftStruct, additional: String?, into printer: inout CodePrinter) {
        printer.block("\(access) init(from decoder: any Decoder) throws") { body in
            guard !shape.properties.isEmpty || !shape.oneOfs.isEmpty else {
                body.line("_ = try decoder.container(keyedBy: JSONKey.self)")
                if let additional { body.line("self.additionalProperties = try decoder.additionalProperties(\(additional).self, excluding: [])") }
                return
            }
            body.line("let container = try decoder.container(keyedBy: JSONKey.self)")
            for property in shape.properties {
                body.line(decodeStatement(property))
            }
            for group in shape.oneOfs {
                decodeOneOf(group, into: &body)
            }
            if let additional {
                body.line("self.additionalProperties = try decoder.additionalProperties(\(additional).self, excluding: CodingKeys.all)")
            }
        }
    }

    private func printEncoding(_ shape: SwiftStruct, additional: String?, into printer: inout CodePrinter) {
        printer.block("\(access) func encode(to encoder: any Encoder) throws") { body in
            guard !shape.properties.isEmpty || !shape.oneOfs.isEmpty else {
                body.line("_ = encoder.container(keyedBy: JSONKey.self)")
                if additional != nil { body.line("try encoder.encodeAdditionalProperties(self.additionalProperties)") }
                return
            }
            body.line("var container = encoder.container(keyedBy: JSONKey.self)")
            for property in shape.properties {
                body.line(encodeStatement(property))
            }
            for group in shape.oneOfs {
                encodeOneOf(group, into: &body)
            }
            if additional != nil {
                body.line("try encoder.encodeAdditionalProperties(self.additionalProperties)")
            }
        }
    }

    /// The first of the group's keys that is present selects the case.
    private func decodeOneOf(_ group: SwiftOneOf, into printer: inout CodePrinter) {
        let property = "self." + Identifiers.escaped(group.property)
        for (index, field) in group.cases.enumerated() {
            let escaped = Identifiers.escaped(field.name)
            let test = "if let value = try container.decodeValueIfPresent(\(spelling(field.type)).self, forKey: CodingKeys.\(escaped))"
            printer.line((index == 0 ? "" : "} else ") + test + " {")
            printer.indented { $0.line("\(property) = .\(escaped)(value)") }
        }
        printer.line("} else {")
        printer.indented { body in
            if group.required, let first = group.cases.first {
                let keys = group.cases.map(\.key).joined(separator: ", ")
                body.line("throw DecodingError.keyNotFound(CodingKeys.\(Identifiers.escaped(first.name)), DecodingError.Context(")
                body.indented {
                    $0.line("codingPath: container.codingPath, debugDescription: \(SwiftLiteral.string("expected one of " + keys))))")
                }
            } else {
                body.line("\(property) = nil")
            }
        }
        printer.line("}")
    }

    private func encodeOneOf(_ group: SwiftOneOf, into printer: inout CodePrinter) {
        printer.switchBlock("self.\(Identifiers.escaped(group.property))") { body in
            for field in group.cases {
                let escaped = Identifiers.escaped(field.name)
                body.line("case .\(escaped)(let value): try container.encodeValue(value, forKey: CodingKeys.\(escaped))")
            }
            if !group.required { body.line("case nil: break") }
        }
    }

    /// `self.x = try container.decode...(T.self, forKey: CodingKeys.x)`, or the `const` check.
    func decodeStatement(_ property: SwiftProperty) -> String {
        let key = "CodingKeys." + Identifiers.escaped(property.name)
        let element = spelling(property.valueType)
        let target = "self." + storage(property)
        switch property.storage {
        case .required:
            return "\(target) = \(boxed("try container.decodeValue(\(element).self, forKey: \(key))", property))"
        case .requiredNullable:
            // The key must be there; its value may be null.
            return "\(target) = \(boxed("try container.decodeValue(\(element)?.self, forKey: \(key))", property))"
        case .optional:
            return "\(target) = \(boxed("try container.decodeValueIfPresent(\(element).self, forKey: \(key))", property))"
        case .threeState:
            return "\(target) = \(boxed("try container.decodeNullable(\(element).self, forKey: \(key))", property))"
        case .constant(let value, let required):
            let check = required ? "decodeConstant" : "decodeConstantIfPresent"
            return "try container.\(check)(\(typedLiteral(value, property.valueType)), forKey: \(key))"
        }
    }

    /// `try container.encode...(self.x, forKey: CodingKeys.x)`: required values always (nil as `null`), optional
    /// ones only when present.
    func encodeStatement(_ property: SwiftProperty) -> String {
        let key = "CodingKeys." + Identifiers.escaped(property.name)
        switch property.storage {
        case .required, .requiredNullable:
            return "try container.encodeValue(\(unboxed(property)), forKey: \(key))"
        case .optional, .threeState:
            return "try container.encodeValueIfPresent(\(unboxed(property)), forKey: \(key))"
        case .constant(let value, _):
            return "try container.encodeValue(\(typedLiteral(value, property.valueType)), forKey: \(key))"
        }
    }

    /// The wire name of each property; `all` lists them for types that keep unknown keys.
    func printCodingKeys(_ keys: [(name: String, key: String)], listingAll: Bool = false, into printer: inout CodePrinter) {
        printer.block("private enum CodingKeys") { body in
            for entry in keys {
                body.line("static var \(Identifiers.escaped(entry.name)): JSONKey { \(SwiftLiteral.string(entry.key)) }")
            }
            if listingAll {
                let all = keys.map { Identifiers.escaped($0.name) }.joined(separator: ", ")
                body.line("static var all: [JSONKey] { [\(all)] }")
            }
        }
    }

    /// A literal with its type spelled out, so that `decodeConstant` knows what to decode.
    private func typedLiteral(_ value: JSONValue, _ type: SwiftType) -> String {
        let text = constantLiteral(value, type)
        switch value {
        case .string: return text
        case .array, .object: return "\(text) as \(spelling(type))"
        default: return "\(spelling(type))(\(text))"
        }
    }

    /// A literal for a `const` value of type `type`: a `Double` gets a float literal, since an
    /// integer literal beyond Int64 does not convert.
    private func constantLiteral(_ value: JSONValue, _ type: SwiftType) -> String {
        if type == .builtin(.double), case .number(let text) = value, !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            return text + ".0"
        }
        return literal(value)
    }
}

extension CodePrinter {
    /// `head(a, b) suffix {` on one line when it fits in the line width, else one parameter per line.
    mutating func signature(_ head: String, parameters: [String], suffix: String, _ body: (inout CodePrinter) -> Void) {
        let oneLine = "\(head)(\(parameters.joined(separator: ", ")))\(suffix)"
        if fits(oneLine + " {") {
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
