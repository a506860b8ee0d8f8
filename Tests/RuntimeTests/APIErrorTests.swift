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
    case .operationFailed: "operationFailed"
    case .timedOut: "timedOut"
    case .transport: "transport"
    case .decoding: "decoding"
    case .invalidRequest: "invalidRequest"
    case .cancelled: "cancelled"
    case .redirectRefused: "redirectRefused"
    case .middlewareFailed: "middlewareFailed"
    case .credentialsUnavailable: "credentialsUnavailable"
    }
}

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
