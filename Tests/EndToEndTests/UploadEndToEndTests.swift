import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Generated
import Spec2SwiftRuntime
import Testing

/// Bodies read from files and streams as they are sent (`specs/uploads`), through both transports:
/// a body of bytes from a file, the same body from a `ByteStream`, a multipart body whose file part
/// is a file on disk, and each of them sent again, whole, by a retry. One at a time: a test looks for
/// temporary files the client left behind, and no other suite spools bodies.
@Suite(.serialized) struct UploadEndToEndTests {
    static let token = "t-123"

    /// 3 MiB and a few bytes that are not a power of two (every byte value, in a pattern that does not
    /// repeat at chunk boundaries), in a file of the test's own.
    static func file(_ name: String) throws -> (URL, Data) {
        var bytes = Data(count: 3 << 20 + 12_345)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 11) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spec2swift-uploads-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try bytes.write(to: url)
        return (url, bytes)
    }

    @Test(arguments: TransportKind.allCases)
    func aBodyOfBytesIsReadFromAFileAndSentAgainByARetry(_ transport: TransportKind) async throws {
        let (url, bytes) = try Self.file("backup.tar")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let server = try FlakyObjectServer(failures: 1)
        defer { server.server.stop() }
        let client = Self.client(server.server, transport, retryPolicy: RetryPolicy(maxAttempts: 2, initialDelay: .zero, maxDelay: .zero))
        let stored = try await client.send(Uploads.Files.storeAnObject(key: "b", body: FileUpload(contentsOf: url, contentType: "application/x-tar")))
        #expect(stored.bytes == bytes.count)
        let requests = server.server.requests
        #expect(requests.count == 2)
        for request in requests {
            #expect(request.body == bytes, "\(request.body.count) bytes arrived, not the file's \(bytes.count)")
            #expect(request.headers["content-type"] == "application/x-tar")
            #expect(request.headers["content-length"] == String(bytes.count))
        }
    }

    @Test(arguments: TransportKind.allCases)
    func aByteStreamIsSentWholeOnEachAttemptAndItsFileRemoved(_ transport: TransportKind) async throws {
        let (url, bytes) = try Self.file("stream.bin")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        // Chunks of a size that divides nothing, made while the body is sent.
        let chunks = AsyncThrowingStream<Data, any Error> { continuation in
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + 77_777, bytes.count)
                continuation.yield(bytes.subdata(in: offset..<end))
                offset = end
            }
            continuation.finish()
        }
        let server = try FlakyObjectServer(failures: 1)
        defer { server.server.stop() }
        let before = Self.spooledFiles()
        let client = Self.client(server.server, transport, retryPolicy: RetryPolicy(maxAttempts: 2, initialDelay: .zero, maxDelay: .zero))
        let stored = try await client.send(Uploads.Files.storeAnObject(key: "s", body: ByteStream(chunks)))
        #expect(stored.bytes == bytes.count)
        #expect(server.server.requests.map(\.body) == [bytes, bytes])
        #expect(server.server.requests.allSatisfy { $0.headers["content-type"] == "application/octet-stream" })
        // Files other tests spool may come and go meanwhile; none that this call made is left.
        #expect(Self.spooledFiles().subtracting(before).isEmpty)
    }

    @Test(arguments: TransportKind.allCases)
    func aMultipartFilePartIsReadFromItsFile(_ transport: TransportKind) async throws {
        let (url, bytes) = try Self.file("report.bin")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let server = try LoopbackServer { request in
            let contentType = request.headers["content-type"] ?? ""
            guard let parts = MultipartParts(request.body, contentType: contentType), let file = parts["file"] else {
                return .json(400, jsonText(["message": "not multipart: \(request.headers), \(request.body.count) bytes: "
                                            + String(decoding: request.body.prefix(300), as: UTF8.self)]))
            }
            return .json(200, jsonText(["id": "f-1", "bytes": file.body.count, "filename": file.fileName ?? "",
                                        "purpose": parts["purpose"]?.text ?? ""]))
        }
        defer { server.stop() }
        let upload = Uploads.UploadAFileBody(purpose: .undocumented("fine-tune"), file: FileUpload(contentsOf: url, contentType: "application/x-report"))
        let seen = BodySeen()
        var client = Self.client(server, transport)
        client.middleware = [seen]
        let stored = try await client.send(Uploads.Files.uploadAFile(body: upload))
        // Middleware sees the call's own body, its file by name, not the temporary file it was sent from.
        let shown = try #require(seen.body)
        #expect(shown.contains("fine-tune") && shown.contains("report.bin"), "\(shown)")
        #expect(!shown.contains("spec2swift-upload-"), "\(shown)")
        #expect(stored.bytes == bytes.count)
        #expect(stored.filename == "report.bin")
        #expect(stored.purpose == "fine-tune")
        let request = try #require(server.requests.first)
        let parts = try #require(MultipartParts(request.body, contentType: request.headers["content-type"] ?? ""))
        #expect(parts["file"]?.body == bytes)
        #expect(parts["file"]?.contentType == "application/x-report")
        #expect(request.headers["content-length"] == String(request.body.count))
    }

    /// A 307 keeps the method and the body: the file is read again for the second hop.
    @Test(arguments: TransportKind.allCases)
    func aRedirectThatKeepsTheBodySendsTheFileAgain(_ transport: TransportKind) async throws {
        let (url, bytes) = try Self.file("moved.bin")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let server = try LoopbackServer { request in
            if request.path == "/objects/old" {
                return LoopbackServer.Response(status: 307, headers: [("Location", "/objects/new")], body: Data())
            }
            return .json(200, jsonText(["id": "o-1", "bytes": request.body.count, "filename": "x"]))
        }
        defer { server.stop() }
        let stored = try await Self.client(server, transport).send(Uploads.Files.storeAnObject(key: "old", body: FileUpload(contentsOf: url)))
        #expect(stored.bytes == bytes.count)
        #expect(server.requests.map(\.path) == ["/objects/old", "/objects/new"])
        #expect(server.requests.map(\.body) == [bytes, bytes])
    }

    /// A file that cannot be read fails the call before anything is sent, naming the file.
    @Test func aFileThatCannotBeReadIsAnInvalidRequest() async throws {
        let server = try LoopbackServer { _ in .json(200, "{}") }
        defer { server.stop() }
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("spec2swift-no-such-file-" + UUID().uuidString)
        let error = await expectAPIError {
            try await Self.client(server, .urlSession).send(Uploads.Files.storeAnObject(key: "m", body: FileUpload(contentsOf: missing)))
        }
        guard case .invalidRequest(let message)? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(message.contains(missing.path))
        #expect(server.requests.isEmpty)
    }

    static func spooledFiles() -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? []
        return Set(names.filter { $0.hasPrefix("spec2swift-upload-") })
    }

    static func client(_ server: LoopbackServer, _ transport: TransportKind, retryPolicy: RetryPolicy = .none) -> APIClient {
        APIClient(authentication: Uploads.Auth.token(token), transport: transport.make(), baseURL: server.url, retryPolicy: retryPolicy)
    }
}

/// Answers the first `failures` requests with 503, then stores the object; every body is recorded.
final class FlakyObjectServer: Sendable {
    let server: LoopbackServer

    init(failures: Int) throws {
        let counter = Counter()
        server = try LoopbackServer { request in
            if counter.next() < failures { return .json(503, #"{"message":"try again"}"#) }
            return .json(200, jsonText(["id": "o-1", "bytes": request.body.count, "filename": "x"]))
        }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func next() -> Int {
            lock.withLock {
                defer { count += 1 }
                return count
            }
        }
    }
}

/// Keeps the redacted body middleware is shown.
final class BodySeen: ClientMiddleware, @unchecked Sendable {
    private let lock = NSLock()
    private var shown: String?
    var body: String? { lock.withLock { shown } }

    func intercept(_ request: URLRequest, context: MiddlewareContext,
                   next: (URLRequest) async throws -> HTTPAnswer) async throws -> HTTPAnswer {
        lock.withLock { shown = context.redactedRequestBody }
        return try await next(request)
    }
}
