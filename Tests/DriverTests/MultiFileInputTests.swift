import Foundation
import GeneratorDriver
import Testing

/// A project input spread over several files, through the commands: `check` and regeneration notice a
/// change to any file a `$ref` names, and a `$ref` outside the document's folder needs the option.
@Suite struct MultiFileInputTests {
    static func project() throws -> (root: String, specs: String, output: String) {
        let root = try OutputDirectoryTests.temporaryDirectory()
        let specs = root + "/specs"
        let folder = specs + "/pets"
        try FileManager.default.createDirectory(atPath: folder + "/schemas", withIntermediateDirectories: true)
        try Data("input: openapi.yaml\nnamespace: Pets\n".utf8).write(to: URL(fileURLWithPath: folder + "/spec2swift.yaml"))
        try Data("""
            openapi: 3.1.0
            info: { title: Pets, version: '1' }
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses:
                    '200':
                      description: OK
                      content: { application/json: { schema: { type: array, items: { $ref: 'schemas/Pet.yaml' } } } }

            """.utf8).write(to: URL(fileURLWithPath: folder + "/openapi.yaml"))
        try Data("type: object\nproperties:\n  name: { type: string }\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/schemas/Pet.yaml"))
        return (root, specs, root + "/Generated")
    }

    @Test func checkAndRegenerationNoticeAChangeInAReferencedFile() throws {
        let (root, specs, output) = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var printed: [String] = []
        let driver = Driver(printOut: { printed.append($0) }, printError: { printed.append($0) })
        #expect(driver.regenerate(specs: specs, output: output, check: false) == 0, "\(printed)")
        #expect(driver.regenerate(specs: specs, output: output, check: true) == 0, "\(printed)")

        try Data("type: object\nproperties:\n  name: { type: string }\n  age: { type: integer }\n".utf8)
            .write(to: URL(fileURLWithPath: specs + "/pets/schemas/Pet.yaml"))
        printed = []
        #expect(driver.regenerate(specs: specs, output: output, check: true) == 1)
        #expect(printed.contains("stale: \(output)/Pets/Models/Pets.Pet.swift (differs)"), "\(printed)")
        printed = []
        #expect(driver.regenerate(specs: specs, output: output, check: false) == 0)
        // The model's file and the API manifest, and a summary of the API change.
        #expect(printed.last?.contains("2 written") == true, "\(printed)")
        #expect(printed.contains { $0.hasPrefix("spec2swift: Pets API: 1 property added") }, "\(printed)")
        let pet = try String(contentsOfFile: output + "/Pets/Models/Pets.Pet.swift", encoding: .utf8)
        #expect(pet.contains("public let age: Int?"))
        #expect(pet.contains("Generated from `schemas/Pet.yaml#`"))
    }

    @Test func aReferenceOutsideTheFolderNeedsTheOption() throws {
        let (root, specs, output) = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = specs + "/pets"
        // Beside specs/, not in it: every folder in specs/ is an API.
        try FileManager.default.moveItem(atPath: folder + "/schemas", toPath: root + "/shared")
        let document = try String(contentsOfFile: folder + "/openapi.yaml", encoding: .utf8)
        try Data(document.replacingOccurrences(of: "'schemas/Pet.yaml'", with: "'../../shared/Pet.yaml'").utf8)
            .write(to: URL(fileURLWithPath: folder + "/openapi.yaml"))
        var printed: [String] = []
        let driver = Driver(printOut: { printed.append($0) }, printError: { printed.append($0) })
        #expect(driver.regenerate(specs: specs, output: output, check: false) == 1)
        #expect(printed.first?.hasPrefix("\(folder)/openapi.yaml:10:80: error: $ref '../../shared/Pet.yaml' names a file outside "
                                         + "the folder of the input document") == true, "\(printed)")
        #expect(!FileManager.default.fileExists(atPath: output))

        try Data("input: openapi.yaml\nnamespace: Pets\nallow-refs-outside-folder: true\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/spec2swift.yaml"))
        printed = []
        #expect(driver.regenerate(specs: specs, output: output, check: false) == 0, "\(printed)")
        #expect(FileManager.default.fileExists(atPath: output + "/Pets/Models/Pets.Pet.swift"))

        printed = []
        let input = InputSpec(path: folder + "/openapi.yaml", namespace: "Pets", allowRefsOutsideFolder: true)
        #expect(driver.generate(input, output: root + "/One", package: nil) == 0, "\(printed)")
    }
}

/// A `.json` document is read as JSON from its file, so a key longer than YAML's 1,024-character
/// limit on simple keys (a long path, a property name) generates, in the document and in a file a
/// `$ref` names.
@Suite struct LongJSONKeyTests {
    @Test func aJSONFileWithAKeyLongerThanYAMLAllowsGenerates() throws {
        let root = try OutputDirectoryTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = "/" + String(repeating: "segment/", count: 200) + "end"
        let property = String(repeating: "p", count: 2_000)
        let document = #"""
            {"openapi": "3.0.3", "info": {"title": "Long", "version": "1"},
             "paths": {"\#(path)": {"get": {"operationId": "deep", "responses": {"200": {"description": "OK",
               "content": {"application/json": {"schema": {"$ref": "schemas.json#/Thing"}}}}}}}}}
            """#
        try Data(document.utf8).write(to: URL(fileURLWithPath: root + "/openapi.json"))
        try Data(#"{"Thing": {"type": "object", "properties": {"\#(property)": {"type": "string"}}}}"#.utf8)
            .write(to: URL(fileURLWithPath: root + "/schemas.json"))
        #expect(path.utf8.count > 1_024 && property.utf8.count > 1_024)
        var printed: [String] = []
        let driver = Driver(printOut: { printed.append($0) }, printError: { printed.append($0) })
        let status = driver.generate(InputSpec(path: root + "/openapi.json", namespace: "Long"), output: root + "/out", package: nil)
        #expect(status == 0, "\(printed)")
        let files = FileManager.default.enumerator(atPath: root + "/out")?.allObjects as? [String] ?? []
        let sources = try files.filter { $0.hasSuffix(".swift") }.map { try String(contentsOfFile: root + "/out/" + $0, encoding: .utf8) }
        #expect(sources.contains { $0.contains("\"\(property)\"") }, "the long property's wire name is in the model")
        #expect(sources.contains { $0.contains(String(repeating: "segment/", count: 200)) }, "the long path is in the request")
    }
}
