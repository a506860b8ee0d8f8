import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import Spec2SwiftRuntime
import Testing

private struct Address: Codable, Hashable, Sendable {
    var city: String
    var lines: [String]
    var geo: Geo?
}

private struct Geo: Codable, Hashable, Sendable {
    var lat: Double
    var lon: Double
}

private struct Item: Codable, Hashable, Sendable {
    var price: String
    var quantity: Int
}

/// A form body as a generated type writes it: properties in declared order, optionals left out.
private struct Order: Encodable, Sendable {
    var to: String
    var note: String?
    var tags: [String]
    var address: Address
    var items: [Item]
    var metadata: [String: String]
    var cleared: Nullable<String>?
    var count: Int
    var ratio: Double
    var urgent: Bool

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encodeValue(to, forKey: "To")
        try container.encodeValueIfPresent(note, forKey: "Note")
        try container.encodeValue(tags, forKey: "tags")
        try container.encodeValue(address, forKey: "address")
        try container.encodeValue(items, forKey: "items")
        try container.encodeValue(metadata, forKey: "metadata")
        try container.encodeValueIfPresent(cleared, forKey: "cleared")
        try container.encodeValue(count, forKey: "count")
        try container.encodeValue(ratio, forKey: "ratio")
        try container.encodeValue(urgent, forKey: "urgent")
    }
}

private let order = Order(
    to: "+1 555 & co=ü", note: nil, tags: ["a b", "c/d"], address: Address(city: "Köln", lines: ["1", "2"], geo: Geo(lat: 50.5, lon: 7)),
    items: [Item(price: "p_1", quantity: 2), Item(price: "p_2", quantity: 1)], metadata: ["z": "last", "a": "first"],
    cleared: .null, count: 3, ratio: 0.25, urgent: true)

/// Form bodies by OpenAPI's rules, and multipart bodies by RFC 7578, written from any `Encodable`.
@Suite struct BodyEncodingTests {
    private static func form(_ value: some Encodable & Sendable, _ fields: [String: FieldEncoding] = [:]) throws -> String {
        var request = Request<NoContent>(method: .post, server: "https://h", path: "/f", operationID: "f", decoding: .none)
        request.body = value
        request.bodyEncoding = .form(fields)
        let urlRequest = try request.urlRequest()
        #expect(urlRequest.value(forHTTPHeaderField: "Content-Type") == "application/x-www-form-urlencoded")
        return String(decoding: urlRequest.httpBody ?? Data(), as: UTF8.self)
    }

