import Testing
import YAMLReader

/// Large documents are parsed on a second thread while the tree is built. Whatever the document,
/// that must give exactly what reading on one thread gives: the same tree, marks and errors.
/// (Serialized: these tests keep a core busy, and the end-to-end tests' timings share the machine.)
@Suite(.serialized) struct PipelineTests {
    static let direct = YAMLReader(pipelineThreshold: .max)
    static let pipelined = YAMLReader(pipelineThreshold: 0)

    /// Many batches' worth of events: mappings, flow and block sequences, anchors and aliases.
    static func bigDocument(entries: Int) -> String {
        var text = "base: &base {kind: shared, tags: [a, b, c]}\nitems:\n"
        for index in 0..<entries {
            text += "  item\(index):\n    id: \(index)\n    name: 'item \(index)'\n    values: [\(index), x\(index), true, ~]\n"
            text += "    copy: *base\n"
        }
        return text
    }

    enum Outcome: Equatable {
        case tree(Shape, [Mark])
        case error(YAMLError)
    }

    static func outcome(_ text: String, _ reader: YAMLReader) -> Outcome {
        do {
            let node = try reader.read(text)
            return .tree(Shape(node), marks(node))
        } catch {
            return .error(error)
        }
    }

    static func marks(_ node: YAMLNode) -> [Mark] {
        switch node.content {
        case .scalar: return [node.mark]
        case .sequence(let items): return [node.mark] + items.flatMap(marks)
        case .mapping(let mapping): return [node.mark] + mapping.pairs.flatMap { marks($0.key) + marks($0.value) }
        }
    }

    @Test func bigDocumentReadsTheSameOnBothPaths() throws {
        let text = Self.bigDocument(entries: 2_000)
        let direct = Self.outcome(text, Self.direct)
        guard case .tree(_, let marks) = direct else {
            Issue.record("the document did not read: \(direct)")
            return
        }
        #expect(marks.count > 30_000) // dozens of batches of 1,024 events
        #expect(Self.outcome(text, Self.pipelined) == direct)
    }

    @Test(arguments: [
        "a: [1, 2\nb: 3",                   // syntax error
        "a: 1\nb: 2\na: 3\n",               // duplicate key
        "x: *nowhere\n",                    // alias without anchor
        "---\na: 1\n---\nb: 2\n",           // two documents
        "",                                 // empty stream
        "just text",
    ])
    func smallDocumentsGiveTheSameOutcome(_ text: String) {
        #expect(Self.outcome(text, Self.pipelined) == Self.outcome(text, Self.direct))
    }

    @Test func syntaxErrorAfterManyBatches() throws {
        let text = Self.bigDocument(entries: 1_000) + "broken: [1, 2\nnext: 3\n"
        let direct = Self.outcome(text, Self.direct)
        guard case .error(let error) = direct else {
            Issue.record("expected an error, got \(direct)")
            return
        }
        #expect(error.message.hasPrefix("YAML syntax error"))
        #expect(Self.outcome(text, Self.pipelined) == direct)
    }

    /// The builder stops at the second key while the parser thread still has most of the document
    /// ahead of it (80,000 events, more than the 64 queued batches of 1,024 hold, so the parser
    /// thread is waiting for room when the builder stops): reading must stop with the builder's error.
    @Test func builderErrorEarlyInABigDocument() throws {
        let text = "a: 1\na: 2\n" + Self.bigDocument(entries: 5_000)
        let error = try #require(readError(text, reader: Self.pipelined))
        #expect(error.mark == Mark(line: 2, column: 1))
        #expect(error.message.contains("appears twice"))
    }

    @Test func boundsHoldOnThePipelinedPath() throws {
        let deep = String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_000)
        #expect(Self.outcome(deep, Self.pipelined) == Self.outcome(deep, Self.direct))
        let bomb = AliasTests.aliasBomb(levels: 9)
        let bounded = YAMLReader(maxExpandedNodes: 10_000, pipelineThreshold: 0)
        let error = try #require(readError(bomb, reader: bounded))
        #expect(error.message.contains("alias bomb"))
    }

    /// A document cut short anywhere: at some cuts it still reads, at others it ends mid-construct.
    @Test func truncatedDocumentsGiveTheSameOutcome() {
        let bytes = Array(Self.bigDocument(entries: 300).utf8)
        for cut in stride(from: 1, to: bytes.count, by: bytes.count / 9) {
            let prefix = Array(bytes[..<cut])
            let direct = Self.outcome(String(decoding: prefix, as: UTF8.self), Self.direct)
            let pipelined = Self.outcome(String(decoding: prefix, as: UTF8.self), Self.pipelined)
            #expect(pipelined == direct, "cut at byte \(cut)")
        }
    }

    @Test func invalidUTF8OnThePipelinedPath() throws {
        let bytes = Array("a: 1\nb: ".utf8) + [0xFF]
        #expect(throws: YAMLError.self) { try Self.pipelined.read(bytes) }
        do {
            _ = try Self.pipelined.read(bytes)
        } catch {
            do {
                _ = try Self.direct.read(bytes)
            } catch let directError {
                #expect(error == directError)
            }
        }
    }
}
