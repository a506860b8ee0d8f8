import Testing
import YAMLReader

@Suite struct ErrorTests {
    @Test func unclosedFlowSequence() throws {
        let error = try #require(readError("a: [1, 2\nb: 3"))
        #expect(error.message.hasPrefix("YAML syntax error"))
        #expect(error.message.contains("flow sequence"))
        #expect(error.message.contains("line 1, column 4"))
        #expect(error.mark == Mark(line: 2, column: 2))
    }

    @Test func mappingValueInsidePlainScalar() throws {
        let error = try #require(readError("key: value: other"))
        #expect(error.message.hasPrefix("YAML syntax error"))
        #expect(error.message.contains("mapping values are not allowed"))
        #expect(error.mark == Mark(line: 1, column: 11))
    }

    @Test func badIndentation() throws {
        let error = try #require(readError("a:\n  b: 1\n c: 2\n"))
        #expect(error.message.hasPrefix("YAML syntax error"))
        #expect(error.message.contains("block mapping that starts at line 1, column 1"))
        #expect(error.mark == Mark(line: 3, column: 2))
    }

    @Test func tabIndentation() throws {
        let error = try #require(readError("a:\n\tb: 1\n"))
        #expect(error.message.hasPrefix("YAML syntax error"))
        #expect(error.mark == Mark(line: 2, column: 1))
    }

    @Test func invalidUTF8() throws {
        do {
            let node = try YAMLReader().read([0x61, 0x3A, 0x20, 0xFF, 0xFE])
            Issue.record("expected a YAMLError, read \(Shape(node))")
        } catch {
            #expect(error.message.contains("UTF-8"))
            #expect(error.mark == Mark(line: 1, column: 4))
        }
    }

    @Test func invalidUTF8OnALaterLine() throws {
        do {
            _ = try YAMLReader().read(Array("a: 1\nbé: ".utf8) + [0xFF])
            Issue.record("expected a YAMLError")
        } catch {
            #expect(error.message.contains("UTF-8"))
            #expect(error.mark == Mark(line: 2, column: 5))
        }
    }

    @Test func moreThanOneDocument() throws {
        let error = try #require(readError("a: 1\n---\nb: 2"))
        #expect(error.message.contains("more than one YAML document"))
        #expect(error.mark == Mark(line: 2, column: 1))
    }

    @Test func oneExplicitDocumentIsFine() throws {
        let root = try YAMLReader().read("---\na: 1\n...\n")
        #expect(root["a"]?.scalar?.intValue == 1)
    }

    @Test(arguments: ["", "# only a comment\n", "\n\n"])
    func emptyInputIsNull(_ text: String) throws {
        let root = try YAMLReader().read(text)
        #expect(root.scalar?.resolved == .null)
        #expect(root.scalar?.text == "")
        #expect(root.mark == Mark(line: 1, column: 1))
    }

    @Test func emptyExplicitDocumentIsNull() throws {
        let root = try YAMLReader().read("---\n")
        #expect(root.scalar?.resolved == .null)
        #expect(root.mark == Mark(line: 2, column: 1))
    }

    @Test func emptyByteArrayIsNull() throws {
        let root = try YAMLReader().read([UInt8]())
        #expect(root.scalar?.resolved == .null)
        #expect(root.scalar?.text == "")
    }

    @Test func nonScalarKeyDoesNotCrash() throws {
        let root = try YAMLReader().read("? [a, b]\n: 1\n")
        let pairs = try #require(root.mapping)
        #expect(pairs.count == 1)
        #expect(pairs[0].key.sequence?.compactMap(\.scalar?.text) == ["a", "b"])
        #expect(pairs[0].value.scalar?.intValue == 1)
        #expect(root["a"] == nil)
    }

    @Test func mappingKeysDoNotCrash() throws {
        let root = try YAMLReader().read("? {x: 1}\n: one\n? {x: 1}\n: two\n")
        #expect(root.mapping?.count == 2)
        #expect(root.mapping?.map { $0.value.scalar?.text } == ["one", "two"])
    }

    @Test func utf16WithByteOrderMark() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("a: 1".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let root = try YAMLReader().read(bytes)
        #expect(root["a"]?.scalar?.intValue == 1)
    }
}

/// Errors say where in the tree reading was, as JSON pointer tokens.
@Suite struct ErrorPathTests {
    @Test func duplicateKeyPathEndsAtTheKey() throws {
        let error = try #require(readError("info:\n  title: T\n  title: U\n"))
        #expect(error.path == ["info", "title"])
    }

    @Test func syntaxErrorPathIsWhereReadingStopped() throws {
        let error = try #require(readError("paths:\n  /a:\n    get: {responses: [1, 2}\n"))
        #expect(error.path == ["paths", "/a", "get", "responses", "2"])
    }

    @Test func depthErrorPathIsWhereTheTooDeepCollectionStarts() throws {
        let error = try #require(readError("a:\n  - [[[x]]]\n", reader: YAMLReader(maxDepth: 3)))
        #expect(error.path == ["a", "0", "0"])
    }

    @Test func anErrorBeforeAnyNodeHasNoPath() throws {
        let error = try #require(readError("[1, 2"))
        #expect(error.path == ["2"])
        let first = try #require(readError("\t- a"))
        #expect(first.path == nil)
    }
}
