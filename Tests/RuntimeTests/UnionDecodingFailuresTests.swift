import Foundation
import Spec2SwiftRuntime
import Testing

private struct Pet: Decodable {}

@Suite struct UnionDecodingFailuresTests {
    @Test func descriptionListsEachMembersReason() {
        var failures = UnionDecodingFailures()
        failures.append("Cat", DecodingError.keyNotFound(JSONKey("meow"), .init(codingPath: [], debugDescription: "")))
        failures.append("Dog", DecodingError.typeMismatch(Int.self, .init(codingPath: [JSONKey("age")], debugDescription: "")))
        failures.append("Fish", DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a fish")))
        let error = failures.error(decoding: Pet.self, at: [JSONKey("pet")])
        let text = String(describing: error)
        #expect(text.contains("matches no member of Pet"))
        #expect(text.contains("Cat: missing key 'meow'"))
        #expect(text.contains("Dog: expected Int at .age"))
        #expect(text.contains("Fish: not a fish"))
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["pet"])
        #expect(context.debugDescription == "the value matches no member of Pet; Cat: missing key 'meow'; "
                + "Dog: expected Int at .age; Fish: not a fish")
    }

    @Test func reasonsFromRealDecoding() throws {
        struct Named: Decodable { var name: String }
        struct Counted: Decodable { var items: [Int] }
        let data = Data(#"{"items":[1,"two"]}"#.utf8)
        var failures = UnionDecodingFailures()
        do { _ = try JSONDecoder().decode(Named.self, from: data) } catch { failures.append("Named", error) }
        do { _ = try JSONDecoder().decode(Counted.self, from: data) } catch { failures.append("Counted", error) }
        guard case .dataCorrupted(let context) = failures.error(decoding: Pet.self, at: []) else {
            Issue.record("expected dataCorrupted")
            return
        }
        #expect(context.debugDescription.contains("Named: missing key 'name'"))
        #expect(context.debugDescription.contains("Counted: expected Int at .items[1]"))
    }

    @Test func otherErrorsAreDescribed() {
        struct Custom: Error, CustomStringConvertible { var description: String { "custom reason" } }
        var failures = UnionDecodingFailures()
        failures.append("Other", Custom())
        guard case .dataCorrupted(let context) = failures.error(decoding: Pet.self, at: []) else {
            Issue.record("expected dataCorrupted")
            return
        }
        #expect(context.debugDescription.hasSuffix("Other: custom reason"))
    }
}
