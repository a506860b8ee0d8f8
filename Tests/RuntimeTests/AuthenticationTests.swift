import Foundation
import Spec2SwiftRuntime
import Testing

@Suite struct AuthenticationTests {
    static func request() -> Request<NoContent> {
        var request = Request<NoContent>(method: .get, server: "https://api.example.com", path: "/items",
                                         operationID: "list", decoding: .none)
        request.query.append("limit", 5)
        return request
    }

    @Test func basicAuthenticationEncodesUserAndPasswordPerRFC7617() throws {
        let request = try Self.request().urlRequest(authentication: .basic(username: "Aladdin", password: "open sesame"))
        #expect(request.value(forHTTPHeaderField: "Authorization") == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    }

    @Test func queryCredentialsAreAppendedToTheQuery() throws {
        let authentication = Authentication(headers: [], query: [("api_key", "k&y 1")])
        let request = try Self.request().urlRequest(authentication: authentication)
        #expect(request.url?.query == "limit=5&api_key=k%26y%201")
        #expect(!authentication.description.contains("k&y"))
        #expect(authentication.description == "Authentication(api_key: <redacted>)")
    }
}
