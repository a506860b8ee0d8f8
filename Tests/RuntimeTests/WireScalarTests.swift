import Foundation
import Spec2SwiftRuntime
import Testing

private func encode(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode([value]), as: UTF8.self)
}

private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode([T].self, from: Data("[\(json)]".utf8))[0]
}

@Suite struct Int64StringTests {
    @Test func decodesStringAndNumber() throws {
        #expect(try decode(Int64String.self, "\"32\"").value == 32)
        #expect(try decode(Int64String.self, "32").value == 32)
        #expect(try decode(Int64String.self, "\"-9223372036854775808\"").value == Int64.min)
    }

    @Test func encodesAsString() throws {
        #expect(try encode(Int64String(32)) == #"["32"]"#)
        let literal: Int64String = 9_223_372_036_854_775_807
        #expect(try encode(literal) == #"["9223372036854775807"]"#)
    }

    @Test(arguments: ["\"x\"", "\"\"", "\"1.5\"", "\"9223372036854775808\"", "1.5", "true"])
    func rejects(_ json: String) {
        #expect(throws: DecodingError.self) { try decode(Int64String.self, json) }
    }
}

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
        #expect(try encode(duration) == "[\"\(text)\"]")
        #expect(try decode(ProtobufDuration.self, "\"\(text)\"") == duration)
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
        let error = try #require(throws: DecodingError.self) { try decode(ProtobufDuration.self, "\"1.5\"") }
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

@Suite struct FieldMaskTests {
    @Test func encodesCommaSeparated() throws {
        let mask: FieldMask = ["name", "description"]
        #expect(try encode(mask) == #"["name,description"]"#)
        #expect(mask.parameterText == "name,description")
    }

    @Test func decodesBack() throws {
        let mask = try decode(FieldMask.self, "\"name,description\"")
        #expect(mask.paths == ["name", "description"])
        #expect(mask == FieldMask(["name", "description"]))
    }

    @Test func emptyStringIsNoPaths() throws {
        #expect(try decode(FieldMask.self, "\"\"").paths == [])
        #expect(try encode(FieldMask([])) == #"[""]"#)
    }
}
