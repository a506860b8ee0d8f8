import Foundation
import Spec2SwiftRuntime
import Testing

private func caseName(_ error: APIError) -> String {
    switch error {
    case .badRequest: "badRequest"
    case .unauthorized: "unauthorized"
    case .forbidden: "forbidden"
    case .notFound: "notFound"
    case .conflict: "conflict"
    case .rateLimited: "rateLimited"
    case .serverError: "serverError"
    case .unexpectedStatus: "unexpectedStatus"
    case .unsuccessful: "unsuccessful"
    case .timedOut: "timedOut"
    case .transport: "transport"
    case .decoding: "decoding"
    case .invalidRequest: "invalidRequest"
    case .cancelled: "cancelled"
    }
}

private struct Pet: Decodable {}

@Suite struct APIErrorTests {
    @Test(arguments: [
        (400, "badRequest"), (401, "unauthorized"), (403, "forbidden"), (404, "notFound"), (409, "conflict"),
        (422, "badRequest"), (429, "rateLimited"), (500, "serverError"), (503, "serverError"), (599, "serverError"),
        (302, "unexpectedStatus"), (418, "unexpectedStatus"), (600, "unexpectedStatus"),
    ])
    func forStatus(_ status: Int, _ expected: String) {
        let response = ErrorResponse(status: status, messages: [], body: Data(), operationID: "op")
        let error = APIError.forStatus(response)
        #expect(caseName(error) == expected)
        #expect(error.status == status)
        #expect(error.response?.operationID == "op")
    }

    @Test func descriptionHasStatusAndMessagesButNotBody() {
        let response = ErrorResponse(status: 404, messages: [ProviderMessage(code: "5", message: "Not found")],
                                     body: Data("secret-body".utf8), operationID: "getSecret")
        let error = APIError.forStatus(response)
        #expect(error.description == "not found: HTTP 404 from getSecret: [5] Not found")
        #expect(!String(describing: error).contains("secret-body"))
    }

    @Test func errorsWithoutAResponse() {
        #expect(APIError.cancelled.response == nil)
        #expect(APIError.invalidRequest("x").status == nil)
        #expect(APIError.timedOut(operationID: "op", after: .seconds(3)).description == "op timed out after 3.0 seconds")
    }
}

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
