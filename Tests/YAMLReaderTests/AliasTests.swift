import Testing
import YAMLReader

@Suite struct AliasTests {
    @Test func aliasExpandsToACopy() throws {
        let root = try YAMLReader().read("base: &a\n  x: 1\n  y: [p, q]\ncopy: *a\n")
        let base = try #require(root["base"])
        let copy = try #require(root["copy"])
        #expect(Shape(copy) == Shape(base))
        #expect(copy["x"]?.scalar?.resolved == .int("1"))
        #expect(copy["y"]?.sequence?.compactMap(\.scalar?.text) == ["p", "q"])
        // The copy keeps the anchored node's mark.
        #expect(copy.mark == base.mark)
    }

    @Test func scalarAliasInASequence() throws {
        let root = try YAMLReader().read("[&v hello, *v, *v]")
        #expect(root.sequence?.compactMap(\.scalar?.text) == ["hello", "hello", "hello"])
    }

    @Test func laterAnchorWithTheSameNameWins() throws {
        let root = try YAMLReader().read("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        #expect(root["b"]?.scalar?.text == "1")
        #expect(root["d"]?.scalar?.text == "2")
    }

    @Test func undefinedAliasIsAnError() throws {
        let error = try #require(readError("a: 1\nb: *nope\n"))
        #expect(error.message.contains("*nope"))
        #expect(error.mark == Mark(line: 2, column: 4))
    }

    @Test func aliasBeforeItsAnchorIsAnError() throws {
        let error = try #require(readError("- *later\n- &later 1\n"))
        #expect(error.message.contains("*later"))
        #expect(error.mark == Mark(line: 1, column: 3))
    }

    @Test func recursiveAliasIsAnError() throws {
        // The anchor is registered when its collection ends, so an alias inside it is undefined, not a loop.
        let error = try #require(readError("a: &x [1, *x]\n"))
        #expect(error.message.contains("*x"))
        #expect(error.mark == Mark(line: 1, column: 11))
    }

    /// `levels` anchors, each a sequence repeating the previous one 9 times.
    static func aliasBomb(levels: Int) -> String {
        var lines = ["l0: &l0 [" + Array(repeating: "lol", count: 9).joined(separator: ", ") + "]"]
        for level in 1..<levels {
            lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n")
    }

    @Test func aliasBombStopsAtTheBound() throws {
        let error = try #require(readError(Self.aliasBomb(levels: 9), reader: YAMLReader(maxExpandedNodes: 10_000)))
        #expect(error.message.contains("beyond 10000 nodes"))
        #expect(error.message.contains("alias bomb"))
    }

    @Test func aliasBombErrorPointsAtTheAliasThatCrossesTheBound() throws {
        // Nodes before line 5: 4 keys + 10 + 91 + 820 + 7381 = 8306. The key `l4` makes 8307 and the first
        // `*l3` (7381 more) crosses 10_000; it is at line 5, column 10. The anchor `&l3` is at line 4, column 5.
        let error = try #require(readError(Self.aliasBomb(levels: 9), reader: YAMLReader(maxExpandedNodes: 10_000)))
        #expect(error.mark == Mark(line: 5, column: 10))
    }

    @Test func defaultReaderRejectsANineLevelBombQuickly() throws {
        let clock = ContinuousClock()
        var error: YAMLError?
        let elapsed = clock.measure {
            error = readError(Self.aliasBomb(levels: 9))
        }
        let thrown = try #require(error)
        #expect(thrown.message.contains("beyond 5000000 nodes"))
        #expect(elapsed < .seconds(2))
    }

    @Test func documentWithinTheBoundReads() throws {
        // 4 levels expand to 10 + 91 + 820 + 7381 nodes and a root: under 10_000.
        let root = try YAMLReader(maxExpandedNodes: 10_000).read(Self.aliasBomb(levels: 4))
        let top = try #require(root["l3"]?.sequence)
        #expect(top.count == 9)
        #expect(top[8].sequence?[8].sequence?[8].sequence?[8].scalar?.text == "lol")
        #expect(top[8].sequence?[8].sequence?[8].sequence?.count == 9)
    }
}
