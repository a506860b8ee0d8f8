import APIModel
import OpenAPIFrontend
import Testing
import YAMLReader

@Suite struct OpenAPIFrontendTests {
    static func translate(_ yaml: String) throws -> (APIDefinition?, [Diagnostic]) {
        let root = try YAMLReader().read(yaml)
        return OpenAPIFrontend.translate(root, file: "test.yaml", options: OpenAPIOptions(namespace: "Test"))
    }

    static func properties(_ yaml: String, of schema: String) throws -> [Property] {
        let (api, diagnostics) = try translate(yaml)
        let model = try #require(api, "\(diagnostics)")
        guard case .object(let shape)? = model.types.first(where: { $0.name == TypeName(schema) })?.kind else {
            Issue.record("\(schema) is not an object")
            return []
        }
        return shape.properties
    }

    static let header = "openapi: 3.1.0\ninfo: { title: T, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n"

    @Test func nullInAllThreeSpellings() throws {
        let properties = try Self.properties(Self.header + """
            A:
              type: object
              properties:
                a: { anyOf: [{ type: string }, { type: 'null' }] }
                b: { type: [string, 'null'] }
                c: { type: string, nullable: true }
                d: { oneOf: [{ type: 'null' }, { type: integer }] }
                e: { type: string }
        """, of: "A")
        #expect(properties.map(\.type) == [.nullable(.string(.plain)), .nullable(.string(.plain)), .nullable(.string(.plain)),
                                           .nullable(.integer(.int)), .string(.plain)])
    }

    @Test func integerBoundsBeyondInt64AreAccepted() throws {
        let properties = try Self.properties(Self.header + """
            A: { type: object, properties: { n: { type: integer, minimum: 0, maximum: 9223372036854776000 } } }
        """, of: "A")
        #expect(properties.first?.type == .integer(.int))
    }

    @Test func customFormatsMapToModelFormats() throws {
        let properties = try Self.properties(Self.header + """
            A:
              type: object
              properties:
                a: { type: string, format: uuid4 }
                b: { type: string, format: ipvanyaddress }
                c: { type: string, format: ipvanynetwork }
                d: { type: string, format: password }
                e: { type: string, format: date-time }
                f: { type: string, format: made-up }
        """, of: "A")
        #expect(properties.map(\.type) == [.string(.uuid), .string(.ipAddress), .string(.ipNetwork), .string(.secret),
                                           .string(.dateTime), .string(.other("made-up"))])
    }

    @Test func aReferenceToANullableComponentIsNullableWhereUsed() throws {
        let (api, _) = try Self.translate(Self.header + """
            Maybe: { anyOf: [{ type: string }, { type: 'null' }] }
            A: { type: object, properties: { m: { $ref: '#/components/schemas/Maybe' } } }
        """)
        let model = try #require(api)
        #expect(model.types.first { $0.name == TypeName("Maybe") }?.kind == .alias(.string(.plain)))
        guard case .object(let shape)? = model.types.first(where: { $0.name == TypeName("A") })?.kind else { return }
        #expect(shape.properties.first?.type == .nullable(.named(TypeName("Maybe"))))
    }

    @Test func aMissingReferenceIsAnErrorAtItsLocation() throws {
        let (api, diagnostics) = try Self.translate(Self.header + "    A: { $ref: '#/components/schemas/Nope' }\n")
        #expect(api == nil)
        let error = try #require(diagnostics.first)
        #expect(error.description == "test.yaml:6:16: error: $ref '#/components/schemas/Nope' does not resolve: there is no "
                + "schema named 'Nope' under #/components/schemas (#/components/schemas/A/$ref)")
    }

    @Test func aReferenceThatIsNotAPointerSaysHowToWriteOne() throws {
        let (api, diagnostics) = try Self.translate(Self.header + "    A: { $ref: '#components/schemas/B' }\n    B: { type: string }\n")
        #expect(api == nil)
        let error = try #require(diagnostics.first)
        #expect(error.message.contains("is neither a JSON pointer into this document nor the name of a schema's '$anchor'"))
        #expect(error.message.contains("'#/components/schemas/Name'"))
        #expect(error.pointer?.string == "#/components/schemas/A/$ref")
    }

    @Test func swaggerTwoIsReadIntoTheSameModel() throws {
        let (api, diagnostics) = try Self.translate("""
            swagger: '2.0'
            info: { title: T, version: '1' }
            host: api.example.com
            basePath: /v2
            schemes: [http, https]
            consumes: [application/json]
            produces: [application/json]
            paths:
              /pets:
                post:
                  operationId: addPet
                  parameters:
                    - { in: body, name: pet, required: true, schema: { $ref: '#/definitions/Pet' } }
                    - { in: query, name: tags, type: array, items: { type: string }, collectionFormat: pipes }
                  responses:
                    '200': { description: OK, schema: { $ref: '#/definitions/Pet' } }
              /pets/{id}/photo:
                post:
                  operationId: uploadPhoto
                  consumes: [multipart/form-data]
                  parameters:
                    - { in: path, name: id, required: true, type: integer }
                    - { in: formData, name: file, type: file }
                  responses:
                    '204': { description: Stored }
            definitions:
              Pet:
                type: object
                properties:
                  name: { type: string, x-nullable: true }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let model = try #require(api)
        #expect(model.servers.map(\.url) == ["https://api.example.com/v2", "http://api.example.com/v2"])
        let add = try #require(model.operations.first { $0.id == "addPet" })
        #expect(add.requestBody?.contents.map(\.format) == [.json])
        #expect(add.requestBody?.contents.first?.type == .named(TypeName("Pet")))
        #expect(add.requestBody?.required == true)
        #expect(add.response.type == .named(TypeName("Pet")))
        #expect(add.parameters.first { $0.name == "tags" }?.encoding == .delimited(.pipe))
        let upload = try #require(model.operations.first { $0.id == "uploadPhoto" })
        #expect(upload.requestBody?.contents.map(\.format) == [.multipart])
        guard case .object(let pet)? = model.types.first(where: { $0.name == TypeName("Pet") })?.kind else {
            Issue.record("Pet is not an object")
            return
        }
        #expect(pet.properties.first?.type == .nullable(.string(.plain)))
    }

    @Test func swaggerTwoWithOpenAPIKeyIsRefused() throws {
        let (api, diagnostics) = try Self.translate("swagger: '2.0'\nopenapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: {}\n")
        #expect(api == nil)
        #expect(diagnostics.first?.message.contains("both 'swagger' and 'openapi'") == true)
    }

    @Test func pathLevelParametersApplyToEveryOperation() throws {
        let (api, diagnostics) = try Self.translate("""
            openapi: 3.0.3
            info: { title: T, version: '1' }
            paths:
              /a/{id}:
                parameters: [{ in: path, name: id, required: true, schema: { type: integer } }]
                get: { operationId: g, responses: { '200': { description: ok } } }
                delete:
                  operationId: d
                  parameters: [{ in: path, name: id, required: true, schema: { type: string } }]
                  responses: { '204': { description: gone } }
            """)
        let model = try #require(api, "\(diagnostics)")
        #expect(model.operations.map { $0.parameters.map(\.type) } == [[.integer(.int)], [.string(.plain)]])
    }
}

@Suite struct UnusedPartReferenceTests {
    /// Examples, headers, links and callbacks written as `$ref`s that resolve: nothing to say, and the
    /// operation is read as without them.
    @Test func referencesThatResolveInPartsTheGeneratorDoesNotUseAreQuiet() throws {
        let (api, diagnostics) = try OpenAPIFrontendTests.translate("""
            openapi: 3.1.0
            info: { title: T, version: '1' }
            paths:
              /items:
                get:
                  operationId: list
                  parameters:
                    - { name: q, in: query, schema: { type: string }, examples: { a: { $ref: '#/components/examples/A' } } }
                  responses:
                    '200':
                      description: OK
                      headers: { X-Rate: { $ref: '#/components/headers/Rate' } }
                      links: { next: { $ref: '#/components/links/Next' } }
                      content:
                        application/json:
                          schema: { type: string }
                          examples: { a: { $ref: '#/components/examples/A' } }
                  callbacks:
                    done: { $ref: '#/components/callbacks/Done' }
            components:
              examples: { A: { value: x } }
              headers: { Rate: { schema: { type: integer }, examples: { a: { $ref: '#/components/examples/A' } } } }
              links: { Next: { operationId: list } }
              callbacks:
                Done:
                  '{$request.query.q}':
                    $ref: '#/components/pathItems/Hook'
              pathItems:
                Hook:
                  post: { responses: { '200': { description: OK } } }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(api?.operations.count == 1)
    }

    /// A callback that leads back to its own operation's path item through `$ref`s is followed once.
    @Test func aCallbackCycleThroughPathItemsEnds() throws {
        let (api, diagnostics) = try OpenAPIFrontendTests.translate("""
            openapi: 3.1.0
            info: { title: T, version: '1' }
            paths:
              /a: { $ref: '#/components/pathItems/A' }
            components:
              pathItems:
                A:
                  post:
                    operationId: a
                    responses: { '200': { description: OK } }
                    callbacks:
                      again: { '{$request.body#/url}': { $ref: '#/components/pathItems/A' } }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(api?.operations.count == 1)
    }
}
