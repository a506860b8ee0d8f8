import Foundation
import Spec2SwiftRuntime
import Testing

/// A valid RFC 3339 text and the instant it denotes.
struct TimestampCase: Sendable, CustomTestStringConvertible {
    var text: String
    var seconds: Int64
    var nanoseconds: Int32

    init(_ text: String, _ seconds: Int64, _ nanoseconds: Int32) {
        self.text = text
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    var testDescription: String { text }
}

@Suite struct TimestampParsingTests {
    /// 2023-09-21T18:56:32Z is 1_695_322_592 s (19_621 days * 86_400 + 68_192 s).
    static let valid: [TimestampCase] = [
        TimestampCase("2023-09-21T18:56:32Z", 1_695_322_592, 0),
        TimestampCase("2023-09-21T18:56:32.624Z", 1_695_322_592, 624_000_000),
        TimestampCase("2023-09-21T18:56:32.624632Z", 1_695_322_592, 624_632_000),
        TimestampCase("2023-09-21T18:56:32.6246321Z", 1_695_322_592, 624_632_100),
        TimestampCase("2023-09-21T18:56:32.624632123Z", 1_695_322_592, 624_632_123),
        TimestampCase("2023-09-21T18:56:32.000000001Z", 1_695_322_592, 1),
        TimestampCase("2023-09-21T18:56:32z", 1_695_322_592, 0),
        TimestampCase("2023-09-21t18:56:32Z", 1_695_322_592, 0),
        TimestampCase("2023-09-21T18:56:32+00:00", 1_695_322_592, 0),
        TimestampCase("2023-09-21T18:56:32-00:00", 1_695_322_592, 0),
        TimestampCase("2023-09-21T18:56:32-05:30", 1_695_322_592 + 19_800, 0),
        TimestampCase("2023-09-21T18:56:32+05:30", 1_695_322_592 - 19_800, 0),
        TimestampCase("2023-09-21T18:56:32.5+23:59", 1_695_322_592 - 86_340, 500_000_000),
        TimestampCase("1970-01-01T00:00:00Z", 0, 0),
        TimestampCase("1970-01-01T00:00:00.000Z", 0, 0),
        TimestampCase("1969-12-31T23:59:59.999999999Z", -1, 999_999_999),
        TimestampCase("1969-12-31T23:59:59Z", -1, 0),
        TimestampCase("1900-01-01T00:00:00Z", -2_208_988_800, 0),
        TimestampCase("2024-02-29T12:00:00Z", 1_709_208_000, 0),
        TimestampCase("2000-02-29T00:00:00Z", 951_782_400, 0),
        TimestampCase("2024-01-01T01:00:00+01:00", 1_704_067_200, 0),
    ]

    @Test(arguments: valid)
    func parsesExactly(_ row: TimestampCase) throws {
        let timestamp = try #require(Timestamp(rfc3339: row.text))
        #expect(timestamp.secondsSince1970 == row.seconds)
        #expect(timestamp.nanoseconds == row.nanoseconds)
        #expect(timestamp.rfc3339 == row.text)
        #expect(timestamp.description == row.text)
    }

    @Test(arguments: valid)
    func reencodesTheSameText(_ row: TimestampCase) throws {
        let timestamp = try #require(Timestamp(rfc3339: row.text))
        let json = String(decoding: try JSONEncoder().encode([timestamp]), as: UTF8.self)
        #expect(json == "[\"\(row.text)\"]")
        let decoded = try JSONDecoder().decode([Timestamp].self, from: Data(json.utf8))
        #expect(decoded.first?.rfc3339 == row.text)
        #expect(decoded.first?.secondsSince1970 == row.seconds)
        #expect(decoded.first?.nanoseconds == row.nanoseconds)
    }

