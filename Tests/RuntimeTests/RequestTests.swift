import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Spec2SwiftRuntime
import Testing

private struct Body: Encodable, Sendable {
    var name: String
    var count: Int
    var url: String
}

private struct Filter: Encodable, Sendable {
    var zone: String
    var active: Bool
}

@Suite struct RequestTests {
    /// A POST with every kind of query item, a header and a body.
    static func fullRequest() -> Request<NoContent> {
        let id = "a b"
        var request = Request<NoContent>(method: .post, server: "https://api.example.com/v1/",
                                         path: "/items/\(id)", operationID: "createItem", decoding: .none)
        request.query.append("q", "a+b c")
        request.query.append("missing", nil as String?)
        request.query.append("limit", 10)
        request.query.append("tag", ["x", "y"])
        request.query.append("none", nil as [String]?)
        request.query.appendCommaSeparated("ids", [1, 2, 3])
        request.query.appendJSON("filter", Filter(zone: "z/1", active: true))
        request.query.appendJSON("absent", nil as Filter?)
        request.headers["X-Trace"] = "t1"
        request.headers.set("X-Count", 3)
        request.headers.set("X-Skipped", nil as String?)
        request.body = Body(name: "n", count: 2, url: "https://x/y")
        return request
    }

    static let fullQuery = "q=a%2Bb%20c&limit=10&tag=x&tag=y&ids=1%2C2%2C3"
        + "&filter=%7B%22active%22%3Atrue%2C%22zone%22%3A%22z%2F1%22%7D"

    @Test func urlHasPathAndQueryInOrder() throws {
        let url = try Self.fullRequest().url()
        #expect(url.absoluteString == "https://api.example.com/v1/items/a%20b?" + Self.fullQuery)
    }

    @Test func urlRequestCarriesMethodHeadersAndBody() throws {
        let request = try Self.fullRequest().urlRequest()
        #expect(request.httpMethod == "POST")
        #expect(request.url?.absoluteString == "https://api.example.com/v1/items/a%20b?" + Self.fullQuery)
        #expect(request.value(forHTTPHeaderField: "Accept") == "application/json")
        #expect(request.value(forHTTPHeaderField: "Content-Type") == "application/json")
        #expect(request.value(forHTTPHeaderField: "X-Trace") == "t1")
        #expect(request.value(forHTTPHeaderField: "X-Count") == "3")
        #expect(request.value(forHTTPHeaderField: "X-Skipped") == nil)
        #expect(request.value(forHTTPHeaderField: "Authorization") == nil)
        let body = try #require(request.httpBody)
        #expect(String(decoding: body, as: UTF8.self) == #"{"count":2,"name":"n","url":"https://x/y"}"#)
    }

    @Test func baseURLReplacesTheServer() throws {
        let base = try #require(URL(string: "http://localhost:8080/proxy/"))
        let request = try Self.fullRequest().urlRequest(baseURL: base)
        #expect(request.url?.absoluteString == "http://localhost:8080/proxy/items/a%20b?" + Self.fullQuery)
    }

    @Test func authenticationHeadersAreAdded() throws {
        let authentication = Authentication(headers: [("X-Auth-Key", "k1"), ("X-Auth-Email", "me@example.com")])
        let request = try Self.fullRequest().urlRequest(authentication: authentication)
        #expect(request.value(forHTTPHeaderField: "X-Auth-Key") == "k1")
        #expect(request.value(forHTTPHeaderField: "X-Auth-Email") == "me@example.com")
        let bearer = try Self.fullRequest().urlRequest(authentication: .bearer("tok"))
        #expect(bearer.value(forHTTPHeaderField: "Authorization") == "Bearer tok")
    }

