import APIModel

/// The namespace enum of an API: its servers, one constructor per authentication scheme, the
/// response envelope when there is one, and operations that belong to no group.
extension EmitContext {
    func emitNamespace(into printer: inout CodePrinter) {
        var extra: [String] = []
        if let version = api.version { extra.append("API version `\(version)`.") }
        extra.append("- Remark: Generated from `\(sourceName)`.")
        printer.documentation(documentation(api.documentation, origin: nil, extra: extra))
        printer.block("public enum \(names.namespace)") { body in
            for (index, server) in api.servers.enumerated() {
                if index > 0 { body.line() }
                body.documentation([server.documentation.details ?? "", "`\(server.url)`"])
                body.line("public static let \(names.serverNames[server.name] ?? "defaultServer") = \(SwiftLiteral.string(server.url))")
            }
            if api.servers.isEmpty {
                body.documentation(["The API description names no server: set `APIClient.baseURL`."])
                body.line("public static let defaultServer = \"\"")
            }
            guard !api.authSchemes.isEmpty else { return }
            body.line()
            body.documentation(["Ways to authenticate, one per scheme the API description lists."])
            body.block("public enum Auth") { auth in
                for (index, scheme) in api.authSchemes.enumerated() {
                    if index > 0 { auth.line() }
                    emitAuthScheme(scheme, into: &auth)
                }
            }
        }
    }

    private func emitAuthScheme(_ scheme: AuthScheme, into printer: inout CodePrinter) {
        let name = SwiftIdentifiers.escaped(names.authNames[scheme.name] ?? "credentials")
        if scheme.basic {
            printer.documentation([scheme.documentation.details ?? "", "Sends `Authorization: Basic <base64 of username:password>`."])
            printer.block("public static func \(name)(username: String, password: String) -> Authentication") { body in
                body.line("Authentication.basic(username: username, password: password)")
            }
            return
        }
        var credentials = Scope()
        let labels = scheme.headers.map { credentials.claim(SwiftIdentifiers.memberName($0.credential)) }
        let sent = scheme.headers.map { header in
            header.location == .query ? "`?\(header.name)=\(header.prefix)<\(header.credential)>`" : "`\(header.name): \(header.prefix)<\(header.credential)>`"
        }.joined(separator: ", ")
        printer.documentation([scheme.documentation.details ?? "", "Sends \(sent)."])
        let parameters = labels.count == 1
            ? ["_ \(SwiftIdentifiers.escaped(labels[0])): String"]
            : labels.map { "\(SwiftIdentifiers.escaped($0)): String" }
        printer.signature("public static func \(name)", parameters: parameters, suffix: " -> Authentication") { body in
            func pairs(_ location: AuthScheme.Header.Location) -> String {
                zip(scheme.headers, labels).filter { $0.0.location == location }.map { header, label in
                    let value = header.prefix.isEmpty
                        ? SwiftIdentifiers.escaped(label)
                        : "\(SwiftLiteral.string(header.prefix)) + \(SwiftIdentifiers.escaped(label))"
                    return "(\(SwiftLiteral.string(header.name)), \(value))"
                }.joined(separator: ", ")
            }
            let query = pairs(.query)
            body.line("Authentication(headers: [\(pairs(.header))]" + (query.isEmpty ? ")" : ", query: [\(query)])"))
        }
    }

    /// The generic envelope around every response: `result` holds the operation's result, the other
    /// properties report success, messages and paging. Encodable when its result is.
    func emitEnvelope(_ envelope: Envelope, into printer: inout CodePrinter) {
        let propertyNames = names.envelopePropertyNames
        let members = zip(envelope.properties, propertyNames).map { property, name in
            let kind: PropertyKind = property.required ? (property.type.isNullable ? .requiredNullable : .required) : .optional
            return Member(property: property, name: name, kind: kind, types: propertyTypes(property, kind: kind))
        }
        let resultProperty = Property(name: envelope.resultKey, type: .json, required: false, origin: envelope.origin)
        let result = Member(property: resultProperty, name: propertyNames.last ?? "result", kind: .optional,
                            types: ("Result?", "Result"))
        printer.block("extension \(names.namespace)") { namespace in
            namespace.documentation(documentation(envelope.documentation, origin: envelope.origin))
            namespace.block("public struct \(names.envelopeName)<Result: Decodable & Sendable>: ResponseEnvelope") { body in
                emitEnvelopeBody(envelope, members: members, result: result, into: &body)
            }
        }
        printer.line()
        printer.block("extension \(names.namespace).\(names.envelopeName): Encodable where Result: Encodable") { body in
            body.block("public func encode(to encoder: any Encoder) throws") { encoding in
                encoding.line("var container = encoder.container(keyedBy: JSONKey.self)")
                for member in members + [result] {
                    encoding.line(encodeStatement(member))
                }
            }
        }
    }

    private func emitEnvelopeBody(_ envelope: Envelope, members: [Member], result: Member, into body: inout CodePrinter) {
        let resultName = SwiftIdentifiers.escaped(result.name)
        for member in members {
            declareProperty(member, in: &body)
        }
        body.documentation(["The operation's result; nil when the answer has none."])
        body.line("public let \(resultName): Result?")
        body.line()
        body.block("public init(from decoder: any Decoder) throws") { decoding in
            decoding.line("let container = try decoder.container(keyedBy: JSONKey.self)")
            for member in members {
                decoding.line(decodeStatement(member))
            }
            decoding.line("self.\(resultName) = try container.decodeValueIfPresent(Result.self, forKey: CodingKeys.\(resultName))")
        }
        body.line()
        body.documentation(["The result, or `EnvelopeFailure` when the envelope reports failure."])
        body.block("public func unwrap() throws -> Result") { unwrap in
            if let success = envelope.successKey, let member = members.first(where: { $0.property.name == success }) {
                let test = member.kind == .required ? "" : " != false"
                unwrap.block("guard \(SwiftIdentifiers.escaped(member.name))\(test) else") { $0.line("throw EnvelopeFailure()") }
            }
            unwrap.line("if let \(resultName) { return \(resultName) }")
            unwrap.line("if let empty = NoContent() as? Result { return empty }")
            unwrap.line("throw DecodingError.valueNotFound(Result.self, DecodingError.Context(")
            unwrap.indented { $0.line("codingPath: [CodingKeys.\(resultName)], debugDescription: \"the envelope holds no result\"))") }
        }
        body.line()
        emitCodingKeys(members + [result], into: &body)
    }

}
