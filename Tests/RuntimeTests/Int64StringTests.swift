import Foundation
import Spec2SwiftRuntime
import Testing

@Suite struct Int64StringTests {
    @Test func decodesStringAndNumber() throws {
        #expect(try decodeOne(Int64String.self, "\"32\"").value == 32)
        #expect(try decodeOne(Int64String.self, "32").value == 32)
        #expect(try decodeOne(Int64String.self, "\"-9223372036854775808\"").value == Int64.min)
    }

    @Test func encodesAsString() throws {
        #expect(try encodeOne(Int64String(32)) == #"["32"]"#)
        let literal: Int64String = 9_223_372_036_854_775_807
        #expect(try encodeOne(literal) == #"["9223372036854775807"]"#)
    }

    @Test(arguments: ["\"x\"", "\"\"", "\"1.5\"", "\"9223372036854775808\"", "1.5", "true"])
    func rejects(_ json: String) {
        #expect(throws: DecodingError.self) { try decodeOne(Int64String.self, json) }
    }
}
