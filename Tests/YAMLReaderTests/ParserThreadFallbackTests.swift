import Testing
@testable import YAMLReader

/// When the parser thread cannot start, the builder pulls the events itself after a short wait: the
/// outcome is the same as on one thread.
@Suite struct ParserThreadFallbackTests {
    static var withoutThread: YAMLReader {
        var reader = YAMLReader(pipelineThreshold: 0)
        reader.startsParserThread = false
        reader.parserThreadPatience = 0.01
        return reader
    }

    @Test(arguments: [
        PipelineTests.bigDocument(entries: 300),
        PipelineTests.bigDocument(entries: 300) + "broken: [1, 2\nnext: 3\n",
        "a: 1\na: 2\n" + PipelineTests.bigDocument(entries: 50),
        "",
    ])
    func builderTakesOverWhenTheThreadDoesNotStart(_ text: String) {
        #expect(PipelineTests.outcome(text, Self.withoutThread) == PipelineTests.outcome(text, PipelineTests.direct))
    }
}
