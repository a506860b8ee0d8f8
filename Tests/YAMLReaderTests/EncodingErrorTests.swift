import Testing
import YAMLReader

/// libyaml decodes text ahead of its parser, so an encoding error says nothing of where the parser
/// was; the reader finds the node the bad byte is in by reading the text in front of it.
@Suite struct EncodingErrorTests {
    func readError(_ bytes: [UInt8], pipelineThreshold: Int = 256 * 1_024) -> YAMLError? {
        do {
            _ = try YAMLReader(pipelineThreshold: pipelineThreshold).read(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// 6,000 list items, with a Latin-1 byte in the last one's value: far beyond the first chunk.
    static let lateBadByte: [UInt8] = {
        var text = "items:\n"
        for index in 0..<6_000 { text += "  - { name: item\(index), note: plain text }\n" }
        return Array(text.utf8) + Array("  - { name: caf".utf8) + [0xE9] + Array(" }\n".utf8)
    }()

    @Test(arguments: [256 * 1_024, 1])
    func aBadByteFarIntoTheDocumentIsLocatedAtItsNode(threshold: Int) throws {
        let error = try #require(readError(Self.lateBadByte, pipelineThreshold: threshold))
        #expect(error.mark == Mark(line: 6_002, column: 16))
        // libyaml reports the unfinished flow mapping before its first key.
        #expect(error.path == ["items", "6000"])
        #expect(error.message.hasPrefix("the byte 0xE9 is not valid UTF-8"))
    }

    @Test func aControlCharacterIsNamed() throws {
        let error = try #require(readError(Array("a:\n  b: x\u{7}y\n".utf8)))
        #expect(error.message.hasPrefix("the file holds the control character U+0007"))
        #expect(error.path == ["a", "b"])
        #expect(error.mark == Mark(line: 2, column: 7))
    }

    @Test func nulBytesMeanABinaryFile() throws {
        let error = try #require(readError([0x61, 0x00, 0x62]))
        #expect(error.message.contains("binary"))
        #expect(error.path == [])
    }

    @Test func aTabIsCalledATab() throws {
        let error = try #require(readError(Array("a:\n\tb: 1\n".utf8)))
        #expect(error.message.hasSuffix("this is a tab, and YAML indents with spaces only; replace the tab with spaces"))
    }

    @Test func syntaxErrorsSayWhatToDo() throws {
        let error = try #require(readError(Array("a: [1, 2\nb: 3".utf8)))
        #expect(error.message.hasSuffix("close the list with ']', or separate its items with ','"))
    }
}
