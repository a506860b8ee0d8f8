import Testing
import YAMLReader

/// Documents that are JSON are read by the JSON reader, into the same tree libyaml gives for the same
/// text, but without YAML's 1,024-character limit on keys.
@Suite struct JSONReaderTests {
    @Test func aKeyLongerThanYAMLAllowsIsRead() throws {
        let key = String(repeating: "k", count: 5_000)
        let node = try YAMLReader().read(#"{"\#(key)": {"b": [1, 2]}}"#)
        let inner = try #require(node[key])
        #expect(Shape(inner) == Shape(try YAMLReader().read("b: [1, 2]")))
        #expect(inner.mark == Mark(line: 1, column: 5_006))
    }

    @Test func theTreeIsTheOneLibyamlReads() throws {
        let text = """
        {"a": 1, "b": [true, false, null, -2.5e3], "c": {"d": "x\\ny", "e": ""}, "f": "\\u00e4\\ud83d\\ude00\\/"}
        """
        let json = try YAMLReader().read(text)
        // The same values in YAML's block style, which libyaml reads.
        let yaml = try YAMLReader().read("a: 1\nb: [true, false, null, -2.5e3]\nc: {d: \"x\\ny\", e: \"\"}\nf: \"ä😀/\"")
        #expect(Shape(json) == Shape(yaml))
        #expect(json["f"]?.scalar?.text == "ä😀/")
        #expect(json["b"]?.sequence?[2].scalar?.resolved == .null)
        #expect(json["c"]?["e"]?.scalar?.resolved == .string)
    }

    @Test func marksAreLinesAndColumnsOfEachNode() throws {
        let node = try YAMLReader().read("{\n  \"a\": [\n    10,\n    {\"b\": true}\n  ]\n}\n")
        #expect(node.mark == Mark(line: 1, column: 1))
        let list = try #require(node["a"])
        #expect(list.mark == Mark(line: 2, column: 8))
        #expect(list.sequence?[0].mark == Mark(line: 3, column: 5))
        #expect(list.sequence?[1]["b"]?.mark == Mark(line: 4, column: 11))
    }

    @Test func aDuplicateKeyIsTheSameErrorAsInYAML() throws {
        let error = try #require(readError(#"{"a": 1, "b": 2, "a": 3}"#))
        #expect(error.mark == Mark(line: 1, column: 18))
        #expect(error.message.contains("'a'"))
        #expect(error.message.contains("line 1, column 2"))
    }

    @Test func aMissingCommaIsLocatedAndSaysWhatToDo() throws {
        let error = try #require(readError("{\n  \"a\": 1\n  \"b\": 2\n}"))
        #expect(error.mark == Mark(line: 3, column: 3))
        #expect(error.message.contains("starts at line 1, column 1"))
        #expect(error.message.contains("separate its entries with ','"))
    }

    @Test func badEscapesAreErrors() throws {
        #expect(readError(#"{"a": "\q"}"#)?.message.contains("not an escape of JSON") == true)
        #expect(readError(#"{"a": "\u12"}"#)?.message.contains("four hexadecimal digits") == true)
    }

    @Test func aLoneSurrogateIsTheReplacementCharacter() throws {
        #expect(try YAMLReader().read(#"{"a": "\ud83d"}"#)["a"]?.scalar?.text == "\u{FFFD}")
    }

    @Test func flowStyleYAMLThatIsNotJSONIsStillRead() throws {
        let node = try YAMLReader().read("{a: 1, b: [x, y]}")
        #expect(node["a"]?.scalar?.text == "1")
        #expect(node["b"]?.sequence?.count == 2)
    }

    @Test func deepNestingStopsAtTheLimit() throws {
        let text = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        let error = try #require(readError(text))
        #expect(error.message.contains("levels deep"))
    }

    @Test func trailingTextIsAnError() throws {
        #expect(readError(#"{"a": 1} {"b": 2}"#) != nil)
    }
}
