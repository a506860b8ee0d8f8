import Foundation
import Spec2SwiftRuntime
import Testing

/// A PATCH body as generated code writes it: `Nullable<T>?` with `encodeIfPresent` and `decodeNullable`.
private struct Patch: Codable, Equatable {
    var name: Nullable<String>?
    var size: Nullable<Int>?

    enum CodingKeys: String, CodingKey {
        case name, size
    }

    init(name: Nullable<String>? = nil, size: Nullable<Int>? = nil) {
        self.name = name
        self.size = size
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeNullable(String.self, forKey: .name)
        size = try container.decodeNullable(Int.self, forKey: .size)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(size, forKey: .size)
    }
}

private func json(_ patch: Patch) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode(patch), as: UTF8.self)
}

private func patch(_ text: String) throws -> Patch {
    try JSONDecoder().decode(Patch.self, from: Data(text.utf8))
}

@Suite struct NullableTests {
    @Test func absentIsNoKey() throws {
        #expect(try json(Patch()) == "{}")
    }

    @Test func nullIsNull() throws {
        #expect(try json(Patch(name: .null)) == #"{"name":null}"#)
    }

    @Test func valueIsTheValue() throws {
        #expect(try json(Patch(name: .value("x"), size: .value(3))) == #"{"name":"x","size":3}"#)
    }

    @Test func decodeAbsentKeyIsNil() throws {
        let decoded = try patch("{}")
        #expect(decoded.name == nil)
        #expect(decoded.size == nil)
    }

    @Test func decodeNullIsNull() throws {
        let decoded = try patch(#"{"name":null}"#)
        #expect(decoded.name == .some(.null))
        #expect(decoded.size == nil)
    }

    @Test func decodeValueIsValue() throws {
        let decoded = try patch(#"{"name":"x","size":3}"#)
        #expect(decoded.name == .value("x"))
        #expect(decoded.size == .value(3))
    }

    @Test func decodeWrongTypeThrows() {
        #expect(throws: DecodingError.self) { try patch(#"{"size":"three"}"#) }
    }

    @Test func roundTripKeepsAllThreeStates() throws {
        let original = Patch(name: .null, size: .value(0))
        #expect(try patch(try json(original)) == original)
    }

    @Test func initFromOptionalAndWrapped() {
        #expect(Nullable<String>(nil) == .null)
        #expect(Nullable("a") == .value("a"))
        #expect(Nullable<String>.null.wrapped == nil)
        #expect(Nullable.value(5).wrapped == 5)
    }

    @Test func singleValueCoding() throws {
        let values: [Nullable<Int>] = [.null, .value(2)]
        let text = String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
        #expect(text == "[null,2]")
        #expect(try JSONDecoder().decode([Nullable<Int>].self, from: Data(text.utf8)) == values)
    }
}
