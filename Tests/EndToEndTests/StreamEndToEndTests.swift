import Foundation
import Spec2SwiftRuntime
import Testing

/// Server-Sent Events over real HTTP on loopback, through both transports: items arrive while the
/// server is still sending, and ending the loop closes the connection. Each wait is for an event
/// (a semaphore, the client closing); the 60 s bounds are only there so that a defect cannot hang the suite.
@Suite struct StreamEndToEndTests {
    struct Chunk: Codable, Sendable, Equatable { var delta: String }

    static let request = StreamRequest.serverSentEvents(
        Request<Data>(method: .post, server: "https://chat.invalid", path: "/chat", operationID: "chat", decoding: .data()),
        of: Chunk.self, terminator: "[DONE]")

    static func chunk(_ text: String) -> String {
        String(text.utf8.count, radix: 16) + "\r\n" + text + "\r\n"
    }

    static let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"

    @Test(arguments: TransportKind.allCases)
    func theFirstEventArrivesBeforeTheLastIsSent(_ transport: TransportKind) async throws {
        let firstArrived = DispatchSemaphore(value: 0)
        let server = try FaultServer { connection in
            connection.readRequest()
            connection.write(Self.head + Self.chunk("event: delta\nid: 1\ndata: {\"delta\":\"Hel\"}\n\n"))
            // The rest is sent only once the client has the first event.
            guard firstArrived.wait(timeout: .now() + 60) == .success else { return connection.close() }
            connection.write(Self.chunk("data: {\"delta\":\"lo\"}\n\ndata: [DONE]\n\n") + Self.chunk("data: {\"delta\":\"x\"}\n\n") + "0\r\n\r\n")
            connection.close()
        }
        defer { server.stop() }
        let client = APIClient(transport: transport.make(), baseURL: server.url)
        var received: [ServerSentEvent<Chunk>] = []
        for try await event in try await client.stream(Self.request) {
            received.append(event)
            if received.count == 1 { firstArrived.signal() }
        }
        #expect(received == [ServerSentEvent(event: "delta", id: "1", data: Chunk(delta: "Hel")),
                             ServerSentEvent(event: nil, id: "1", data: Chunk(delta: "lo"))])
    }

    @Test(arguments: TransportKind.allCases)
    func endingTheLoopClosesTheConnection(_ transport: TransportKind) async throws {
        let (closed, closing) = AsyncStream.makeStream(of: Bool.self)
        let server = try FaultServer { connection in
            connection.readRequest()
            connection.write(Self.head + Self.chunk("data: {\"delta\":\"a\"}\n\n"))
            // Never ends on its own: only the client can end it.
            closing.yield(connection.waitForClientToClose(within: .seconds(60)))
            closing.finish()
            connection.close()
        }
        defer { server.stop() }
        let client = APIClient(transport: transport.make(), baseURL: server.url)
        for try await event in try await client.stream(Self.request) {
            #expect(event.data == Chunk(delta: "a"))
            break
        }
        var sawClose = false
        for await didClose in closed { sawClose = didClose }
        #expect(sawClose, "the connection stays open after the loop ended")
    }
}

/// Downloads straight to a file over loopback, through both transports.
@Suite struct DownloadEndToEndTests {
    static let report = Request<Data>(method: .get, server: "https://files.invalid", path: "/report", operationID: "getReport",
                                      decoding: .data(accepting: "application/pdf"))

    /// 8 MiB of bytes that are not all alike, sent in 64 KiB chunks.
    static let body = Data((0..<(8 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 13) })

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spec2swift-download-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: TransportKind.allCases)
    func theBodyLandsInTheFileWholeAndNothingElseIsLeft(_ transport: TransportKind) async throws {
        let server = try FaultServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nTransfer-Encoding: chunked\r\n\r\n")
            var offset = 0
            while offset < Self.body.count {
                let piece = Self.body[offset..<min(offset + 65_536, Self.body.count)]
                guard connection.write(String(piece.count, radix: 16) + "\r\n"), connection.write(Data(piece)),
                      connection.write("\r\n") else { return connection.close() }
                offset += piece.count
            }
            connection.write("0\r\n\r\n")
            connection.close()
        }
        defer { server.stop() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.pdf")
        let client = APIClient(transport: transport.make(), baseURL: server.url)
        let answer = try await client.download(Self.report, to: file)
        #expect(answer.value == Int64(Self.body.count))
        #expect(answer.contentType == "application/pdf")
        #expect(FileManager.default.contents(atPath: file.path) == Self.body)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.pdf"])
    }

    @Test(arguments: TransportKind.allCases)
    func aBrokenDownloadLeavesTheOldFileAndNoPart(_ transport: TransportKind) async throws {
        let server = try FaultServer { connection in
            connection.readRequest()
            connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 100000\r\n\r\n")
            connection.write(Data(repeating: 7, count: 1000))
            connection.reset()
        }
        defer { server.stop() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.pdf")
        try Data("old".utf8).write(to: file)
        let client = APIClient(transport: transport.make(), baseURL: server.url)
        await #expect(throws: APIError.self) { try await client.download(Self.report, to: file) }
        #expect(FileManager.default.contents(atPath: file.path) == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.pdf"])
    }

    /// An error answer is the status's error, with the provider's message read from its body; no
    /// file is written and no part is left.
    @Test(arguments: TransportKind.allCases)
    func anErrorAnswerIsATypedErrorAndWritesNothing(_ transport: TransportKind) async throws {
        let server = try LoopbackServer { _ in .json(404, #"{"message":"no such report"}"#) }
        defer { server.stop() }
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("report.pdf")
        let report = Request<Data>(method: .get, server: "https://files.invalid", path: "/report", operationID: "getReport",
                                   decoding: .data(accepting: "application/pdf"), errorShape: ProviderMessage.Shape(message: ["message"]))
        let error = await expectAPIError { try await APIClient(transport: transport.make(), baseURL: server.url).download(report, to: file) }
        guard case .notFound(let response)? = error else {
            Issue.record("expected notFound, got \(String(describing: error))")
            return
        }
        #expect(response.messages.map(\.message) == ["no such report"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
