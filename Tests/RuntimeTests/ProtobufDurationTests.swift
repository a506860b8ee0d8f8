import Foundation
import Spec2SwiftRuntime
import Testing

@Suite struct ProtobufDurationTests {
    @Test(arguments: [
        ("86400s", Int64(86_400), Int32(0)),
        ("1.5s", 1, 500_000_000),
        ("-0.000000001s", 0, -1),
        ("0.000000001s", 0, 1),
        ("-1.5s", -1, -500_000_000),
        ("0s", 0, 0),
        ("3.000001s", 3, 1_000),
    ])
    func parsesAndPrintsBack(_ text: String, _ seconds: Int64, _ nanoseconds: Int32) throws {
        let duration = try #require(ProtobufDuration(text: text))
        #expect(duration.seconds == seconds)
        #expect(duration.nanoseconds == nanoseconds)
        #expect(duration.description == text)
        #expect(try encodeOne(duration) == "[\"\(text)\"]")
        #expect(try decodeOne(ProtobufDuration.self, "\"\(text)\"") == duration)
    }

    @Test func trailingZerosAreDroppedWhenPrinting() throws {
        let duration = try #require(ProtobufDuration(text: "1.500s"))
        #expect(duration.description == "1.5s")
        #expect(ProtobufDuration(text: "2.000000000s")?.description == "2s")
    }

    @Test(arguments: ["1.5", "s", "1.1234567891s", "", ".5s", "1.s", "+1s", "1,5s", "--1s", "1.-5s", "abc s", "1e3s"])
    func rejects(_ text: String) {
        #expect(ProtobufDuration(text: text) == nil)
    }

    @Test func decodingInvalidTextIsDataCorrupted() throws {
        let error = try #require(throws: DecodingError.self) { try decodeOne(ProtobufDuration.self, "\"1.5\"") }
        guard case .dataCorrupted = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
    }

    @Test func convertsToAndFromSwiftDuration() {
        #expect(ProtobufDuration(seconds: 1, nanoseconds: 500_000_000).duration == .milliseconds(1_500))
        let negative = ProtobufDuration(Duration.milliseconds(-1_500))
        #expect(negative.seconds == -1)
        #expect(negative.nanoseconds == -500_000_000)
        #expect(negative.description == "-1.5s")
    }

    @Test func ordering() throws {
        let values = try ["1.5s", "-0.5s", "0s", "-1.5s", "2s"].map { try #require(ProtobufDuration(text: $0)) }
        #expect(values.sorted().map(\.description) == ["-1.5s", "-0.5s", "0s", "1.5s", "2s"])
    }
}