    @Test func requestWithoutBodyOrQuery() throws {
        let id = 5
        let request = Request<NoContent>(method: .get, server: "https://api.example.com",
                                         path: "/items/\(id)", operationID: "getItem", decoding: .none)
        let urlRequest = try request.urlRequest()
        #expect(urlRequest.httpMethod == "GET")
        #expect(urlRequest.url?.absoluteString == "https://api.example.com/items/5")
        #expect(urlRequest.httpBody == nil)
        #expect(urlRequest.value(forHTTPHeaderField: "Content-Type") == nil)
    }

    @Test func customContentType() throws {
        var request = Request<NoContent>(method: .patch, server: "https://api.example.com",
                                         path: "/items", operationID: "patchItems", decoding: .none)
        request.body = ["b": 1, "a": 2]
        request.contentType = "application/merge-patch+json"
        let urlRequest = try request.urlRequest()
        #expect(urlRequest.httpMethod == "PATCH")
        #expect(urlRequest.value(forHTTPHeaderField: "Content-Type") == "application/merge-patch+json")
        #expect(urlRequest.httpBody.map { String(decoding: $0, as: UTF8.self) } == #"{"a":2,"b":1}"#)
    }

    @Test func emptyArrayAddsNothingButCommaSeparatedEmptyAddsTheName() throws {
        var request = Request<NoContent>(method: .get, server: "https://h", path: "/", operationID: "op", decoding: .none)
        request.query.append("tag", [String]())
        #expect(request.query.isEmpty)
        request.query.appendCommaSeparated("ids", [Int]())
        #expect(try request.url().absoluteString == "https://h/?ids=")
    }

    @Test func spaceAndPipeDelimitedArraysAreOneEncodedValue() throws {
        var request = Request<NoContent>(method: .get, server: "https://h", path: "/", operationID: "op", decoding: .none)
        request.query.appendDelimited("colors", ["blue", "black"], by: " ")
        request.query.appendDelimited("sizes", ["s", "m"], by: "|")
        #expect(try request.url().absoluteString == "https://h/?colors=blue%20black&sizes=s%7Cm")
    }

    @Test func queryNamesAreEncodedToo() throws {
        var request = Request<NoContent>(method: .get, server: "https://h", path: "/x", operationID: "op", decoding: .none)
        request.query.append("filter[name]", "ä&=")
        #expect(try request.url().absoluteString == "https://h/x?filter%5Bname%5D=%C3%A4%26%3D")
    }

    @Test func headersAreCaseInsensitive() {
        var headers = HTTPHeaders([("X-One", "1"), ("x-one", "2"), ("X-Two", "t")])
        #expect(headers["X-ONE"] == "2")
        #expect(headers.fields.count == 2)
        headers["x-two"] = nil
        #expect(headers["X-Two"] == nil)
        #expect(headers.map(\.name) == ["x-one"])
    }

    /// Query values may hold secrets, so the description names the parameters only.
    @Test func descriptionShowsMethodPathAndQueryNamesOnly() {
        let request = Self.fullRequest()
        #expect(request.description
                == "POST https://api.example.com/v1/items/a%20b?q=…&limit=…&tag=…&tag=…&ids=…&filter=… (createItem)")
        #expect(!request.description.contains("t1"))
        #expect(!request.description.contains("a%2Bb"))
    }

    @Test func bodyThatDoesNotEncodeIsInvalidRequest() throws {
        var request = Request<NoContent>(method: .put, server: "https://h", path: "/x", operationID: "putX", decoding: .none)
        request.body = [Double.nan]
        let error = try #require(throws: APIError.self) { try request.urlRequest() }
        guard case .invalidRequest(let message) = error else {
            Issue.record("expected invalidRequest, got \(error)")
            return
        }
        #expect(message.contains("putX"))
    }

    @Test func idempotentMethods() {
        #expect(HTTPMethod.get.isIdempotent && HTTPMethod.put.isIdempotent && HTTPMethod.delete.isIdempotent)
        #expect(!HTTPMethod.post.isIdempotent && !HTTPMethod.patch.isIdempotent)
        #expect(HTTPMethod(rawValue: "PURGE").description == "PURGE")
    }
}
