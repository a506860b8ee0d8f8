import Foundation
import Spec2SwiftRuntime
import Testing

private func messages(_ text: String) -> [ProviderMessage] {
    ProviderMessage.messages(in: Data(text.utf8))
}

@Suite struct ProviderMessageTests {
    @Test func cloudflareEnvelope() {
        let found = messages(#"{"success":false,"errors":[{"code":1000,"message":"bad"}],"messages":[],"result":null}"#)
        #expect(found == [ProviderMessage(code: "1000", message: "bad")])
        #expect(found.first?.description == "[1000] bad")
    }

    @Test func cloudflareSeveralErrors() {
        let found = messages(#"{"success":false,"errors":[{"code":7003,"message":"a"},{"code":"x1","message":"b"}]}"#)
        #expect(found == [ProviderMessage(code: "7003", message: "a"), ProviderMessage(code: "x1", message: "b")])
    }

    @Test func aDeclaredShapeIsReadAndNoOther() {
        let gcore = ProviderMessage.Shape(message: ["message"])
        #expect(ProviderMessage.messages(in: Data(#"{"message":"Secret not found","exception_class":"NotFound"}"#.utf8), shape: gcore)
            == [ProviderMessage(message: "Secret not found")])
        // Another provider's shape is not guessed at once the API's own is known.
        #expect(ProviderMessage.messages(in: Data(#"{"detail":"x"}"#.utf8), shape: gcore).isEmpty)
        let listed = ProviderMessage.Shape(list: ["result", "errors"], message: ["error", "text"], code: ["code"])
        let body = #"{"result":{"errors":[{"code":7,"error":{"text":"a"}},{"error":{"text":"b"}},{"code":1}]}}"#
        #expect(ProviderMessage.messages(in: Data(body.utf8), shape: listed)
            == [ProviderMessage(code: "7", message: "a"), ProviderMessage(message: "b")])
        #expect(ProviderMessage.messages(in: Data("not json".utf8), shape: listed).isEmpty)
    }

    @Test func yandexCloud() {
        let found = messages(#"{"code":5,"message":"Not found","details":[]}"#)
        #expect(found == [ProviderMessage(code: "5", message: "Not found")])
    }

    @Test func detailString() {
        #expect(messages(#"{"detail":"x"}"#) == [ProviderMessage(message: "x")])
        #expect(messages(#"{"detail":"x"}"#).first?.description == "x")
    }

    @Test func fastAPIValidationErrors() {
        let found = messages(#"{"detail":[{"loc":["body","name"],"msg":"a"},{"msg":"b"}]}"#)
        #expect(found == [ProviderMessage(message: "a; b")])
    }

    @Test func nestedErrorObject() {
        #expect(messages(#"{"error":{"code":"E1","message":"nope"}}"#) == [ProviderMessage(code: "E1", message: "nope")])
        #expect(messages(#"{"error":"plain"}"#) == [ProviderMessage(message: "plain")])
    }

    @Test func gcoreMessage() {
        #expect(messages(#"{"message":"quota exceeded"}"#) == [ProviderMessage(message: "quota exceeded")])
    }

    @Test(arguments: ["not json", "", "<html>502</html>", "{}", "[]", #"{"success":false,"errors":[]}"#, "42"])
    func nothingFound(_ text: String) {
        #expect(messages(text).isEmpty)
    }
}
