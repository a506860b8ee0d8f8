import Testing
import YAMLReader

@Suite struct DepthTests {
    @Test func nestingBeyondTheBoundIsAnErrorNotACrash() {
        let deep = "a: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: YAMLError.self) { try YAMLReader().read(deep) }
        do {
            _ = try YAMLReader(maxDepth: 10).read("a: " + String(repeating: "[", count: 11) + String(repeating: "]", count: 11))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("more than 10 levels"))
            #expect(error.mark == Mark(line: 1, column: 13))
        }
    }

    @Test func nestingWithinTheBoundReads() throws {
        let node = try YAMLReader(maxDepth: 10).read(String(repeating: "[", count: 10) + String(repeating: "]", count: 10))
        #expect(node.sequence?.count == 1)
    }
}
