import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Spec2SwiftRuntime
import Testing
import TestSupport

/// Streamed answers framed and decoded: Server-Sent Events by the WHATWG rules, JSON Lines and JSON
/// text sequences, whatever the chunk boundaries.
@Suite struct StreamTests {
    /// Answers with a head, then the body in the given chunks.
    struct ChunkedTransport: HTTPStreamingTransport {
        var status = 200
        var chunks: [Data]

        func send(_ request: URLRequest) async throws -> HTTPAnswer {
            HTTPAnswer(status: status, body: chunks.reduce(Data(), +))
        }

        func stream(_ request: URLRequest) async throws -> HTTPStreamedAnswer {
            let chunks = self.chunks
            return HTTPStreamedAnswer(status: status, headers: HTTPHeaders([("Content-Type", "text/event-stream")]),
                                      body: AsyncThrowingStream { continuation in
                                          for chunk in chunks { continuation.yield(chunk) }
                                          continuation.finish()
                                      })
        }
    }

    struct Chunk: Codable, Sendable, Equatable { var delta: String }

    static let call = Request<Data>(method: .post, server: "https://api.example.com", path: "/chat", operationID: "chat",
                                    decoding: .data(accepting: "text/event-stream"),
                                    errorShape: ProviderMessage.Shape(message: ["message"]))

    /// The text cut every `size` bytes (1 splits CR from LF and a multi-byte character in two).
    static func chunks(_ text: String, size: Int) -> [Data] {
        let bytes = Array(text.utf8)
        return stride(from: 0, to: bytes.count, by: size).map { Data(bytes[$0..<min($0 + size, bytes.count)]) }
    }

    static func collect<Element>(_ stream: ResponseStream<Element>) async throws -> [Element] {
        var items: [Element] = []
        for try await item in stream { items.append(item) }
        return items
    }

    static let eventText = "\u{FEFF}: a comment\r\n\r\nevent: delta\r\nid: 7\r\nretry: 1500\r\ndata: {\"delta\":\r\ndata:\"é\"}\r\n\r\n"
        + "data: {\"delta\": \"b\"}\rid\r\r: no data, no event\n\nevent:\ndata:{\"delta\":\"c\"}\n\n"
        + "data: [DONE]\n\ndata: {\"delta\":\"after\"}\n\n"

    @Test(arguments: [1, 2, 3, 7, 1000])
    func eventsAreFramedWhateverTheChunks(size: Int) async throws {
        let client = APIClient(transport: ChunkedTransport(chunks: Self.chunks(Self.eventText, size: size)))
        let request = StreamRequest.serverSentEvents(Self.call, of: Chunk.self, terminator: "[DONE]")
        let events = try await Self.collect(try await client.stream(request))
        #expect(events == [
            ServerSentEvent(event: "delta", id: "7", retry: .milliseconds(1500), data: Chunk(delta: "é")),
            ServerSentEvent(event: nil, id: "", retry: nil, data: Chunk(delta: "b")),
            ServerSentEvent(event: nil, id: "", retry: nil, data: Chunk(delta: "c")),
        ])
    }

    @Test func withoutATerminatorEveryEventIsAnItemAndTextStaysText() async throws {
        let client = APIClient(transport: ChunkedTransport(chunks: Self.chunks("data: one\ndata: two\n\ndata: [DONE]\n\ndata: unfinished", size: 4)))
        let events = try await Self.collect(try await client.stream(StreamRequest.serverSentEvents(Self.call, of: String.self)))
        #expect(events.map(\.data) == ["one\ntwo", "[DONE]"])
    }

    @Test(arguments: [1, 5, 100])
    func jsonLinesAndSequencesAreOneValueEach(size: Int) async throws {
        let lines = APIClient(transport: ChunkedTransport(chunks: Self.chunks("{\"delta\":\"a\"}\r\n\n  \n{\"delta\":\"b\"}", size: size)))
        let lined: StreamRequest<Chunk> = .jsonValues(Self.call, format: .jsonLines, accept: "application/jsonl")
        #expect(try await Self.collect(try await lines.stream(lined)).map(\.delta) == ["a", "b"])

        let records = APIClient(transport: ChunkedTransport(chunks: Self.chunks("\u{1E}{\"delta\":\n\"a\"}\n\u{1E}{\"delta\":\"b\"}\n", size: size)))
        let sequenced: StreamRequest<Chunk> = .jsonValues(Self.call, format: .jsonSequence, accept: "application/json-seq")
        #expect(try await Self.collect(try await records.stream(sequenced)).map(\.delta) == ["a", "b"])
    }

    @Test func anItemThatDoesNotDecodeEndsTheStreamWithADecodingError() async throws {
        let client = APIClient(transport: ChunkedTransport(chunks: [Data("data: {\"delta\":\"a\"}\n\ndata: {\"other\":1}\n\n".utf8)]))
        var seen: [String] = []
        do {
            for try await event in try await client.stream(StreamRequest.serverSentEvents(Self.call, of: Chunk.self)) {
                seen.append(event.data.delta)
            }
            Issue.record("expected a decoding error")
        } catch let error as APIError {
            guard case .decoding(let operationID, _, _) = error else {
                Issue.record("expected decoding, got \(error)")
                return
            }
            #expect(operationID == "chat")
        }
        #expect(seen == ["a"])
    }

    @Test func anErrorStatusThrowsBeforeAnyItem() async throws {
        let client = APIClient(transport: ChunkedTransport(status: 429, chunks: [Data(#"{"message":"slow down"}"#.utf8)]))
        do {
            _ = try await client.stream(StreamRequest.serverSentEvents(Self.call, of: Chunk.self))
            Issue.record("expected an error")
        } catch {
            guard case .rateLimited(let response) = error else {
                Issue.record("expected rateLimited, got \(error)")
                return
            }
            #expect(response.messages.map(\.message) == ["slow down"])
        }
    }
}
