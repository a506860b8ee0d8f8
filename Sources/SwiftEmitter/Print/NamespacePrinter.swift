import APIModel
import SwiftLowering

/// The namespace enum of an API: its servers, one constructor per authentication scheme, and the
/// response envelope when there is one.
extension PrintContext {
    func printNamespace(into printer: inout CodePrinter) {
        var extra: [String] = []
        if let version = api.version { extra.append("API version `\(version)`.") }
        extra.append("- Remark: Generated from `\(sourceName)`.")
        printer.documentation(documentation(api.documentation, origin: nil, extra: extra))
        printer.topLevelBlock("\(access) enum \(api.namespace)") { body in
            // Compiling against a runtime older than this generator's fails here, with the fix in the type's name.
            body.line("typealias _RequiredRuntime = \(RuntimeMarker.typeName)")
            body.line()
            for (index, server) in api.servers.enumerated() {
                if index > 0 { body.line() }
                if server.isPlaceholder {
                    body.documentation(["The API description names no server: set `APIClient.baseURL`."])
                } else {
                    body.documentation([server.documentation.details ?? "", "`\(server.url)`"])
                }
                body.line("\(access) static let \(server.name) = \(SwiftLiteral.string(server.url))")
            }
            if let shape = api.errorShape {
                func path(_ keys: [String]) -> String { "[" + keys.map(SwiftLiteral.string).joined(separator: ", ") + "]" }
                let arguments = (shape.list.map { ["list: " + path($0)] } ?? []) + ["message: " + path(shape.message)]
                    + (shape.code.map { ["code: " + path($0)] } ?? [])
                body.line()
                body.documentation(["Where this API's error bodies hold their messages (from its profile)."])
                body.line("\(access) static let \(shape.name) = ProviderMessage.Shape(" + arguments.joined(separator: ", ") + ")")
            }
            guard !api.authSchemes.isEmpty else { return }
            body.line()
            body.documentation(["Ways to authenticate, one per scheme the API description lists."])
            body.block("\(access) enum Auth") { auth in
                for (index, scheme) in api.authSchemes.enumerated() {
                    if index > 0 { auth.line() }
                    printAuthScheme(scheme, into: &auth)
                }
            }
        }
    }

    private func printAuthScheme(_ scheme: SwiftAuthScheme, into printer: inout CodePrinter) {
        let name = Identifiers.escaped(scheme.name)
        if scheme.basic {
            printer.documentation([scheme.documentation.details ?? "", "Sends `Authorization: Basic <base64 of username:password>`."])
            printer.block("\(access) static func \(name)(username: String, password: String) -> Authentication") { body in
                body.line("Authentication.basic(username: username, password: password)")
            }
            return
        }
        let sent = scheme.credentials.map { credential in
            credential.location == .query
                ? "`?\(credential.wireName)=\(credential.prefix)<\(credential.credential)>`"
                : "`\(credential.wireName): \(credential.prefix)<\(credential.credential)>`"
        }.joined(separator: ", ")
        printer.documentation([scheme.documentation.details ?? "", "Sends \(sent)."])
        let parameters = scheme.credentials.count == 1
            ? scheme.credentials.map { "_ \(Identifiers.escaped($0.label)): String" }
            : scheme.credentials.map { "\(Identifiers.escaped($0.label)): String" }
        printer.signature("\(access) static func \(name)", parameters: parameters, suffix: " -> Authentication") { body in
            func pairs(_ location: AuthScheme.Header.Location) -> String {
                scheme.credentials.filter { $0.location == location }.map { credential in
                    let label = Identifiers.escaped(credential.label)
                    let value = credential.prefix.isEmpty ? label : "\(SwiftLiteral.string(credential.prefix)) + \(label)"
                    return "(\(SwiftLiteral.string(credential.wireName)), \(value))"
                }.joined(separator: ", ")
            }
            let query = pairs(.query)
            body.line("Authentication(headers: [\(pairs(.header))]" + (query.isEmpty ? ")" : ", query: [\(query)])"))
        }
    }

    /// The generic envelope around every response: `result` holds the operation's result, the other
    /// properties report success, messages and paging. Encodable when its result is.
    func printEnvelope(_ envelope: SwiftEnvelope, into printer: inout CodePrinter) {
        printer.topLevelBlock("extension \(api.namespace)") { namespace in
            namespace.documentation(documentation(envelope.documentation, origin: envelope.origin))
            namespace.block("\(access) struct \(envelope.name)<Result: Decodable & Sendable>: ResponseEnvelope") { body in
                printEnvelopeBody(envelope, into: &body)
            }
        }
        printer.line()
        printer.topLevelBlock("extension \(api.namespace).\(envelope.name): Encodable where Result: Encodable") { body in
            body.block("\(access) func encode(to encoder: any Encoder) throws") { encoding in
                encoding.line("var container = encoder.container(keyedBy: JSONKey.self)")
                for property in envelope.properties + [envelope.result] {
                    encoding.line(encodeStatement(property))
                }
            }
        }
    }

    private func printEnvelopeBody(_ envelope: SwiftEnvelope, into body: inout CodePrinter) {
        let resultName = Identifiers.escaped(envelope.result.name)
        for property in envelope.properties {
            declareProperty(property, in: &body)
        }
        body.documentation(["The operation's result; nil when the answer has none."])
        body.line("\(access) let \(resultName): Result?")
        body.line()
        body.block("\(access) init(from decoder: any Decoder) throws") { decoding in
            decoding.line("let container = try decoder.container(keyedBy: JSONKey.self)")
            for property in envelope.properties {
                decoding.line(decodeStatement(property))
            }
            decoding.line("self.\(resultName) = try container.decodeValueIfPresent(Result.self, forKey: CodingKeys.\(resultName))")
        }
        body.line()
        body.documentation(["The result, or `EnvelopeFailure` when the envelope reports failure."])
        body.block("\(access) func unwrap() throws -> Result") { unwrap in
            if let success = envelope.success {
                unwrap.block("guard \(Identifiers.escaped(success.property))\(success.optional ? " != false" : "") else") {
                    $0.line("throw EnvelopeFailure()")
                }
            }
            unwrap.line("if let \(resultName) { return \(resultName) }")
            unwrap.line("if let absent = Self.absentResult() { return absent }")
            unwrap.line("throw DecodingError.valueNotFound(Result.self, DecodingError.Context(")
            unwrap.indented { $0.line("codingPath: [CodingKeys.\(resultName)], debugDescription: \"the envelope holds no result\"))") }
        }
        body.line()
        printCodingKeys((envelope.properties + [envelope.result]).map { (name: $0.name, key: $0.key) }, into: &body)
    }
}
