import Foundation
import Spec2SwiftRuntime
import Testing

@Suite struct FieldMaskTests {
    @Test func encodesCommaSeparated() throws {
        let mask: FieldMask = ["name", "description"]
        #expect(try encodeOne(mask) == #"["name,description"]"#)
        #expect(mask.parameterText == "name,description")
    }

    @Test func decodesBack() throws {
        let mask = try decodeOne(FieldMask.self, "\"name,description\"")
        #expect(mask.paths == ["name", "description"])
        #expect(mask == FieldMask(["name", "description"]))
    }

    @Test func emptyStringIsNoPaths() throws {
        #expect(try decodeOne(FieldMask.self, "\"\"").paths == [])
        #expect(try encodeOne(FieldMask([])) == #"[""]"#)
    }
}
