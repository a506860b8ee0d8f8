import APIModel

extension EmitContext {
    // MARK: - Enums of values

    /// A closed list of values as an enum that survives values the description does not list:
    /// an unknown value decodes to `.undocumented(value)` and encodes back unchanged.
    func emitEnum(_ declaration: TypeDeclaration, _ shape: EnumShape, into printer: inout CodePrinter) {
        let rawType = shape.rawType == .string ? "String" : "Int"
        let cases = names.caseNames[declaration.name] ?? []
        printer.documentation(documentation(declaration.documentation, origin: declaration.origin,
                                            extra: declaration.deprecated ? ["- Warning: Deprecated."] : []))
        printer.block("public enum \(names.local(declaration.name)): RawRepresentable, Codable, Hashable, Sendable, ParameterValue") { body in
            for (value, name) in zip(shape.cases, cases) {
                body.documentation([value.documentation.details ?? ""])
                body.line("case \(SwiftIdentifiers.escaped(name))")
            }
            body.documentation(["A value this version of the API description does not list."])
            body.line("case undocumented(\(rawType))")
            body.line()
            body.block("public init(rawValue: \(rawType))") { initializer in
                initializer.switchBlock("rawValue") { cases_ in
                    for (value, name) in zip(shape.cases, cases) {
                        cases_.line("case \(rawLiteral(value.value, rawType)): self = .\(SwiftIdentifiers.escaped(name))")
                    }
                    cases_.line("default: self = .undocumented(rawValue)")
                }
            }
            if shape.rawType == .string, shape.cases.contains(where: { $0.number != nil }) {
                body.line()
                emitNumberedDecoding(shape, cases: cases, into: &body)
            }
            body.line()
            body.block("public var rawValue: \(rawType)") { getter in
                getter.switchBlock("self") { cases_ in
                    for (value, name) in zip(shape.cases, cases) {
                        cases_.line("case .\(SwiftIdentifiers.escaped(name)): return \(rawLiteral(value.value, rawType))")
                    }
                    cases_.line("case .undocumented(let value): return value")
                }
            }
        }
    }

    /// Decodes the value's name or its number (protobuf JSON writes names and accepts numbers).
    private func emitNumberedDecoding(_ shape: EnumShape, cases: [String], into printer: inout CodePrinter) {
        printer.documentation(["Decodes the value's name, or its number."])
        printer.block("public init(from decoder: any Decoder) throws") { body in
            body.line("let container = try decoder.singleValueContainer()")
            body.block("if let number = try? container.decode(Int.self)") { numbered in
                numbered.switchBlock("number") { switchBody in
                    for (value, name) in zip(shape.cases, cases) {
                        if let number = value.number { switchBody.line("case \(number): self = .\(SwiftIdentifiers.escaped(name))") }
                    }
                    switchBody.line("default: self = .undocumented(String(number))")
                }
                numbered.line("return")
            }
            body.line("self.init(rawValue: try container.decode(String.self))")
        }
    }

    private func rawLiteral(_ value: String, _ rawType: String) -> String {
        rawType == "String" ? SwiftLiteral.string(value) : value
    }

    // MARK: - Unions

