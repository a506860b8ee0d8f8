import Foundation
import Spec2SwiftRuntime
import Testing

/// Inputs that the fuzz targets in Fuzz/ stopped on, kept as tests.
@Suite struct FuzzRegressionTests {
    /// fuzz-runtime, path encoding: a value that starts with a combining mark (U+05C7) after invalid
    /// UTF-8 became U+FFFD. The segment is encoded and decodes back; in the URL, the mark joins the "/"
    /// before it into one Character, so the path is compared as bytes.
    @Test func aPathValueThatStartsWithACombiningMark() throws {
        let value = String(decoding: [0xD7, 0x87, 0xD9, 0x6D, 0x6D, 0xC5, 0x53] as [UInt8], as: UTF8.self)
        let path: RequestPath = "/accounts/\(value)/stores"
        #expect(path.encoded == "/accounts/%D7%87%EF%BF%BDmm%EF%BF%BDS/stores")
        let segment = path.encoded.dropFirst("/accounts/".count).dropLast("/stores".count)
        #expect(String(segment).removingPercentEncoding == value)
        let url = try #require(URL(string: "https://example.com/v4" + path.encoded))
        #expect(url.path.utf8.starts(with: "/v4/accounts/".utf8))
        #expect(url.path.utf8.count == "/v4/accounts/".utf8.count + value.utf8.count + "/stores".utf8.count)
    }

    /// fuzz-runtime, Timestamp: year 0000 is valid RFC 3339 (before `representableSeconds`, which is
    /// what encoding an instant writes), and the missing offset reads as UTC.
    @Test func yearZeroWithoutAnOffset() throws {
        let value = try #require(Timestamp(rfc3339: "0000-01-01T00:00:00.9"))
        #expect(value.secondsSince1970 == -62_167_219_200)
        #expect(value.nanoseconds == 900_000_000)
        #expect(value.rfc3339 == "0000-01-01T00:00:00.9")
        #expect(Timestamp(rfc3339: value.rfc3339) == value)
    }

    /// fuzz-runtime, JSONValue: a number with a fraction whose Double is a whole number decoded as
    /// `.number`, encoded as `1e+17`, and decoded again as `.integer`.
    @Test(arguments: ["99999999999999999.09999999999999999", "2.0000000000000001", "1e17", "100000000000000000.0"])
    func aWholeNumberDecodesTheSameAfterEncoding(_ text: String) throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        let again = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(value))
        #expect(again == value)
        guard case .integer = value else {
            Issue.record("\(text) decoded as \(value)")
            return
        }
    }
}
