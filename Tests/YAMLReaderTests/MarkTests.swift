import Testing
import YAMLReader

/// Every node keeps the 1-based line and column of its first character.
@Suite struct MarkTests {
    @Test func blockMappingKeysAndValues() throws {
        let root = try YAMLReader().read("name: demo\nversion: 2\n")
        #expect(root.mark == Mark(line: 1, column: 1))
        let pairs = try #require(root.mapping)
        #expect(pairs.count == 2)
        #expect(pairs[0].key.mark == Mark(line: 1, column: 1))
        #expect(pairs[0].value.mark == Mark(line: 1, column: 7))
        #expect(pairs[1].key.mark == Mark(line: 2, column: 1))
        #expect(pairs[1].value.mark == Mark(line: 2, column: 10))
    }

    @Test func nestedBlockMapping() throws {
        let root = try YAMLReader().read("outer:\n  inner: x\n  other: y\n")
        let outer = try #require(root["outer"])
        #expect(outer.mark == Mark(line: 2, column: 3))
        #expect(outer["inner"]?.mark == Mark(line: 2, column: 10))
        #expect(outer["other"]?.mark == Mark(line: 3, column: 10))
        #expect(outer.mapping?[1].key.mark == Mark(line: 3, column: 3))
    }

    @Test func nestedSequenceItems() throws {
        let text = """
            items:
              - a
              - b: 1
                c: 2
              - [x, y]
            """
        let root = try YAMLReader().read(text)
        let items = try #require(root["items"])
        #expect(items.mark == Mark(line: 2, column: 3))
        let list = try #require(items.sequence)
        #expect(list.count == 3)
        #expect(list[0].mark == Mark(line: 2, column: 5))
        #expect(list[0].scalar?.text == "a")
        #expect(list[1].mark == Mark(line: 3, column: 5))
        #expect(list[1]["b"]?.mark == Mark(line: 3, column: 8))
        #expect(list[1].mapping?[1].key.mark == Mark(line: 4, column: 5))
        #expect(list[1]["c"]?.mark == Mark(line: 4, column: 8))
        #expect(list[2].mark == Mark(line: 5, column: 5))
        #expect(list[2].sequence?.map(\.mark) == [Mark(line: 5, column: 6), Mark(line: 5, column: 9)])
    }

    @Test func indentlessSequence() throws {
        let root = try YAMLReader().read("list:\n- one\n- two\n")
        let list = try #require(root["list"]?.sequence)
        #expect(list.map(\.mark) == [Mark(line: 2, column: 3), Mark(line: 3, column: 3)])
    }

    @Test func flowMapping() throws {
        // Columns: { 1, a 2, 1 5, b 8, [ 11, x 12, y 15
        let root = try YAMLReader().read("{a: 1, b: [x, y]}")
        #expect(root.mark == Mark(line: 1, column: 1))
        let pairs = try #require(root.mapping)
        #expect(pairs.map(\.key.mark) == [Mark(line: 1, column: 2), Mark(line: 1, column: 8)])
        #expect(root["a"]?.mark == Mark(line: 1, column: 5))
        let list = try #require(root["b"])
        #expect(list.mark == Mark(line: 1, column: 11))
        #expect(list.sequence?.map(\.mark) == [Mark(line: 1, column: 12), Mark(line: 1, column: 15)])
        #expect(list.sequence?.compactMap(\.scalar?.text) == ["x", "y"])
    }

    @Test func keyAfterLiteralBlockScalar() throws {
        let text = "text: |\n  line one\n  line two\n\nafter: 1\n"
        let root = try YAMLReader().read(text)
        let literal = try #require(root["text"]?.scalar)
        #expect(literal.text == "line one\nline two\n")
        #expect(literal.style == .literal)
        #expect(root["text"]?.mark == Mark(line: 1, column: 7))
        let pairs = try #require(root.mapping)
        #expect(pairs.count == 2)
        #expect(pairs[1].key.mark == Mark(line: 5, column: 1))
        #expect(root["after"]?.mark == Mark(line: 5, column: 8))
    }

    @Test func keyAfterFoldedBlockScalar() throws {
        let root = try YAMLReader().read("a: >-\n  one\n  two\nb: c\n")
        #expect(root["a"]?.scalar?.text == "one two")
        #expect(root["a"]?.scalar?.style == .folded)
        #expect(root.mapping?[1].key.mark == Mark(line: 4, column: 1))
        #expect(root["b"]?.mark == Mark(line: 4, column: 4))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // "ключ" is 4 characters and 8 UTF-8 bytes.
        let root = try YAMLReader().read("ключ: значение\n")
        #expect(root["ключ"]?.mark == Mark(line: 1, column: 7))
    }

    @Test func markOrderingAndDescription() {
        #expect(Mark(line: 1, column: 9) < Mark(line: 2, column: 1))
        #expect(Mark(line: 2, column: 1) < Mark(line: 2, column: 3))
        #expect(!(Mark(line: 2, column: 3) < Mark(line: 2, column: 3)))
        #expect(Mark(line: 3, column: 14).description == "3:14")
    }
}
