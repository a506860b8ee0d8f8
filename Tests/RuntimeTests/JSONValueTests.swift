import Foundation
import Spec2SwiftRuntime
import Testing

@Suite struct JSONValueTests {
    static let sortedText = #"{"a":null,"b":true,"c":42,"d":2.5,"e":"text","f":[1,"x",[false,null],{"g":-7}],"h":{"i":{"j":[]},"k":{}}}"#

    static let expected: JSONValue = [
        "a": nil,
        "b": true,
        "c": 42,
        "d": 2.5,
        "e": "text",
        "f": [1, "x", [false, nil], ["g": -7]],
        "h": ["i": ["j": []], "k": [:]],
    ]

    static func sortedEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }

    @Test func decodesEveryKind() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(Self.sortedText.utf8))
        #expect(value == Self.expected)
    }

    @Test func roundTripsThroughEncoder() throws {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(Self.sortedText.utf8))
        let encoded = String(decoding: try Self.sortedEncoder().encode(value), as: UTF8.self)
        #expect(encoded == Self.sortedText)
    }

    @Test func integerAndNumberAreDistinct() throws {
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data("1".utf8)) == .integer(1))
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data("1.5".utf8)) == .number(1.5))
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data("-9223372036854775808".utf8)) == .integer(.min))
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data("1e300".utf8)) == .number(1e300))
    }

    @Test func booleansAreNotIntegers() throws {
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data("true".utf8)) == .bool(true))
        #expect(try JSONDecoder().decode([JSONValue].self, from: Data("[0,false]".utf8)) == [.integer(0), .bool(false)])
    }

    @Test func integersReencodeWithoutFraction() throws {
        let encoded = String(decoding: try JSONEncoder().encode([JSONValue.integer(3), .number(0.5)]), as: UTF8.self)
        #expect(encoded == "[3,0.5]")
    }

    @Test func subscriptAndStringValue() {
        #expect(Self.expected["e"]?.stringValue == "text")
        #expect(Self.expected["c"]?.stringValue == nil)
        #expect(Self.expected["missing"] == nil)
        #expect(JSONValue.array([1])["a"] == nil)
        #expect(Self.expected["h"]?["i"]?["j"] == .array([]))
    }
}
