import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import Spec2SwiftRuntime
import Testing

/// The redirect rules that need no server: https to http, origins, credentials removed and added.
@Suite struct RedirectPolicyTests {
    static func request(_ url: String, method: String = "GET") -> URLRequest {
        var request = URLRequest(url: URL(string: url) ?? URL(fileURLWithPath: "/"))
        request.httpMethod = method
        return request
    }

    static func answer(_ status: Int, location: String) -> HTTPAnswer {
        HTTPAnswer(status: status, headers: HTTPHeaders([("Location", location)]))
    }

    @Test func httpsToHttpIsRefused() {
        #expect(throws: APIError.self) {
            try RedirectPolicy.nextRequest(after: Self.request("https://api.example.com/a"),
                                           answer: Self.answer(302, location: "http://api.example.com/b"), operationID: "x")
        }
    }

    @Test func httpToHttpsAndRelativeLocationsAreFollowed() throws {
        let up = try RedirectPolicy.nextRequest(after: Self.request("http://api.example.com/a"),
                                                answer: Self.answer(301, location: "https://api.example.com/b"), operationID: "x")
        #expect(up?.url?.absoluteString == "https://api.example.com/b")
        let relative = try RedirectPolicy.nextRequest(after: Self.request("https://api.example.com/a/b?q=1"),
                                                      answer: Self.answer(307, location: "../c?d=2"), operationID: "x")
        #expect(relative?.url?.absoluteString == "https://api.example.com/c?d=2")
    }

    @Test func answersThatAreNotRedirectsGiveNoNextRequest() throws {
        #expect(try RedirectPolicy.nextRequest(after: Self.request("https://a.example/"), answer: Self.answer(200, location: "/b"),
                                               operationID: "x") == nil)
        #expect(try RedirectPolicy.nextRequest(after: Self.request("https://a.example/"), answer: HTTPAnswer(status: 302),
                                               operationID: "x") == nil)
        #expect(try RedirectPolicy.nextRequest(after: Self.request("https://a.example/"), answer: Self.answer(304, location: "/b"),
                                               operationID: "x") == nil)
    }

    @Test func originsCompareSchemeHostAndPortWithDefaultPorts() {
        #expect(Origin(URL(string: "https://API.example.com/a")) == Origin(URL(string: "https://api.example.com:443/b")))
        #expect(Origin(URL(string: "http://api.example.com")) == Origin(URL(string: "http://api.example.com:80")))
        #expect(Origin(URL(string: "https://api.example.com")) != Origin(URL(string: "http://api.example.com")))
        #expect(Origin(URL(string: "https://api.example.com")) != Origin(URL(string: "https://api.example.com:8443")))
        #expect(Origin(URL(string: "https://api.example.com")) != Origin(URL(string: "https://evil.example.com")))
    }

    @Test func removingCredentialsDropsTheirHeadersAndQueryItems() {
        let authentication = Authentication(headers: [("X-Auth-Key", "k")], query: [("api_key", "q")])
        var request = Self.request("https://other.example/path?a=1&api_key=q&b=2")
        request.setValue("k", forHTTPHeaderField: "X-Auth-Key")
        request.setValue("Bearer t", forHTTPHeaderField: "Authorization")
        request.setValue("s=1", forHTTPHeaderField: "Cookie")
        request.setValue("yes", forHTTPHeaderField: "X-Other")
        let stripped = request.removingCredentials(authentication, sensitiveHeaders: RedirectPolicy.default.sensitiveHeaders)
        #expect(stripped?.url?.absoluteString == "https://other.example/path?a=1&b=2")
        #expect(stripped?.value(forHTTPHeaderField: "X-Auth-Key") == nil)
        #expect(stripped?.value(forHTTPHeaderField: "Authorization") == nil)
        #expect(stripped?.value(forHTTPHeaderField: "Cookie") == nil)
        #expect(stripped?.value(forHTTPHeaderField: "X-Other") == "yes")
    }

    @Test func addingCredentialsAppendsQueryItemsPercentEncoded() {
        let authentication = Authentication(headers: [("X-Key", "v")], query: [("key", "a b&c")])
        let request = Self.request("https://api.example/p?x=1").adding(authentication)
        #expect(request.url?.absoluteString == "https://api.example/p?x=1&key=a%20b%26c")
        #expect(request.value(forHTTPHeaderField: "X-Key") == "v")
    }
}
