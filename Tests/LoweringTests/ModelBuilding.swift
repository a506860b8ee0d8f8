import APIModel
@testable import SwiftLowering

/// Hand-made models for the lowering tests: each construct at a line of its own, so that diagnostics
/// say which one they are about.
enum Model {
    static func at(_ line: Int) -> Origin {
        Origin(location: SourceLocation(file: "model", line: line, column: 1), pointer: JSONPointer(tokens: ["line\(line)"]))
    }

    static func property(_ key: String, _ type: TypeRef, required: Bool = true, const: JSONValue? = nil,
                         deprecated: Bool = false, line: Int = 1) -> Property {
        Property(name: key, type: type, required: required, deprecated: deprecated, constValue: const, origin: at(line))
    }

    static func object(_ name: String, _ properties: [Property], additional: TypeRef? = nil, oneOfs: [OneOfGroup] = [],
                       nested: [TypeDeclaration] = [], synthesized: Bool = false, line: Int = 1) -> TypeDeclaration {
        TypeDeclaration(name: TypeName(name.split(separator: ".").map(String.init)),
                        kind: .object(ObjectShape(properties: properties, additionalProperties: additional, oneOfs: oneOfs)),
                        origin: at(line), nested: nested, synthesized: synthesized)
    }

    static func declaration(_ name: String, _ kind: TypeDeclaration.Kind, line: Int = 1) -> TypeDeclaration {
        TypeDeclaration(name: TypeName(name.split(separator: ".").map(String.init)), kind: kind, origin: at(line))
    }

    static func enumeration(_ name: String, _ values: [String], line: Int = 1) -> TypeDeclaration {
        declaration(name, .enumeration(EnumShape(rawType: .string, cases: values.map { EnumShape.Case(value: $0) })), line: line)
    }

    static func named(_ name: String) -> TypeRef {
        .named(TypeName(name.split(separator: ".").map(String.init)))
    }

    static func parameter(_ name: String, _ location: Parameter.Location, _ type: TypeRef, required: Bool = true,
                          encoding: Parameter.Encoding = .form, line: Int = 1) -> Parameter {
        Parameter(name: name, location: location, type: type, required: required, encoding: encoding, origin: at(line))
    }

    static func operation(_ id: String, summary: String? = nil, tag: String? = nil, method: String = "GET", path: String = "/things",
                          server: String? = nil, parameters: [Parameter] = [], body: RequestBody? = nil,
                          response: TypeRef? = nil, media: Response.Media = .json, pagination: Pagination? = nil,
                          line: Int = 1) -> Operation {
        Operation(id: id, nameHint: summary, tags: tag.map { [$0] } ?? [], method: method, path: path, server: server,
                  parameters: parameters, requestBody: body, response: Response(statusCodes: ["200"], type: response, media: media),
                  pagination: pagination, origin: at(line))
    }

    static func api(types: [TypeDeclaration] = [], operations: [Operation] = [],
                    servers: [Server] = [Server(name: "default", url: "https://api.example.com")], envelope: Envelope? = nil,
                    longRunning: LongRunningOperations? = nil) -> APIDefinition {
        APIDefinition(name: "Demo", title: "Demo", servers: servers, authSchemes: [], envelope: envelope,
                      longRunningOperations: longRunning, operations: operations, types: types, origin: at(0))
    }
}

extension Lowering {
    /// The description and the diagnostics as printed (`model:3:1: warning: ... (#/line3)`).
    static func lowered(_ api: APIDefinition) -> (SwiftAPI?, [String]) {
        let (lowered, diagnostics) = lower(api)
        return (lowered, diagnostics.map(\.description))
    }
}

extension SwiftAPI {
    /// A declaration by its qualified name, nested ones included.
    func declaration(_ qualifiedName: String) -> SwiftDeclaration? {
        types.flatMap(\.flattened).first { $0.qualifiedName == qualifiedName }
    }

    func structure(_ qualifiedName: String) -> SwiftStruct? {
        declaration(qualifiedName)?.structure
    }

    func operation(_ id: String) -> SwiftOperation? {
        operations.first { $0.id == id }
    }

    /// Every function of an operation (one per format of its body).
    func functions(_ id: String) -> [SwiftOperation] {
        operations.filter { $0.id == id }
    }
}