    /// A union as an enum with one case per member. Tagged unions read the tag first and keep
    /// unknown tags as `.undocumented(JSONValue)`; untagged unions try each member in turn and, when
    /// none fits, throw one error listing why each failed.
    func emitUnion(_ declaration: TypeDeclaration, _ shape: UnionShape, into printer: inout CodePrinter) {
        let cases = names.caseNames[declaration.name] ?? []
        let members = zip(shape.members, cases).map { (member: $0, name: SwiftIdentifiers.escaped($1)) }
        let tagged = shape.discriminator != nil
        printer.documentation(documentation(declaration.documentation, origin: declaration.origin,
                                            extra: declaration.deprecated ? ["- Warning: Deprecated."] : []))
        let indirect = recursion.indirectUnions.contains(declaration.name) ? "indirect " : ""
        printer.block("public \(indirect)enum \(names.local(declaration.name)): Codable, Hashable, Sendable") { body in
            for entry in members {
                if tagged {
                    let tags = entry.member.tags.map { "`\($0)`" }.joined(separator: ", ")
                    body.documentation(["Tagged \(tags)."])
                }
                body.line("case \(entry.name)(\(swiftType(entry.member.type)))")
            }
            if tagged {
                body.documentation(["A member whose tag this version of the API description does not list."])
                body.line("case undocumented(JSONValue)")
            }
            body.line()
            body.block("public init(from decoder: any Decoder) throws") { decoding in
                if let discriminator = shape.discriminator {
                    decoding.switchBlock("try decoder.unionTag(\(SwiftLiteral.string(discriminator)))") { switchBody in
                        for entry in members {
                            let tags = entry.member.tags.map(SwiftLiteral.string).joined(separator: ", ")
                            switchBody.line("case \(tags): self = .\(entry.name)(try \(swiftType(entry.member.type))(from: decoder))")
                        }
                        switchBody.line("default: self = .undocumented(try JSONValue(from: decoder))")
                    }
                } else {
                    decoding.line("var failures = UnionDecodingFailures()")
                    for entry in attemptOrder(members) {
                        let type = swiftType(entry.member.type)
                        decoding.line("do { self = .\(entry.name)(try \(type)(from: decoder)); return } "
                                      + "catch { failures.append(\(SwiftLiteral.string(type)), error) }")
                    }
                    decoding.line("throw failures.error(decoding: Self.self, at: decoder.codingPath)")
                }
            }
            body.line()
            body.block("public func encode(to encoder: any Encoder) throws") { encoding in
                encoding.switchBlock("self") { switchBody in
                    for entry in members {
                        if let discriminator = shape.discriminator, let tag = entry.member.tags.first,
                           !declaresProperty(discriminator, entry.member.type) {
                            // The member does not carry its tag (protobuf `Any`'s `@type`): write it too.
                            switchBody.line("case .\(entry.name)(let value):")
                            switchBody.indented {
                                $0.line("try value.encode(to: encoder)")
                                $0.line("try encoder.encodeUnionTag(\(SwiftLiteral.string(discriminator)), \(SwiftLiteral.string(tag)))")
                            }
                        } else {
                            switchBody.line("case .\(entry.name)(let value): try value.encode(to: encoder)")
                        }
                    }
                    if tagged { switchBody.line("case .undocumented(let value): try value.encode(to: encoder)") }
                }
            }
        }
    }

    /// Whether the member type is an object that declares `property` (and so encodes its own tag).
    private func declaresProperty(_ property: String, _ type: TypeRef) -> Bool {
        guard case .named(let name) = type, case .object(let shape)? = declarations[name]?.kind else { return false }
        return shape.properties.contains { $0.name == property }
    }

    /// Untagged members in the order to try them: the narrowest scalars first, objects with more
    /// required properties before those with fewer (an object ignores keys it does not know, so a
    /// looser member would match a stricter member's value) and then with more properties, any-JSON last.
    private func attemptOrder(_ members: [(member: UnionShape.Member, name: String)]) -> [(member: UnionShape.Member, name: String)] {
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
            let (left, right) = (rank(a.element.member.type), rank(b.element.member.type))
            return left != right ? left < right : a.offset < b.offset
        }.map(\.element)
    }

    // MARK: - Aliases

    func emitAlias(_ declaration: TypeDeclaration, _ type: TypeRef, into printer: inout CodePrinter) {
        printer.documentation(documentation(declaration.documentation, origin: declaration.origin,
                                            extra: declaration.deprecated ? ["- Warning: Deprecated."] : []))
        let local = names.local(declaration.name)
        if recursion.emptyAliases.contains(declaration.name) {
            printer.line("public typealias \(local) = JSONValue")
        } else if recursion.wrappedAliases.contains(declaration.name) {
            emitWrapper(local, swiftType(type), into: &printer)
        } else {
            printer.line("public typealias \(local) = \(swiftType(type))")
        }
    }

    /// A struct that holds one value and codes as that value, for an alias that contains itself.
    private func emitWrapper(_ name: String, _ type: String, into printer: inout CodePrinter) {
        printer.block("public struct \(name): Codable, Hashable, Sendable") { body in
            body.line("public let value: \(type)")
            body.line()
            body.block("public init(_ value: \(type))") { $0.line("self.value = value") }
            body.line()
            body.block("public init(from decoder: any Decoder) throws") {
                $0.line("self.value = try decoder.singleValueContainer().decode(\(type).self)")
            }
            body.line()
            body.block("public func encode(to encoder: any Encoder) throws") {
                $0.line("var container = encoder.singleValueContainer()")
                $0.line("try container.encode(self.value)")
            }
        }
    }
}
