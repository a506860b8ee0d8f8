// Built by CorpusTests against the golden cases' expected output (the `Golden` target): checks on the
// wire what compiling alone cannot show. Prints `ok NAME` or `fail NAME: why` for each check.
import Foundation
import Golden

func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try JSONDecoder().decode(T.self, from: Data(text.utf8))
}

func check(_ name: String, _ body: () throws -> Bool) {
    do {
        print(try body() ? "ok \(name)" : "fail \(name): a value differs")
    } catch {
        print("fail \(name): \(error)")
    }
}

/// Decodes `text` and encodes it again: it must come back as it was.
func roundTrip<T: Codable>(_ type: T.Type, _ text: String) -> Bool {
    guard let value = try? decode(T.self, text), let again = try? json(value) else { return false }
    return again == text
}

check("tuple: a closed pair") {
    let point = try decode(Tuples.Point.self, "[1.5,2.5]")
    return point.latitude == 1.5 && point.longitude == 2.5 && roundTrip(Tuples.Point.self, "[1.5,2.5]")
}
check("tuple: items missing at the end are nil, and stay missing") {
    let reading = try decode(Tuples.Reading.self, #"["2024-05-01T10:00:00Z"]"#)
    return reading.item1 == nil && reading.rest.isEmpty && roundTrip(Tuples.Reading.self, #"["2024-05-01T10:00:00Z"]"#)
}
check("tuple: the items after the prefix") {
    let reading = try decode(Tuples.Reading.self, #"["2024-05-01T10:00:00Z",2,"a","b"]"#)
    return reading.rest == ["a", "b"] && roundTrip(Tuples.Reading.self, #"["2024-05-01T10:00:00Z",2,"a","b"]"#)
}
check("tuple: a nil item before a present one is null") {
    let text = try json(Tuples.Reading(item0: try decode(Timestamp.self, #""2024-05-01T10:00:00Z""#), item1: nil, rest: ["x"]))
    return text == #"["2024-05-01T10:00:00Z",null,"x"]"#
}
check("tuple: the list form of items, with a null") { roundTrip(Tuples.Legacy.self, "[1,null]") }
check("tuple: recursive, with an object inside") { roundTrip(Tuples.Step.self, #"["go",{},["stop",{"point":[1,2]}]]"#) }
check("tuple: too short is an error") { (try? decode(Tuples.Point.self, "[1.5]")) == nil }
check("enum of objects: any object") { roundTrip(EnumJsonValues.Shapes.self, #"{"kind":"circle","r":1}"#) }
check("enum of mixed values: any JSON") { roundTrip(EnumJsonValues.Mixed.self, #"[1,"one"]"#) }
check("boolean enum of one value: a constant that is sent") {
    try json(EnumJsonValues.Settings(mode: false)) == #"{"enabled":true,"mode":false,"optionalFlag":false}"#
}
check("boolean enum of one value: another value is refused") {
    (try? decode(EnumJsonValues.Settings.self, #"{"enabled":false,"mode":true}"#)) == nil
}
check("required write-only properties of a request type are sent") {
    let payload = WriteOnlyRequired.CreateSecretPayload(name: "n", certificate: "c", privateKey: "k")
    return try json(payload) == #"{"certificate":"c","name":"n","private_key":"k"}"#
}
check("write-only properties of a type answers carry may be missing") {
    try decode(WriteOnlyRequired.Account.self, #"{"login":"l"}"#).password == nil
}
check("envelope from a profile: the result is unwrapped, the fields are read") {
    let envelope = try decode(Vault.Envelope<[Vault.Store]>.self,
                              #"{"success":true,"errors":[],"result":[{"id":"s1","name":"a"}],"result_info":{"page":1,"total_pages":3}}"#)
    return try envelope.unwrap().map(\.id) == ["s1"] && envelope.resultInfo?.totalPages == 3
}
check("envelope from a profile: a null result of a nullable type is nil") {
    try decode(Vault.Envelope<[String: JSONValue]?>.self, #"{"success":true,"errors":[],"result":null}"#).unwrap() == nil
}
check("envelope from a profile: success false throws") {
    (try? decode(Vault.Envelope<Vault.Store>.self, #"{"success":false,"errors":[{"code":7,"message":"no"}],"result":null}"#).unwrap()) == nil
}
