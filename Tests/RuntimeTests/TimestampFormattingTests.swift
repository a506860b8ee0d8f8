import Foundation
import Spec2SwiftRuntime
import Testing

@Suite struct TimestampFormattingTests {
    @Test func epochWithThreeDigits() {
        let timestamp = Timestamp(secondsSince1970: 0, nanoseconds: 0, fractionalDigits: 3)
        #expect(timestamp.rfc3339 == "1970-01-01T00:00:00.000Z")
    }

    @Test func digitsAreAPrefixOfTheNanoseconds() {
        let seconds: Int64 = 1_695_322_592
        #expect(Timestamp(secondsSince1970: seconds, nanoseconds: 624_632_000, fractionalDigits: 6).rfc3339
                == "2023-09-21T18:56:32.624632Z")
        #expect(Timestamp(secondsSince1970: seconds, nanoseconds: 624_632_000, fractionalDigits: 0).rfc3339
                == "2023-09-21T18:56:32Z")
        #expect(Timestamp(secondsSince1970: seconds, nanoseconds: 5, fractionalDigits: 9).rfc3339
                == "2023-09-21T18:56:32.000000005Z")
        // Digits outside 0...9 are clamped.
        #expect(Timestamp(secondsSince1970: seconds, nanoseconds: 5, fractionalDigits: 12).rfc3339
                == "2023-09-21T18:56:32.000000005Z")
        #expect(Timestamp(secondsSince1970: seconds, fractionalDigits: -1).rfc3339 == "2023-09-21T18:56:32Z")
    }

    @Test(arguments: [
        (Int64(-1), "1969-12-31T23:59:59Z"),
        (-86_399, "1969-12-31T00:00:01Z"),
        (-86_400, "1969-12-31T00:00:00Z"),
        (-86_401, "1969-12-30T23:59:59Z"),
        (-2_208_988_800, "1900-01-01T00:00:00Z"),
        (-62_135_596_800, "0001-01-01T00:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func formatsSeconds(_ seconds: Int64, _ text: String) throws {
        let timestamp = Timestamp(secondsSince1970: seconds)
        #expect(timestamp.rfc3339 == text)
        // And the text parses back to the same instant.
        let parsed = try #require(Timestamp(rfc3339: text))
        #expect(parsed.secondsSince1970 == seconds)
        #expect(parsed == timestamp)
    }

    /// The text of any timestamp must decode again. RFC 3339 years have four digits (0000 to 9999);
    /// `init(_: Date)` clamps to that range, `init(secondsSince1970:)` does not.
    @Test(arguments: [Int64(-62_135_596_801), 253_402_300_800, 4_000_000_000_000, -62_167_219_201])
    func textOfSecondsOutsideRFC3339YearsStillDecodes(_ seconds: Int64) throws {
        let timestamp = Timestamp(secondsSince1970: seconds)
        let json = try JSONEncoder().encode([timestamp])
        let decoded = try JSONDecoder().decode([Timestamp].self, from: json)
        #expect(decoded.first == timestamp)
    }

    @Test func extremeSecondsDoNotTrap() async {
        await #expect(processExitsWith: .success) {
            _ = Timestamp(secondsSince1970: .min)
        }
        await #expect(processExitsWith: .success) {
            _ = Timestamp(secondsSince1970: .max)
        }
    }

    @Test func nanosecondsAreClamped() {
        let high = Timestamp(secondsSince1970: 0, nanoseconds: 2_000_000_000, fractionalDigits: 9)
        #expect(high.nanoseconds == 999_999_999)
        #expect(high.rfc3339 == "1970-01-01T00:00:00.999999999Z")
        let low = Timestamp(secondsSince1970: 0, nanoseconds: -5, fractionalDigits: 9)
        #expect(low.nanoseconds == 0)
    }

    @Test func fromDateWithMilliseconds() {
        let timestamp = Timestamp(Date(timeIntervalSince1970: 1_695_322_592.624))
        #expect(timestamp.rfc3339 == "2023-09-21T18:56:32.624Z")
        #expect(timestamp.secondsSince1970 == 1_695_322_592)
        #expect(timestamp.nanoseconds == 624_000_000)
    }

    @Test func fromDateBefore1970() {
        let timestamp = Timestamp(Date(timeIntervalSince1970: -0.5))
        #expect(timestamp.rfc3339 == "1969-12-31T23:59:59.500Z")
        #expect(timestamp.secondsSince1970 == -1)
        #expect(timestamp.nanoseconds == 500_000_000)
    }

    @Test(arguments: [Double.infinity, -Double.infinity, Double.nan, 1e300, -1e300])
    func fromExtremeDatesDoesNotCrash(_ interval: Double) throws {
        let timestamp = Timestamp(Date(timeIntervalSince1970: interval))
        // Whatever instant it picks, its text must be valid RFC 3339 for that instant.
        let parsed = try #require(Timestamp(rfc3339: timestamp.rfc3339))
        #expect(parsed == timestamp)
        #expect(timestamp.rfc3339.count == "1970-01-01T00:00:00.000Z".count)
    }

    @Test func hugeDatesClampToYear9999() {
        #expect(Timestamp(Date(timeIntervalSince1970: 1e300)).rfc3339 == "9999-12-31T23:59:59.000Z")
        #expect(Timestamp(Date(timeIntervalSince1970: -1e300)).rfc3339 == "0001-01-01T00:00:00.000Z")
    }

    @Test func dateRoundTrip() throws {
        let timestamp = try #require(Timestamp(rfc3339: "2023-09-21T18:56:32.5Z"))
        #expect(timestamp.date == Date(timeIntervalSince1970: 1_695_322_592.5))
    }

    @Test func usableAsAParameter() throws {
        let timestamp = try #require(Timestamp(rfc3339: "2023-09-21T18:56:32+02:00"))
        #expect(timestamp.parameterText == "2023-09-21T18:56:32+02:00")
    }
}
