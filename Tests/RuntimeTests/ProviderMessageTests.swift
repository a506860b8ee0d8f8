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