    static let invalid = [
        "2023-13-01T00:00:00Z",       // month 13
        "2023-00-10T00:00:00Z",       // month 0
        "2023-02-30T00:00:00Z",       // Feb 30
        "2023-02-29T00:00:00Z",       // not a leap year
        "1900-02-29T00:00:00Z",       // century, not a leap year
        "2023-04-31T00:00:00Z",       // April has 30 days
        "2023-01-00T00:00:00Z",       // day 0
        "2023-01-01T24:00:00Z",       // hour 24
        "2023-01-01T10:60:00Z",       // minute 60
        "2023-01-01T10:00:61Z",       // second 61
        "2023-01-01T10:00Z",          // no seconds
        "2023-01-01T10:00:00Zjunk",   // trailing garbage
        "2023-01-01T10:00:00Z ",      // trailing space
        "2023-01-01T10:00:00.Z",      // '.' without digits
        "2023-01-01T10:00:00.",       // '.' at the end
        "2023-01-01T10:00:00+24:00",  // offset hour 24
        "2023-01-01T10:00:00+05:60",  // offset minute 60
        "2023-01-01T10:00:00+053",    // offset with three digits
        "2023-01-01T10:00:00+05:3",   // offset minute with one digit
        "2023-01-01X10:00:00Z",       // wrong separator
        "2023-1-01T10:00:00Z",        // one-digit month
        "23-01-01T10:00:00Z",         // two-digit year
        "",
        "2023-01-01",
        "２０２３-01-01T10:00:00Z",    // full-width digits
    ]

    /// ISO 8601 offsets that servers send (`+0000`, `+05`) are accepted and kept as written.
    @Test(arguments: [("2023-01-01T10:00:00+0530", Int64(1_672_547_400)), ("2023-01-01T10:00:00+05", 1_672_549_200),
                      ("2019-06-13T13:58:12+0000", 1_560_434_292)])
    func acceptsISO8601Offsets(_ text: String, _ seconds: Int64) throws {
        let timestamp = try #require(Timestamp(rfc3339: text))
        #expect(timestamp.secondsSince1970 == seconds)
        #expect(timestamp.rfc3339 == text)
    }

    @Test(arguments: invalid)
    func rejects(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func moreThanNineFractionalDigitsAreTruncated() throws {
        let text = "2023-09-21T18:56:32.1234567899999Z"
        let timestamp = try #require(Timestamp(rfc3339: text))
        #expect(timestamp.secondsSince1970 == 1_695_322_592)
        #expect(timestamp.nanoseconds == 123_456_789)
        #expect(timestamp.rfc3339 == text)
    }

    @Test func leapSecondIsTheLastInstantOfItsMinute() throws {
        let leap = try #require(Timestamp(rfc3339: "2016-12-31T23:59:60Z"))
        let before = try #require(Timestamp(rfc3339: "2016-12-31T23:59:59Z"))
        #expect(leap.secondsSince1970 == before.secondsSince1970)
    }

    @Test func decodingAnInvalidStringIsDataCorrupted() throws {
        let data = Data(#"["2023-13-01T00:00:00Z"]"#.utf8)
        let error = try #require(throws: DecodingError.self) {
            try JSONDecoder().decode([Timestamp].self, from: data)
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
        #expect(context.debugDescription.contains("2023-13-01T00:00:00Z"))
    }

    @Test func decodingANumberIsATypeMismatch() throws {
        let error = try #require(throws: DecodingError.self) {
            try JSONDecoder().decode([Timestamp].self, from: Data("[1695322592]".utf8))
        }
        guard case .typeMismatch = error else {
            Issue.record("expected typeMismatch, got \(error)")
            return
        }
    }

    @Test func equalityIsByInstant() throws {
        let utc = try #require(Timestamp(rfc3339: "2024-01-01T00:00:00Z"))
        let paris = try #require(Timestamp(rfc3339: "2024-01-01T01:00:00+01:00"))
        #expect(utc == paris)
        #expect(utc.hashValue == paris.hashValue)
        #expect(Set([utc, paris]).count == 1)
        #expect(utc.rfc3339 != paris.rfc3339)
        let later = try #require(Timestamp(rfc3339: "2024-01-01T00:00:00.000000001Z"))
        #expect(utc != later)
        #expect(utc < later)
        #expect(!(later < utc))
    }

    @Test func orderingAcrossOffsets() throws {
        let early = try #require(Timestamp(rfc3339: "2024-01-01T10:00:00+05:00"))  // 05:00Z
        let late = try #require(Timestamp(rfc3339: "2024-01-01T06:00:00Z"))
        #expect(early < late)
        #expect([late, early].sorted() == [early, late])
    }
}
