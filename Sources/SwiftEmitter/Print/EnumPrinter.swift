import APIModel
import SwiftLowering

extension PrintContext {
    // MARK: - Enums of values

    /// A closed list of values as an enum that survives values the description does not list:
    /// an unknown value decodes to `.undocumented(value)` and encodes back unchanged.
    func printEnum(_ declaration: SwiftDeclaration, _ shape: SwiftEnum, into printer: inout CodePrinter) {
        let rawType = shape.rawType == .string ? "String" : "Int"
        func rawLiteral(_ value: String) -> String {
            shape.rawType == .string ? SwiftLiteral.string(value) : value
        }
        printer.documentation(documentation(declaration))
        printer.block("\(access) enum \(declaration.name): RawRepresentable, Codable, Hashable, Sendable, ParameterValue") { body in
            for value in shape.cases {
                body.documentation([value.documentation.details ?? ""])
                body.line("case \(Identifiers.escaped(value.name))")
            }
            body.documentation(["A value this version of the API description does not list."])
            body.line("case undocumented(\(rawType))")
            body.line()
            body.block("\(access) init(rawValue: \(rawType))") { initializer in
                initializer.switchBlock("rawValue") { cases in
                    for value in shape.cases {
                        cases.line("case \(rawLiteral(value.value)): self = .\(Identifiers.escaped(value.name))")
                    }
                    cases.line("default: self = .undocumented(rawValue)")
                }
            }
            if shape.decodesNumbers {
                body.line()
                printNumberedDecoding(shape, into: &body)
            }
            body.line()
            body.block("\(access) var rawValue: \(rawType)") { getter in
                getter.switchBlock("self") { cases in
                    for value in shape.cases {
                        cases.line("case .\(Identifiers.escaped(value.name)): return \(rawLiteral(value.value))")
                    }
                    cases.line("case .undocumented(let value): return value")
                }
            }
        }
    }

    /// Decodes the value's name or its number (protobuf JSON writes names and accepts numbers).
    private func printNumberedDecoding(_ shape: SwiftEnum, into printer: inout CodePrinter) {
        printer.documentation(["Decodes the value's name, or its number."])
        printer.block("\(access) init(from decoder: any Decoder) throws") { body in
            body.line("let container = try decoder.singleValueContainer()")
            body.block("if let number = try? container.decode(Int.self)") { numbered in
                numbered.switchBlock("number") { cases in
                    for value in shape.cases {
                        if let number = value.number { cases.line("case \(number): self = .\(Identifiers.escaped(value.name))") }
                    }
                    cases.line("default: self = .undocumented(String(number))")
                }
                numbered.line("return")
            }
            body.line("self.init(rawValue: try container.decode(String.self))")
        }
    }

    // MARK: - Unions

    /// A union as an enum with one case per member. Tagged unions read the tag first and keep
    /// unknown tags as `.undocumented(JSONValue)`; untagged unions try each member in turn and, when
    /// none fits, throw one error listing why each failed.
    func printUnion(_ declaration: SwiftDeclaration, _ shape: SwiftUnion, into printer: inout CodePrinter) {
        var tagged = false
        if case .tagged = shape.selection { tagged = true }
        printer.documentation(documentation(declaration))
        let indirect = shape.indirect ? "indirect " : ""
        printer.block("\(access) \(indirect)enum \(declaration.name): Codable, WireHashable, Sendable") { body in
            for member in shape.members {
                if tagged {
                    let tags = member.tags.map { "`\($0)`" }.joined(separator: ", ")
                    body.documentation(["Tagged \(tags)."])
                }
                body.line("case \(Identifiers.escaped(member.name))(\(spelling(member.type)))")
            }
            if tagged {
                body.documentation(["A member whose tag this version of the API description does not list."])
                body.line("case undocumented(JSONValue)")
            }
            body.line()
            body.block("\(access) init(from decoder: any Decoder) throws") { decoding in
                switch shape.selection {
                case .tagged(let discriminator):
                    decoding.switchBlock("try decoder.unionTag(\(SwiftLiteral.string(discriminator)))") { cases in
                        for member in shape.members {
                            let tags = member.tags.map(SwiftLiteral.string).joined(separator: ", ")
                            cases.line("case \(tags): self = .\(Identifiers.escaped(member.name))(try \(spelling(member.type))(from: decoder))")
                        }
                        cases.line("default: self = .undocumented(try JSONValue(from: decoder))")
                    }
                case .untagged(let attemptOrder):
                    decoding.line("var failures = UnionDecodingFailures()")
                    for member in attemptOrder {
                        let type = spelling(member.type)
                        decoding.line("do { self = .\(Identifiers.escaped(member.name))(try \(type)(from: decoder)); return } "
                                      + "catch { failures.append(\(SwiftLiteral.string(type)), error) }")
                    }
                    decoding.line("throw failures.error(decoding: Self.self, at: decoder.codingPath)")
                }
            }
            body.line()
            body.block("\(access) func encode(to encoder: any Encoder) throws") { encoding in
                encoding.switchBlock("self") { cases in
                    for member in shape.members {
                        let name = Identifiers.escaped(member.name)
                        if case .tagged(let discriminator) = shape.selection, let tag = member.writtenTag {
                            // The member does not carry its tag (protobuf `Any`'s `@type`): write it too.
                            cases.line("case .\(name)(let value):")
                            cases.indented {
                                $0.line("try value.encode(to: encoder)")
                                $0.line("try encoder.encodeUnionTag(\(SwiftLiteral.string(discriminator)), \(SwiftLiteral.string(tag)))")
                            }
                        } else {
                            cases.line("case .\(name)(let value): try value.encode(to: encoder)")
                        }
                    }
                    if tagged { cases.line("case .undocumented(let value): try value.encode(to: encoder)") }
                }
            }
        }
    }

    // MARK: - Aliases

    func printAlias(_ declaration: SwiftDeclaration, _ alias: SwiftAlias, into printer: inout CodePrinter) {
        printer.documentation(documentation(declaration))
        switch alias {
        case .typeAlias(let type):
            printer.line("\(access) typealias \(declaration.name) = \(spelling(type))")
        case .wrapper(let type):
            printWrapper(declaration.name, spelling(type), into: &printer)
        }
    }

    /// A struct that holds one value and codes as that value, for an alias that contains itself.
    private func printWrapper(_ name: String, _ type: String, into printer: inout CodePrinter) {
        printer.block("\(access) struct \(name): Codable, WireHashable, Sendable") { body in
            body.line("\(access) let value: \(type)")
            body.line()
            body.block("\(access) init(_ value: \(type))") { $0.line("self.value = value") }
            body.line()
            body.block("\(access) init(from decoder: any Decoder) throws") {
                $0.line("self.value = try decoder.singleValueContainer().decode(\(type).self)")
            }
            body.line()
            body.block("\(access) func encode(to encoder: any Encoder) throws") {
                $0.line("var container = encoder.singleValueContainer()")
                $0.line("try container.encode(self.value)")
            }
        }
    }
}
