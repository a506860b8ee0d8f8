import Foundation
import Generated
import Spec2SwiftRuntime
import Testing

/// The Uploads example API (`specs/uploads`) over real HTTP on loopback, through both transports: a
/// form with nested objects and arrays, a multipart upload with text, JSON and file parts, raw bytes,
/// a PDF download and a plain-text answer. The server parses what it receives and checks every field.
@Suite struct BodyEndToEndTests {
    static let token = "t-123"
    /// Bytes a text decoder would mangle: NUL, CR LF, invalid UTF-8, and a line that looks like a boundary.
    static let fileBytes = Data([0x00, 0x01, 0x0D, 0x0A, 0xFF, 0xFE]) + Data("\r\n--spec2swift-0\r\nContent-Type: x\r\n\r\n".utf8)
    static let pdf = Data("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8) + Data([0x00, 0xC3, 0x28])

    @Test(arguments: TransportKind.allCases)
    func aFormWithNestedObjectsAndArraysArrivesFieldByField(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("POST", "/messages", rejecting: Self.rejection) { inspection in
            inspection.header("Content-Type", "application/x-www-form-urlencoded")
            inspection.header("Authorization", "Bearer \(Self.token)")
            let fields = FormFields(inspection.request.body)
            inspection.require(fields.pairs.map(\.name) == [
                "To", "Body", "MediaUrl", "MediaUrl", "Address[city]", "Address[lines][0]", "Address[lines][1]",
                "Address[geo][lat]", "Address[geo][lon]", "Items[0][price]", "Items[0][quantity]", "Items[1][price]",
                "Items[1][quantity]", "Options", "Ids",
            ], "field names in order: \(fields.pairs.map(\.name))")
            inspection.require(fields["To"] == ["+1 555-0100"], "To: \(fields["To"])")
            inspection.require(fields["Body"] == ["Hello & welcome = 100% ✓\nline two"], "Body: \(fields["Body"])")
            inspection.require(fields["MediaUrl"] == ["https://x.test/a.png?size=1&v=2", "https://x.test/b c.png"],
                               "MediaUrl: \(fields["MediaUrl"])")
            inspection.require(fields["Address[city]"] == ["Köln"], "Address[city]: \(fields["Address[city]"])")
            inspection.require(fields["Address[lines][0]"] == ["Domkloster 4"] && fields["Address[lines][1]"] == ["2. OG"], "lines")
            inspection.require(fields["Address[geo][lat]"] == ["50.9413"] && fields["Address[geo][lon]"] == ["6.958"], "geo")
            inspection.require(fields["Items[0][price]"] == ["price_1"] && fields["Items[0][quantity]"] == ["2"]
                               && fields["Items[1][price]"] == ["price_2"] && fields["Items[1][quantity]"] == ["1"], "items")
            inspection.require(JSONBody(Data((fields["Options"].first ?? "").utf8)).keys == ["priority", "silent"]
                               && fields["Options"] == [#"{"priority":2,"silent":true}"#], "Options: \(fields["Options"])")
            inspection.require(fields["Ids"] == ["7,8,9"], "Ids: \(fields["Ids"])")
            // Space is `+` and every reserved character is escaped, as the form rules say.
            inspection.require(inspection.request.bodyText.hasPrefix("To=%2B1+555-0100&Body=Hello+%26+welcome+%3D+100%25+%E2%9C%93%0Aline+two&"),
                               "raw body: \(inspection.request.bodyText)")
        } answer: { _, _ in
            .json(201, #"{"sid":"SM1","status":"queued"}"#)
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let body = Uploads.SendAMessageBody(
            to: "+1 555-0100", body: "Hello & welcome = 100% ✓\nline two",
            mediaURL: ["https://x.test/a.png?size=1&v=2", "https://x.test/b c.png"],
            address: Uploads.Address(city: "Köln", lines: ["Domkloster 4", "2. OG"], geo: .init(lat: 50.9413, lon: 6.958)),
            items: [Uploads.LineItem(price: "price_1", quantity: 2), Uploads.LineItem(price: "price_2", quantity: 1)],
            options: .init(priority: 2, silent: true), ids: [7, 8, 9])
        let message = try await client(server, transport).send(Uploads.Messages.sendAMessage(body: body))
        #expect(message == Uploads.Message(sid: "SM1", status: "queued"))
        #expect(server.requests.count == 1)
    }

    @Test(arguments: TransportKind.allCases)
    func aMultipartUploadHasTextJSONAndFileParts(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("POST", "/files", rejecting: Self.rejection) { inspection in
            let contentType = inspection.request.headers["content-type"] ?? ""
            inspection.require(contentType.hasPrefix("multipart/form-data; boundary="), "Content-Type: \(contentType)")
            guard let parts = MultipartParts(inspection.request.body, contentType: contentType) else {
                inspection.require(false, "the body is not multipart/form-data: \(inspection.request.bodyText)")
                return
            }
            inspection.require(parts.parts.map(\.name) == ["purpose", "description", "metadata", "file"], "parts: \(parts.parts.map(\.name))")
            inspection.require(parts["purpose"]?.text == "fine-tune" && parts["purpose"]?.fileName == nil
                               && parts["purpose"]?.contentType == nil, "purpose: \(String(describing: parts["purpose"]))")
            inspection.require(parts["description"]?.text == "Quarterly \"numbers\"\r\nsecond line", "description")
            let metadata = JSONBody(parts["metadata"]?.body ?? Data())
            inspection.require(parts["metadata"]?.contentType == "application/json" && metadata["project"].string == "p-1"
                               && metadata["tags"].strings == ["q3", "finance"], "metadata: \(parts["metadata"]?.text ?? "none")")
            // A quote in a file name is sent as `%22`, as HTML forms send it.
            inspection.require(parts["file"]?.fileName == "report %22final%22.bin" && parts["file"]?.contentType == "application/x-report",
                               "file headers: \(String(describing: parts["file"]))")
            inspection.require(parts["file"]?.body == Self.fileBytes, "file bytes: \(parts["file"]?.body.map { $0 } ?? [])")
        } answer: { request, _ in
            let file = MultipartParts(request.body, contentType: request.headers["content-type"] ?? "")?["file"]
            return .json(200, jsonText(["id": "file-1", "bytes": file?.body.count ?? 0, "filename": file?.fileName ?? "", "purpose": "fine-tune"]))
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let upload = Uploads.UploadAFileBody(
            purpose: .undocumented("fine-tune"), description: "Quarterly \"numbers\"\r\nsecond line",
            metadata: .init(project: "p-1", tags: ["q3", "finance"]),
            file: FileUpload(Self.fileBytes, fileName: "report \"final\".bin", contentType: "application/x-report"))
        let stored = try await client(server, transport).send(Uploads.Files.uploadAFile(body: upload))
        #expect(stored.bytes == Self.fileBytes.count)
        #expect(stored.filename == "report %22final%22.bin")
    }

    @Test(arguments: TransportKind.allCases)
    func rawBytesAreSentAsTheyAre(_ transport: TransportKind) async throws {
        let bytes = Data((0...255).map(UInt8.init)) + Self.fileBytes
        let router = Router()
        router.on("PUT", "/objects/backups%2F2024.tar", rejecting: Self.rejection) { inspection in
            inspection.header("Content-Type", "application/octet-stream")
            inspection.require(inspection.request.body == bytes, "the body is \(inspection.request.body.count) other bytes")
        } answer: { request, _ in
            .json(200, jsonText(["id": "o-1", "bytes": request.body.count, "filename": "backups/2024.tar"]))
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let stored = try await client(server, transport).send(Uploads.Files.storeAnObject(key: "backups/2024.tar", body: bytes))
        #expect(stored.bytes == bytes.count)
    }

    @Test(arguments: TransportKind.allCases)
    func aPDFDownloadIsItsBytesWithItsContentType(_ transport: TransportKind) async throws {
        let router = Router()
        router.on("GET", "/reports/r-1", rejecting: Self.rejection) { inspection in
            inspection.header("Accept", "application/pdf")
            inspection.noBody()
        } answer: { _, _ in
            LoopbackServer.Response(status: 200, headers: [("Content-Type", "application/pdf"),
                                                            ("Content-Disposition", "attachment; filename=\"r-1.pdf\"")], body: Self.pdf)
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let client = client(server, transport)
        let pdf = try await client.send(Uploads.Reports.downloadAReport(id: "r-1"))
        #expect(pdf == Self.pdf)
        let response = try await client.response(for: Uploads.Reports.downloadAReport(id: "r-1"))
        #expect(response.value == Self.pdf)
        #expect(response.contentType == "application/pdf")
        #expect(response.headers["content-disposition"] == "attachment; filename=\"r-1.pdf\"")
    }

    @Test(arguments: TransportKind.allCases)
    func aPlainTextAnswerIsAString(_ transport: TransportKind) async throws {
        let text = "Revenue: 1 234 €\nCosts: 567 €\n"
        let router = Router()
        router.on("GET", "/reports/r-1/summary", rejecting: Self.rejection) { inspection in
            inspection.header("Accept", "text/plain")
        } answer: { _, _ in
            LoopbackServer.Response(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data(text.utf8))
        }
        let server = try LoopbackServer(handler: router.handle)
        defer { server.stop() }
        let summary = try await client(server, transport).send(Uploads.Reports.summarizeAReport(id: "r-1"))
        #expect(summary == text)
    }

    /// A download's body is never decoded as JSON, so an answer that is not JSON is no decoding error;
    /// an error status still throws with the provider's message.
    @Test func anErrorAnswerToADownloadIsStillATypedError() async throws {
        let server = try LoopbackServer { _ in .json(404, #"{"message":"no such report"}"#) }
        defer { server.stop() }
        let error = await expectAPIError { try await client(server, .urlSession).send(Uploads.Reports.downloadAReport(id: "x")) }
        guard case .notFound(let response)? = error else {
            Issue.record("expected notFound, got \(String(describing: error))")
            return
        }
        #expect(response.messages.map(\.message) == ["no such report"])
    }

    private func client(_ server: LoopbackServer, _ transport: TransportKind) -> APIClient {
        APIClient(authentication: Uploads.Auth.token(Self.token), transport: transport.make(), baseURL: server.url,
                  retryPolicy: .none)
    }

    static let rejection: Rejection = { problems in .json(400, jsonText(["message": problems.joined(separator: "; ")])) }
}

/// A form body as a server reads it: `&`-separated pairs, `+` as space, then percent-decoding.
struct FormFields {
    var pairs: [(name: String, value: String)] = []

    init(_ body: Data) {
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "<not percent-encoded>"
            }
            pairs.append((parts[0], parts.count > 1 ? parts[1] : ""))
        }
    }

    subscript(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }
}

/// A multipart/form-data body as a server reads it (RFC 7578): parts between boundary lines, each with
/// its headers and bytes.
struct MultipartParts {
    struct Part: CustomStringConvertible {
        var name: String
        var fileName: String?
        var contentType: String?
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        var description: String { "\(name) \(fileName ?? "-") \(contentType ?? "-") \(body.count) bytes" }
    }

    var parts: [Part] = []

    init?(_ body: Data, contentType: String) {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        let boundary = Data(("--" + contentType[range.upperBound...]).utf8)
        let crlf = Data("\r\n".utf8)
        guard body.starts(with: boundary) else { return nil }
        var position = body.startIndex + boundary.count
        while true {
            // After a boundary: `--` ends the body, CR LF starts a part.
            if body[position...].starts(with: Data("--".utf8)) { return }
            guard body[position...].starts(with: crlf) else { return nil }
            position += 2
            guard let headEnd = body.range(of: crlf + crlf, in: position..<body.endIndex),
                  let next = body.range(of: crlf + boundary, in: headEnd.upperBound..<body.endIndex) else { return nil }
            var part = Part(name: "", body: Data(body[headEnd.upperBound..<next.lowerBound]))
            for line in String(decoding: body[position..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-type:") {
                    part.contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                } else if lower.hasPrefix("content-disposition: form-data") {
                    part.name = Self.parameter("name", in: line) ?? ""
                    part.fileName = Self.parameter("filename", in: line)
                }
            }
            parts.append(part)
            position = next.upperBound
        }
    }

    subscript(_ name: String) -> Part? { parts.first { $0.name == name } }

    private static func parameter(_ name: String, in line: String) -> String? {
        guard let start = line.range(of: "; \(name)=\"") else { return nil }
        let rest = line[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
