import Testing
import YAMLReader

/// YAML merge keys (`<<`), which OpenAPI documents written by hand use to share parameter and schema
/// parts: merged where written, the mapping's own keys winning, earlier sources before later ones.
@Suite struct MergeKeyTests {
    static func keys(_ node: YAMLNode?) -> [String] {
        (node?.mapping ?? []).compactMap(\.key.scalar?.text)
    }

    @Test func aMergedMappingFillsInWhatTheMappingLeavesOut() throws {
        let root = try YAMLReader().read("base: &b\n  type: object\n  description: Base.\nchild:\n  title: C\n  <<: *b\n  description: Child.\n")
        let child = try #require(root["child"])
        #expect(Self.keys(child) == ["title", "type", "description"])
        #expect(child["description"]?.scalar?.text == "Child.")
        #expect(child["type"]?.scalar?.text == "object")
    }

    @Test func ofSeveralMergedMappingsTheEarlierWins() throws {
        let root = try YAMLReader().read("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n")
        #expect(root["c"]?["x"]?.scalar?.text == "1")
        #expect(root["c"]?["y"]?.scalar?.text == "2")
        #expect(Self.keys(root["c"]) == ["x", "y"])
    }

    @Test func aQuotedKeyIsAnOrdinaryKey() throws {
        let root = try YAMLReader().read("m:\n  \"<<\": text\n  a: 1\n")
        #expect(Self.keys(root["m"]) == ["<<", "a"])
    }

    @Test func mergingAScalarIsALocatedError() throws {
        let error = try #require(readError("m:\n  a: 1\n  <<: text\n"))
        #expect(error.message.contains("merge key"))
        #expect(error.mark == Mark(line: 3, column: 3))
    }
}
