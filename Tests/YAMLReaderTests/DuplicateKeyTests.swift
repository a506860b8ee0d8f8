import Testing
import YAMLReader

@Suite struct DuplicateKeyTests {
    @Test func duplicateInBlockMapping() throws {
        let error = try #require(readError("a: 1\nb: 2\na: 3"))
        #expect(error.mark == Mark(line: 3, column: 1))
        #expect(error.message.contains("'a'"))
        #expect(error.message.contains("line 1"))
        #expect(error.description.hasPrefix("3:1: "))
    }

    @Test func duplicateInFlowMapping() throws {
        let error = try #require(readError("{a: 1, b: 2, a: 3}"))
        #expect(error.mark == Mark(line: 1, column: 14))
        #expect(error.message.contains("'a'"))
        #expect(error.message.contains("line 1, column 2"))
    }

    @Test func duplicateInNestedMapping() throws {
        let error = try #require(readError("outer:\n  k: 1\n  k: 2\n"))
        #expect(error.mark == Mark(line: 3, column: 3))
        #expect(error.message.contains("'k'"))
        #expect(error.message.contains("line 2, column 3"))
    }

    @Test func quotedAndPlainSpellingsOfOneKeyAreDuplicates() throws {
        let error = try #require(readError("a: 1\n\"a\": 2\n"))
        #expect(error.mark == Mark(line: 2, column: 1))
    }

    @Test func duplicateAsTwentiethKey() throws {
        // Nineteen distinct keys move KeySet past its 16-entry array into its dictionary.
        var lines = (1...19).map { "k\($0): \($0)" }
        lines.append("k5: again")
        let error = try #require(readError(lines.joined(separator: "\n")))
        #expect(error.mark == Mark(line: 20, column: 1))
        #expect(error.message.contains("'k5'"))
        #expect(error.message.contains("line 5"))
    }

    @Test func duplicateOfTheSeventeenthKey() throws {
        // The key that triggers the move to the dictionary must still be remembered.
        var lines = (1...18).map { "k\($0): \($0)" }
        lines.append("k17: again")
        let error = try #require(readError(lines.joined(separator: "\n")))
        #expect(error.mark == Mark(line: 19, column: 1))
        #expect(error.message.contains("line 17"))
    }

    @Test func duplicateKeyWrittenAsAnAliasPointsAtTheAlias() throws {
        // The second `key` is the alias on line 4, column 3; the anchor it copies is at line 1, column 7.
        let error = try #require(readError("name: &k key\nmap:\n  key: 1\n  *k : 2\n"))
        #expect(error.message.contains("'key'"))
        #expect(error.message.contains("first at line 3, column 3"))
        #expect(error.mark == Mark(line: 4, column: 3))
    }

    @Test func manyDistinctKeysRead() throws {
        let text = (1...40).map { "k\($0): \($0)" }.joined(separator: "\n")
        let root = try YAMLReader().read(text)
        #expect(root.mapping?.count == 40)
        #expect(root["k40"]?.scalar?.intValue == 40)
    }

    @Test func sameKeyInSiblingMappingsIsFine() throws {
        let root = try YAMLReader().read("- {a: 1}\n- {a: 2}\n")
        #expect(root.sequence?.compactMap { $0["a"]?.scalar?.text } == ["1", "2"])
    }

    @Test func keyEqualToAValueIsNotADuplicate() throws {
        let root = try YAMLReader().read("a: b\nb: a\n")
        #expect(root.mapping?.count == 2)
    }
}
