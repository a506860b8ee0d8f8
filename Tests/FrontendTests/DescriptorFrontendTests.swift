import APIModel
@testable import DescriptorFrontend
import Testing
import YAMLReader

@Suite struct DescriptorFrontendTests {
    @Test(arguments: [
        ("string", TypeRef.string(.plain), false), ("int64-string?", .integer(.int64String), true),
        ("[Secret]", .array(.named(TypeName("Secret"))), false), ("[string: [int]]?", .map(.array(.integer(.int))), true),
        ("  date-time ", .string(.dateTime), false), ("secret-bytes", .string(.secretBytes), false),
    ])
    func typeExpressions(_ text: String, _ type: TypeRef, _ optional: Bool) throws {
        let expression = try TypeExpression.parse(text).get()
        #expect(try expression.typeRef(resolving: ["Secret"]).get() == type)
        #expect(expression.optional == optional)
    }

    @Test(arguments: ["", "[string", "[int: string]", "string??", "integer", "[string] x", "Unknown"])
    func badTypeExpressionsAreErrors(_ text: String) {
        let result = TypeExpression.parse(text).flatMap { $0.typeRef(resolving: []) }
        #expect(throws: TypeExpression.ParseError.self) { try result.get() }
    }

    @Test func unknownKeysAreErrorsWithTheirLocation() throws {
        let root = try YAMLReader().read("""
            descriptor: 1
            namespace: X
            servers: { default: https://x }
            types:
              A:
                fields:
                  a: { type: string, colour: red }
            """)
        let (api, diagnostics) = DescriptorFrontend.translate(root, file: "d.yaml")
        #expect(api == nil)
        #expect(diagnostics.map(\.description) == [
            "d.yaml:7:26: error: unknown key 'colour' in the field 'a'; the keys are: type, description, deprecated, const, "
                + "read-only, write-only, default, example (#/types/A/fields/a/colour)",
        ])
    }

    @Test func theLockboxDescriptorDescribesEveryRPC() throws {
        let path = #filePath.components(separatedBy: "/Tests/")[0] + "/specs/lockbox/lockbox.yaml"
        let root = try YAMLReader().read(try String(contentsOfFile: path, encoding: .utf8))
        let (api, diagnostics) = DescriptorFrontend.translate(root, file: path)
        let model = try #require(api, "\(diagnostics)")
        let ids = Set(model.operations.map(\.id))
        let rpcs = ["Get", "List", "Create", "Update", "Delete", "Activate", "Deactivate", "ListVersions", "AddVersion",
                    "SetCurrentVersion", "ScheduleVersionDestruction", "CancelVersionDestruction", "ListOperations",
                    "ListAccessBindings", "SetAccessBindings", "UpdateAccessBindings"]
        #expect(ids.isSuperset(of: rpcs.map { "SecretService." + $0 }))
        #expect(ids.isSuperset(of: ["PayloadService.Get", "PayloadService.GetEx"]))
        #expect(model.operations.filter { $0.server == "payload" }.map(\.id).sorted() == ["PayloadService.Get", "PayloadService.GetEx"])
    }
}
