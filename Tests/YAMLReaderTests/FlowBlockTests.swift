import Testing
import YAMLReader

/// Flow and block styles are two spellings of one tree.
@Suite struct FlowBlockTests {
    static let block = """
        name: demo
        tags:
          - a
          - b
        limits:
          cpu: 2
          memory: 1.5
        servers:
          - url: https://example.com
            variables:
              region: eu
          - url: https://example.org
            variables: {}
        empty: []
        nothing: ~
        """

    static let mixed = """
        name: demo
        tags: [a, b]
        limits: {cpu: 2, memory: 1.5}
        servers:
          - {url: "https://example.com", variables: {region: eu}}
          - url: https://example.org
            variables: {}
        empty: []
        nothing: ~
        """

    static let flow = """
        {name: demo, tags: [a, b], limits: {cpu: 2, memory: 1.5},
         servers: [{url: "https://example.com", variables: {region: eu}},
                   {url: "https://example.org", variables: {}}],
         empty: [], nothing: ~}
        """

    @Test func mixedStylesGiveTheBlockTree() throws {
        let block = Shape(try YAMLReader().read(Self.block))
        let mixed = Shape(try YAMLReader().read(Self.mixed))
        #expect(mixed == block)
    }

    @Test func flowOnlyGivesTheBlockTree() throws {
        let block = Shape(try YAMLReader().read(Self.block))
        let flow = Shape(try YAMLReader().read(Self.flow))
        #expect(flow == block)
    }

    @Test func theTreeHasTheExpectedShape() throws {
        let root = try YAMLReader().read(Self.mixed)
        let keys = try #require(root.mapping).compactMap(\.key.scalar?.text)
        #expect(keys == ["name", "tags", "limits", "servers", "empty", "nothing"])
        #expect(root["tags"]?.sequence?.compactMap(\.scalar?.text) == ["a", "b"])
        #expect(root["limits"]?["cpu"]?.scalar?.resolved == .int("2"))
        #expect(root["limits"]?["memory"]?.scalar?.resolved == .float(1.5))
        let servers = try #require(root["servers"]?.sequence)
        #expect(servers.count == 2)
        #expect(servers[0]["variables"]?["region"]?.scalar?.text == "eu")
        #expect(servers[1]["variables"]?.mapping?.isEmpty == true)
        #expect(root["empty"]?.sequence?.isEmpty == true)
        #expect(root["nothing"]?.scalar?.resolved == .null)
    }

    @Test func differentTreesAreNotEqual() throws {
        // Guards the comparison itself: a changed value must make the shapes differ.
        let block = Shape(try YAMLReader().read(Self.block))
        let changed = Shape(try YAMLReader().read(Self.mixed.split(separator: "\n").map { $0 == "limits: {cpu: 2, memory: 1.5}" ? "limits: {cpu: 3, memory: 1.5}" : String($0) }.joined(separator: "\n")))
        #expect(changed != block)
    }

    @Test func subscriptFindsScalarKeysOnly() throws {
        let root = try YAMLReader().read("{a: 1}")
        #expect(root["a"]?.scalar?.text == "1")
        #expect(root["b"] == nil)
        #expect(root["a"]?["a"] == nil)
        #expect(root.sequence == nil)
        #expect(root.scalar == nil)
    }
}
