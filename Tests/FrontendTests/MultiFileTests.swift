import APIModel
import Foundation
import OpenAPIFrontend
import Testing
import YAMLReader

/// Documents spread over several files: `$ref`s to other files in every place a `$ref` may stand, each
/// file read once, a schema of another file declared once under one name, cycles across files, and
/// diagnostics located in the file where the problem is. The files live in memory here; `read` counts
/// how often each is asked for.
@Suite struct MultiFileTests {
    /// Files by path (the input document is `api/openapi.yaml`), and how often each was read.
    final class Files: @unchecked Sendable {
        let contents: [String: String]
        private let lock = NSLock()
        private(set) var reads: [String: Int] = [:]

        init(_ contents: [String: String]) {
            self.contents = contents
        }

        func read(_ path: String) -> ReferencedFile {
            lock.lock()
            reads[path, default: 0] += 1
            lock.unlock()
            guard let text = contents[path] else { return .unreadable("it does not exist") }
            do {
                return .document(try YAMLReader().read(text))
            } catch {
                return .invalid(.error(error.message, at: SourceLocation(file: path, line: error.mark.line, column: error.mark.column)))
            }
        }
    }

    static func translate(_ files: Files, concurrent: Bool = true, allowOutsideFolder: Bool = false,
                          excluded: Set<String> = []) throws -> (APIDefinition?, [Diagnostic]) {
        let root = try YAMLReader().read(try #require(files.contents["api/openapi.yaml"]))
        let documents = DocumentFiles(file: "api/openapi.yaml", root: root, allowOutsideFolder: allowOutsideFolder,
                                      read: { files.read($0) })
        return OpenAPIFrontend.translate(documents, options: OpenAPIOptions(namespace: "T", concurrent: concurrent,
                                                                            excludedOperations: excluded))
    }

    static let shelter: [String: String] = [
        "api/openapi.yaml": """
            openapi: 3.1.0
            info: { title: T, version: '1' }
            paths:
              /pets: { $ref: paths/pets.yaml }
              /pets/{id}: { $ref: 'paths/pet.json' }
            components:
              schemas:
                Pet: { $ref: schemas/Pet.yaml }
            """,
        "api/paths/pets.yaml": """
            get:
              operationId: listPets
              parameters: [{ $ref: '../common.yaml#/parameters/Limit' }]
              responses:
                '200': { $ref: '../common.yaml#/responses/Pets' }
            post:
              operationId: createPet
              requestBody:
                content: { application/json: { schema: { $ref: ../schemas/Pet.yaml } } }
              responses:
                '201': { description: Created }
            """,
        "api/paths/pet.json": """
            { "get": { "operationId": "getPet",
                       "parameters": [{ "name": "id", "in": "path", "required": true,
                                        "schema": { "$ref": "../schemas/Pet.yaml#/properties/id" } }],
                       "responses": { "200": { "description": "OK", "content": { "application/json": {
                           "schema": { "$ref": "../schemas/Pet.yaml" } } } } } } }
            """,
        "api/common.yaml": """
            parameters:
              Limit: { name: limit, in: query, schema: { type: integer } }
            responses:
              Pets:
                description: OK
                content: { application/json: { schema: { type: array, items: { $ref: 'schemas/Pet.yaml' } } } }
            """,
        "api/schemas/Pet.yaml": """
            type: object
            required: [id]
            properties:
              id: { type: string }
              owner: { $ref: Owner.yaml }
            """,
        "api/schemas/Owner.yaml": """
            type: object
            properties:
              pets: { type: array, items: { $ref: './Pet.yaml' } }
              best: { $ref: '../openapi.yaml#/components/schemas/Pet' }
            """,
    ]

    @Test func eachFileIsReadOnceAndEachSchemaDeclaredOnce() throws {
        let files = Files(Self.shelter)
        let (api, diagnostics) = try Self.translate(files)
        let model = try #require(api, "\(diagnostics)")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(files.reads == ["api/paths/pets.yaml": 1, "api/paths/pet.json": 1, "api/common.yaml": 1,
                                "api/schemas/Pet.yaml": 1, "api/schemas/Owner.yaml": 1])
        #expect(model.types.map(\.name) == [TypeName("Owner"), TypeName("Pet")])
        #expect(model.types.map(\.origin.pointer.string) == ["schemas/Owner.yaml#", "schemas/Pet.yaml#"])
        #expect(model.types.map(\.origin.location.file) == ["api/schemas/Owner.yaml", "api/schemas/Pet.yaml"])
        let operations = Dictionary(uniqueKeysWithValues: model.operations.map { ($0.id, $0) })
        #expect(operations["listPets"]?.response.type == .array(.named(TypeName("Pet"))))
        #expect(operations["listPets"]?.parameters.map(\.name) == ["limit"])
        #expect(operations["createPet"]?.requestBody?.contents.first?.type == .named(TypeName("Pet")))
        #expect(operations["getPet"]?.parameters.first?.type == .string(.plain))
        #expect(operations["getPet"]?.origin.pointer.string == "paths/pet.json#/get")
        guard case .object(let owner)? = model.types.first?.kind else {
            Issue.record("Owner is not an object")
            return
        }
        // Owner.yaml refers back to Pet.yaml, and to the input document's component, which is Pet.yaml.
        #expect(owner.properties.map(\.type) == [.array(.named(TypeName("Pet"))), .named(TypeName("Pet"))])
    }

    @Test func translatingOnAllCoresGivesWhatOneThreadGives() throws {
        let concurrent = try Self.translate(Files(Self.shelter))
        let oneThread = try Self.translate(Files(Self.shelter), concurrent: false)
        #expect(concurrent.0 != nil)
        #expect(concurrent.0 == oneThread.0)
        #expect(concurrent.1 == oneThread.1)
    }

    @Test func schemasOfTheSameNameInTwoFilesGetNumbersInTheOrderOfTheirPaths() throws {
        let files = Files([
            "api/openapi.yaml": """
                openapi: 3.1.0
                info: { title: T, version: '1' }
                paths: {}
                components:
                  schemas:
                    Both:
                      type: object
                      properties:
                        b: { $ref: 'b/Item.yaml' }
                        a: { $ref: 'a/defs.yaml#/$defs/Item' }
                        c: { $ref: 'a/defs.yaml#/components/schemas/Item' }
                    Item: { type: string }
                """,
            "api/a/defs.yaml": "$defs: { Item: { type: object, properties: { x: { type: string } } } }\n"
                + "components: { schemas: { Item: { type: object, properties: { y: { type: string } } } } }\n",
            "api/b/Item.yaml": "type: object\nproperties: { z: { type: string } }\n",
        ])
        let (api, diagnostics) = try Self.translate(files)
        let model = try #require(api, "\(diagnostics)")
        let names = model.types.map { "\($0.name.last) \($0.origin.pointer)" }
        #expect(names == ["Both #/components/schemas/Both", "Item #/components/schemas/Item",
                          "Item2 a/defs.yaml#/$defs/Item", "Item3 a/defs.yaml#/components/schemas/Item", "Item4 b/Item.yaml#"])
    }

    @Test func diagnosticsNameTheFileLineAndColumnWhereTheProblemIs() throws {
        var contents = Self.shelter
        contents["api/schemas/Owner.yaml"] = """
            type: object
            properties:
              pets: { type: array, items: { $ref: './Pet.yaml' } }
              age: { type: years }
              home: { $ref: '#/$defs/Home' }
            """
        contents["api/paths/pet.json"] = """
            { "get": { "operationId": "getPet", "responses": { "200": { "$ref": "../nowhere.yaml" } } } }
            """
        let (api, diagnostics) = try Self.translate(Files(contents))
        #expect(api == nil)
        #expect(diagnostics.map(\.description) == [
            "api/paths/pet.json:1:10: warning: the path has '{id}' but the operation declares no path parameter named 'id'; "
                + "it is generated as a required String path parameter (declare it to give it a type) (paths/pet.json#/get)",
            "api/paths/pet.json:1:59: error: $ref '../nowhere.yaml' names the file 'api/nowhere.yaml', but it does not exist; "
                + "to generate the rest of the document without this operation, exclude it: --exclude-operation 'getPet', "
                + "or `exclude-operations: ['getPet']` in spec2swift.yaml (paths/pet.json#/get/responses/200/$ref)",
            "api/schemas/Owner.yaml:4:16: error: 'years' is not a JSON Schema type; use string, integer, number, boolean, "
                + "object, array or null (schemas/Owner.yaml#/properties/age/type)",
            "api/schemas/Owner.yaml:5:17: error: $ref '#/$defs/Home' does not resolve: there is no '$defs' under "
                + "schemas/Owner.yaml# (schemas/Owner.yaml#/properties/home/$ref)",
        ])
    }

    @Test func cyclesOfReferencesAcrossFilesAreLocatedErrors() throws {
        let files = Files([
            "api/openapi.yaml": """
                openapi: 3.1.0
                info: { title: T, version: '1' }
                paths:
                  /a: { $ref: 'paths/a.yaml' }
                """,
            "api/paths/a.yaml": "$ref: b.yaml\n",
            "api/paths/b.yaml": "$ref: './a.yaml'\n",
        ])
        let (api, diagnostics) = try Self.translate(files)
        #expect(api == nil)
        #expect(diagnostics.map(\.description) == [
            "api/paths/b.yaml:1:1: error: $ref './a.yaml' refers back to itself through a cycle of references (paths/b.yaml#)",
        ])
    }

    @Test func referencesOutsideTheFolderNeedTheOption() throws {
        var contents = Self.shelter
        contents["api/paths/pets.yaml"] = contents["api/paths/pets.yaml"]?.replacingOccurrences(of: "../common.yaml", with: "../../shared/common.yaml")
        contents["shared/common.yaml"] = contents["api/common.yaml"]?.replacingOccurrences(of: "schemas/Pet.yaml", with: "../api/schemas/Pet.yaml")
        contents["api/common.yaml"] = nil
        let refused = try Self.translate(Files(contents))
        #expect(refused.0 == nil)
        #expect(refused.1.first?.description.hasPrefix("api/paths/pets.yaml:3:16: error: $ref '../../shared/common.yaml#/parameters/Limit' "
                                                       + "names a file outside the folder of the input document; move the file into "
                                                       + "that folder, or allow such references with `allow-refs-outside-folder: true`")
                == true, "\(refused.1)")
        let files = Files(contents)
        let (api, diagnostics) = try Self.translate(files, allowOutsideFolder: true)
        #expect(api != nil, "\(diagnostics)")
        #expect(files.reads["shared/common.yaml"] == 1)
        #expect(api?.types.map(\.name.last) == ["Owner", "Pet"])
    }

    @Test func anExcludedOperationReadsNothingAndReportsNothing() throws {
        var contents = Self.shelter
        contents["api/paths/pets.yaml"] = contents["api/paths/pets.yaml"]?
            .replacingOccurrences(of: "'201': { description: Created }", with: "'201': { $ref: '../missing.yaml' }")
        let files = Files(contents)
        let (api, diagnostics) = try Self.translate(files, excluded: ["createPet"])
        #expect(api != nil, "\(diagnostics)")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(files.reads["api/missing.yaml"] == nil)
    }

    @Test func aFileThatIsNotYAMLIsReportedOnceInItself() throws {
        var contents = Self.shelter
        contents["api/schemas/Owner.yaml"] = "type: object\nproperties: { a: [unclosed\n"
        let (api, diagnostics) = try Self.translate(Files(contents))
        #expect(api == nil)
        let inFile = diagnostics.filter { $0.location?.file == "api/schemas/Owner.yaml" }
        #expect(inFile.count == 1, "\(diagnostics)")
        #expect(diagnostics.contains { $0.location?.file == "api/schemas/Pet.yaml"
            && $0.message.hasPrefix("$ref 'Owner.yaml' names the file 'api/schemas/Owner.yaml', which is not YAML or JSON") })
    }

    @Test func pointersIntoOtherFilesKeepTheirPath() {
        let pointer = JSONPointer(document: "odd#dir/100%.yaml").appending("a/b").appending(0)
        #expect(pointer.string == "odd%23dir/100%25.yaml#/a~1b/0")
        #expect(pointer.document == "odd#dir/100%.yaml")
        #expect(pointer.tokens == ["a/b", "0"])
        #expect(JSONPointer.root.appending("x").document == nil)
        #expect(JSONPointer.root.appending("x").tokens == ["x"])
    }
}
