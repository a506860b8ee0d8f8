import APIModel

/// Checks of a model that the rest of lowering relies on, made before anything is lowered: what
/// the frontends guarantee for the models they make, checked again for any model (tests build them
/// by hand), so that lowering never looks up what is not there. Each problem is an error at the
/// construct it is about.
enum Validation {
    static func check(_ api: APIDefinition) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func error(_ message: String, _ origin: Origin) {
            diagnostics.append(.error(message, at: origin.location, pointer: origin.pointer))
        }

        var declared: [TypeName: Origin] = [:]
        for declaration in api.types.flatMap(\.flattened) {
            if declared[declaration.name] != nil {
                error("the type '\(declaration.name)' is declared twice", declaration.origin)
            } else {
                declared[declaration.name] = declaration.origin
            }
        }
        func checkReferences(_ types: [TypeRef], _ origin: Origin, _ what: String) {
            for name in types.flatMap(\.referencedNames) where declared[name] == nil {
                error("\(what) refers to the type '\(name)', which is not declared", origin)
            }
        }
        for declaration in api.types.flatMap(\.flattened) {
            checkReferences(declaration.references, declaration.origin, "'\(declaration.name)'")
            if case .object(let shape) = declaration.kind {
                for group in shape.oneOfs where group.fields.isEmpty {
                    error("the one-of group '\(group.name)' of '\(declaration.name)' has no fields", group.origin)
                }
            }
        }

        let servers = Set(api.servers.map(\.name))
        if servers.count != api.servers.count {
            error("two servers have the same name; give each its own", api.origin)
        }
        var ids: Set<String> = []
        for operation in api.operations {
            let what = "the operation '\(operation.id)'"
            if !ids.insert(operation.id).inserted {
                error("the operation id '\(operation.id)' is used twice", operation.origin)
            }
            checkReferences(operation.typeReferences, operation.origin, what)
            if let server = operation.server, !servers.contains(server) {
                error("\(what) is sent to the server '\(server)', which the API does not name", operation.origin)
            }
            let pathParameters = Set(operation.parameters.filter { $0.location == .path }.map(\.name))
            let variables = PathTemplate(operation.path).variables
            for variable in variables where !pathParameters.contains(variable) {
                error("the path of \(what) has '{\(variable)}', but no path parameter of that name", operation.origin)
            }
            for parameter in pathParameters.sorted() where !variables.contains(parameter) {
                error("the path parameter '\(parameter)' of \(what) is not in its path", operation.origin)
            }
        }

        if let envelope = api.envelope {
            checkReferences(envelope.properties.map(\.type), envelope.origin, "the envelope")
            if let success = envelope.successKey,
               envelope.properties.first(where: { $0.name == success })?.type.nonNull != .boolean {
                error("the envelope's success key '\(success)' is not one of its boolean properties", envelope.origin)
            }
        }
        if let longRunning = api.longRunningOperations {
            checkReferences([.named(longRunning.type)], longRunning.origin, "'long-running-operations'")
        }
        return diagnostics
    }
}
