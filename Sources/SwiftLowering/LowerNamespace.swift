import APIModel

/// What the namespace declares besides types and operations: servers, authentication, the envelope.
extension LoweringContext {
    func lowerServers() -> [SwiftServer] {
        if let placeholder = namer.placeholderServer {
            return [SwiftServer(name: placeholder, url: "", documentation: Documentation(), isPlaceholder: true)]
        }
        return namer.servers.map { server, name in
            SwiftServer(name: name, url: server.url, documentation: server.documentation, isPlaceholder: false)
        }
    }

    func lowerAuthSchemes() -> [SwiftAuthScheme] {
        namer.authSchemes.map { scheme, name in
            var labels = Scope()
            return SwiftAuthScheme(
                name: name, documentation: scheme.documentation, basic: scheme.basic,
                credentials: scheme.headers.map { header in
                    SwiftAuthScheme.Credential(label: labels.claim(SwiftIdentifiers.memberName(header.credential)),
                                               wireName: header.name, prefix: header.prefix, credential: header.credential,
                                               location: header.location)
                })
        }
    }

    /// The envelope's properties are named in a scope of their own, the result last.
    func lowerEnvelope(_ envelope: Envelope, name: String) -> SwiftEnvelope {
        var members = Scope(reserved: ReservedNames.envelopeMembers)
        let properties = envelope.properties.map { property in
            lowerProperty(property, name: members.claim(SwiftIdentifiers.memberName(property.name)),
                          storage: property.required ? (property.type.isNullable ? .requiredNullable : .required) : .optional,
                          boxed: false)
        }
        let result = SwiftProperty(name: members.claim(SwiftIdentifiers.memberName(envelope.resultKey)), key: envelope.resultKey,
                                   storage: .optional, valueType: .named("Result"), boxed: false, documentation: Documentation(),
                                   deprecated: false, readOnly: false, writeOnly: false, defaultValue: nil)
        // `Validation` has checked that the success key is a boolean property.
        let success = envelope.successKey.flatMap { key in properties.first { $0.key == key } }.map {
            SwiftEnvelope.SuccessCheck(property: $0.name, optional: $0.storage != .required)
        }
        return SwiftEnvelope(name: name, properties: properties, result: result, success: success, documentation: envelope.documentation,
                             origin: envelope.origin)
    }
}