    /// Without encodings: scalars as text, arrays repeat the name, objects as JSON text, an explicit
    /// null as an empty value, a left-out optional not at all; dictionaries with sorted keys.
    @Test func formWithoutEncodingsFollowsTheContentTypeDefaults() throws {
        let body = try Self.form(order)
        #expect(body == "To=%2B1+555+%26+co%3D%C3%BC&tags=a+b&tags=c%2Fd"
                + "&address=%7B%22city%22%3A%22K%C3%B6ln%22%2C%22lines%22%3A%5B%221%22%2C%222%22%5D%2C%22geo%22%3A%7B%22lat%22%3A50.5%2C%22lon%22%3A7%7D%7D"
                + "&items=%7B%22price%22%3A%22p_1%22%2C%22quantity%22%3A2%7D&items=%7B%22price%22%3A%22p_2%22%2C%22quantity%22%3A1%7D"
                + "&metadata=%7B%22a%22%3A%22first%22%2C%22z%22%3A%22last%22%7D&cleared=&count=3&ratio=0.25&urgent=true")
    }

    @Test func deepObjectNestsKeysAndIndexesArrays() throws {
        let body = try Self.form(order, ["address": FieldEncoding(style: .deepObject), "items": FieldEncoding(style: .deepObject),
                                         "metadata": FieldEncoding(style: .deepObject), "tags": FieldEncoding(style: .deepObject)])
        let decoded = Self.pairs(body)
        #expect(decoded.filter { $0.0.hasPrefix("address") || $0.0.hasPrefix("items") || $0.0.hasPrefix("tags") || $0.0.hasPrefix("metadata") }
                .map { "\($0.0)=\($0.1)" } == [
                    "tags[0]=a b", "tags[1]=c/d",
                    "address[city]=Köln", "address[lines][0]=1", "address[lines][1]=2", "address[geo][lat]=50.5", "address[geo][lon]=7",
                    "items[0][price]=p_1", "items[0][quantity]=2", "items[1][price]=p_2", "items[1][quantity]=1",
                    "metadata[a]=first", "metadata[z]=last",
                ])
        #expect(body.contains("address%5Bgeo%5D%5Blat%5D=50.5"), "brackets are escaped by the form rules")
    }

    @Test func formStylesAndExplode() throws {
        struct Fields: Encodable, Sendable {
            var a: [String] = ["x", "y z"]
            var b: [String] = ["x", "y"]
            var c: [String] = ["x", "y"]
            var d: [String] = ["x", "y"]
            var e = Geo(lat: 1, lon: 2)
            var f = Geo(lat: 1, lon: 2.5)
        }
        let body = try Self.form(Fields(), [
            "a": FieldEncoding(style: .form, explode: false), "b": FieldEncoding(style: .spaceDelimited),
            "c": FieldEncoding(style: .pipeDelimited), "d": FieldEncoding(style: .form),
            "e": FieldEncoding(style: .form), "f": FieldEncoding(style: .form, explode: false),
        ])
        #expect(body == "a=x%2Cy+z&b=x+y&c=x%7Cy&d=x&d=y&lat=1&lon=2&f=lat%2C1%2Clon%2C2.5")
    }

    @Test func jsonContentTypeAndAllowReserved() throws {
        struct Fields: Encodable, Sendable {
            var name = "a/b"
            var url = "https://x/y?q=1&r=2#f"
            var list = ["p", "q"]
        }
        let body = try Self.form(Fields(), ["name": FieldEncoding(contentType: "application/json"),
                                            "url": FieldEncoding(allowReserved: true), "list": FieldEncoding(contentType: "application/json")])
        #expect(body == "name=%22a%2Fb%22&url=https://x/y?q%3D1%26r%3D2%23f&list=%5B%22p%22%2C%22q%22%5D")
    }

    @Test func aFileCannotGoIntoAForm() throws {
        var request = Request<NoContent>(method: .post, server: "https://h", path: "/f", operationID: "upload", decoding: .none)
        request.body = ["file": FileUpload(Data([1, 2]))]
        request.bodyEncoding = .form()
        let error = try #require(throws: APIError.self) { try request.urlRequest() }
        #expect("\(error)".contains("multipart"))
    }

    @Test func aFormBodyMustBeAnObject() throws {
        var request = Request<NoContent>(method: .post, server: "https://h", path: "/f", operationID: "op", decoding: .none)
        request.body = ["a", "b"]
        request.bodyEncoding = .form()
        #expect(throws: APIError.self) { try request.urlRequest() }
        request.body = Double.infinity
        request.bodyEncoding = .multipart()
        #expect(throws: APIError.self) { try request.urlRequest() }
    }

    // MARK: - Multipart

    private struct Upload: Encodable, Sendable {
        var purpose: String
        var model: String
        var options: Geo
        var file: FileUpload
        var extra: [FileUpload]
        var sdp: String
        var count: Int?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: JSONKey.self)
            try container.encodeValue(purpose, forKey: "purpose")
            try container.encodeValue(model, forKey: "model")
            try container.encodeValue(options, forKey: "options")
            try container.encodeValue(file, forKey: "file")
            try container.encodeValue(extra, forKey: "extra")
            try container.encodeValue(sdp, forKey: "sdp")
            try container.encodeValueIfPresent(count, forKey: "count")
        }
    }

    private static let upload = Upload(
        purpose: "fine \"tune\"\r\nX-Injected: 1", model: "m-1", options: Geo(lat: 1.5, lon: 2),
        file: FileUpload(Data([0, 1, 2, 0xFF, 0x0D, 0x0A]), fileName: "a\"b.bin", contentType: "application/x-thing"),
        extra: [FileUpload(Data("one".utf8)), FileUpload(Data("two".utf8), fileName: "two.txt")], sdp: "v=0", count: nil)

    @Test func multipartHasAPartPerPropertyAndElement() throws {
        var request = Request<NoContent>(method: .post, server: "https://h", path: "/u", operationID: "u", decoding: .none)
        request.body = Self.upload
        request.bodyEncoding = .multipart(["sdp": FieldEncoding(contentType: "application/sdp"),
                                           "extra": FieldEncoding(contentType: "image/png, image/jpeg")])
        let urlRequest = try request.urlRequest()
        let contentType = try #require(urlRequest.value(forHTTPHeaderField: "Content-Type"))
        #expect(contentType.hasPrefix("multipart/form-data; boundary=spec2swift-"))
        let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
        let body = try #require(urlRequest.httpBody)
        var expected = Data()
        func part(_ head: String, _ content: Data) {
            expected.append(Data("--\(boundary)\r\n\(head)\r\n\r\n".utf8))
            expected.append(content)
            expected.append(Data("\r\n".utf8))
        }
        part("Content-Disposition: form-data; name=\"purpose\"", Data("fine \"tune\"\r\nX-Injected: 1".utf8))
        part("Content-Disposition: form-data; name=\"model\"", Data("m-1".utf8))
        part("Content-Disposition: form-data; name=\"options\"\r\nContent-Type: application/json", Data(#"{"lat":1.5,"lon":2}"#.utf8))
        part("Content-Disposition: form-data; name=\"file\"; filename=\"a%22b.bin\"\r\nContent-Type: application/x-thing",
             Data([0, 1, 2, 0xFF, 0x0D, 0x0A]))
        part("Content-Disposition: form-data; name=\"extra\"; filename=\"extra\"\r\nContent-Type: image/png", Data("one".utf8))
        part("Content-Disposition: form-data; name=\"extra\"; filename=\"two.txt\"\r\nContent-Type: image/png", Data("two".utf8))
        part("Content-Disposition: form-data; name=\"sdp\"\r\nContent-Type: application/sdp", Data("v=0".utf8))
        expected.append(Data("--\(boundary)--\r\n".utf8))
        #expect(body == expected, "\(String(decoding: body, as: UTF8.self))")
        // The same body is the same bytes.
        #expect(try request.urlRequest().httpBody == body)
    }

    /// The boundary is made from the parts' sizes and ends, so a part can hold, in its middle, the
    /// first candidate its own body would get: that candidate must be passed over.
    @Test func aBoundaryThatOccursInAPartIsPassedOver() throws {
        func part(_ middle: String) -> MultipartBody.Part {
            MultipartBody.Part(name: "f", body: .bytes(Data((String(repeating: "a", count: 300) + middle + String(repeating: "b", count: 300)).utf8)))
        }
        func bytes(_ part: MultipartBody.Part) -> Data {
            if case .bytes(let data) = part.body { return data }
            return Data()
        }
        var candidate = try MultipartBody.boundary(for: [part("")])
        for _ in 0..<10 {
            let next = try MultipartBody.boundary(for: [part(String(repeating: "?", count: candidate.count))])
            if next == candidate { break }
            candidate = next
        }
        #expect(try MultipartBody.boundary(for: [part(String(repeating: "?", count: candidate.count))]) == candidate)
        let holding = part(candidate)
        #expect(bytes(holding).range(of: Data(candidate.utf8)) != nil)
        let boundary = try MultipartBody.boundary(for: [holding])
        #expect(boundary != candidate)
        #expect(bytes(holding).range(of: Data(boundary.utf8)) == nil)
        #expect(boundary.count <= 70)
    }

    @Test func textAndBinaryBodiesAreSentAsTheyAre() throws {
        var request = Request<String>(method: .put, server: "https://h", path: "/t", operationID: "t", decoding: .text())
        request.body = "héllo"
        request.bodyEncoding = .text
        request.contentType = "text/plain; charset=utf-8"
        var urlRequest = try request.urlRequest()
        #expect(urlRequest.httpBody == Data("héllo".utf8))
        #expect(urlRequest.value(forHTTPHeaderField: "Content-Type") == "text/plain; charset=utf-8")
        #expect(urlRequest.value(forHTTPHeaderField: "Accept") == "text/plain")
        request.body = Data([0, 0xFF])
        request.bodyEncoding = .binary
        request.contentType = "application/octet-stream"
        urlRequest = try request.urlRequest()
        #expect(urlRequest.httpBody == Data([0, 0xFF]))
        request.bodyEncoding = .text
        #expect(throws: APIError.self) { try request.urlRequest() }
    }

    @Test func textAndDataResultsReadTheBodyAsItIs() throws {
        let pdf = Request<Data>(method: .get, server: "https://h", path: "/r", operationID: "r",
                                decoding: .data(accepting: "application/pdf"))
        #expect(try pdf.urlRequest().value(forHTTPHeaderField: "Accept") == "application/pdf")
        #expect(try pdf.decodeResponse(Data([0x25, 0x50, 0x44, 0x46])) == Data("%PDF".utf8))
        #expect(try pdf.decodeResponse(Data()) == Data())
        let text = Request<String>(method: .get, server: "https://h", path: "/r", operationID: "r", decoding: .text())
        #expect(try text.decodeResponse(Data()) == "")
        #expect(try text.decodeResponse(Data([0x63, 0x61, 0x66, 0xE9]), contentType: "text/plain; charset=ISO-8859-1") == "café")
        #expect(try text.decodeResponse(Data("café".utf8), contentType: "text/plain") == "café")
        #expect(try text.decodeResponse(Data([0x61, 0xFF])) == "a\u{FFFD}")
    }

    @Test func fileUploadsAreBase64InJSONAndNeverPrintTheirBytes() throws {
        let file = FileUpload(Data("secret bytes".utf8), fileName: "k.pem", contentType: "application/x-pem-file")
        let json = try JSONEncoder().encode(["file": file])
        #expect(String(decoding: json, as: UTF8.self) == #"{"file":"c2VjcmV0IGJ5dGVz"}"#)
        #expect(try JSONDecoder().decode([String: FileUpload].self, from: json)["file"]?.data == file.data)
        #expect(Redaction.json(file) == #""<file \"k.pem\" application/x-pem-file, 12 bytes>""#)
        for text in [String(describing: file), String(reflecting: file)] {
            #expect(!text.contains("secret") && text.contains("12 bytes"), "\(text)")
        }
    }

    /// Logs show files, text and bytes by their size, never their content; secrets stay redacted.
    @Test func middlewareSeesBodiesWithoutTheirBytes() {
        var upload = Request<Data>(method: .post, server: "https://h", path: "/u", operationID: "u", decoding: .data(accepting: "image/png"))
        upload.body = ["file": FileUpload(Data("secret bytes".utf8), fileName: "a.bin")]
        upload.bodyEncoding = .multipart()
        let context = MiddlewareContext(upload)
        #expect(context.redactedRequestBody == #"{"file":"<file \"a.bin\", 12 bytes>"}"#)
        #expect(context.redactedAnswerBody(Data("PNG bytes".utf8)) == "<9 bytes>")
        var raw = Request<String>(method: .put, server: "https://h", path: "/r", operationID: "r", decoding: .text())
        raw.body = Data("secret".utf8)
        raw.bodyEncoding = .binary
        #expect(MiddlewareContext(raw).redactedRequestBody == "<6 bytes>")
        #expect(MiddlewareContext(raw).redactedAnswerBody(Data("some text".utf8)) == "<text, 9 bytes>")
        raw.body = "secret text"
        raw.bodyEncoding = .text
        #expect(MiddlewareContext(raw).redactedRequestBody == "<text, 11 bytes>")
    }

    /// The pairs of a form body, decoded (`+` as space).
    static func pairs(_ body: String) -> [(String, String)] {
        body.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }
}
