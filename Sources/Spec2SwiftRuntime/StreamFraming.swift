import Foundation

/// How a streamed answer is cut into items.
public enum StreamFormat: String, Hashable, Sendable {
    /// `text/event-stream`: Server-Sent Events, each event's `data` one item.
    case serverSentEvents
    /// `application/jsonl`, `application/x-ndjson`: one JSON value a line.
    case jsonLines
    /// `application/json-seq` (RFC 7464): each JSON value after a record separator (0x1E).
    case jsonSequence
    /// The body's bytes as they arrive, in chunks of whatever size the transport reads (a download).
    case bytes
}

/// One Server-Sent Event, its `data` decoded as the operation's item type.
public struct ServerSentEvent<Value: Sendable>: Sendable {
    /// The `event:` field; nil when the event has none (the type is then `message`).
    public var event: String?
    /// The last `id:` the stream has given, this event's or an earlier one's.
    public var id: String?
    /// The reconnection time the event's `retry:` field asks for.
    public var retry: Duration?
    public var data: Value

    public init(event: String? = nil, id: String? = nil, retry: Duration? = nil, data: Value) {
        self.event = event
        self.id = id
        self.retry = retry
        self.data = data
    }
}

extension ServerSentEvent: Equatable where Value: Equatable {}

/// An event as the stream frames it, before its data is decoded.
struct RawEvent: Equatable, Sendable {
    var event: String?
    var id: String?
    var retry: Duration?
    var data: String
}

/// Cuts bytes, as they arrive in chunks of any size, into events or records. Follows the WHATWG
/// event-stream rules: lines end in CR, LF or CR LF; a blank line dispatches the event; `data` lines
/// join with LF; a field's value loses one leading space; lines starting with `:` are comments; an
/// event without data is not dispatched; `id` persists; `retry` takes digits only.
struct StreamFramer: Sendable {
    let format: StreamFormat
    private var pending: [UInt8] = []
    /// A CR ended the last chunk: an LF that starts the next one belongs to it.
    private var afterCR = false
    private var started = false
    // Server-Sent Events state.
    private var data: [String] = []
    private var hasData = false
    private var eventType: String?
    private var lastID: String?
    private var retry: Duration?

    init(format: StreamFormat) {
        self.format = format
    }

    /// The complete frames in `chunk` and what came before it.
    mutating func frames(in chunk: some Sequence<UInt8>) -> [RawEvent] {
        var frames: [RawEvent] = []
        for byte in chunk {
            if format == .jsonSequence {
                if byte == 0x1E {
                    if let frame = record() { frames.append(frame) }
                } else {
                    pending.append(byte)
                }
                continue
            }
            if afterCR {
                afterCR = false
                if byte == 0x0A { continue }
            }
            if byte == 0x0D || byte == 0x0A {
                afterCR = byte == 0x0D
                if let frame = line() { frames.append(frame) }
            } else {
                pending.append(byte)
            }
        }
        return frames
    }

    /// What the end of the stream completes: a last line or record without its ending. (An event
    /// not closed by a blank line is dropped, as the event-stream rules say.)
    mutating func finish() -> [RawEvent] {
        switch format {
        case .jsonSequence: return record().map { [$0] } ?? []
        case .jsonLines: return pending.isEmpty ? [] : (line().map { [$0] } ?? [])
        case .bytes: return []
        case .serverSentEvents:
            if !pending.isEmpty { _ = line() }
            return []
        }
    }

    private mutating func takeText() -> String {
        var bytes = pending
        pending.removeAll(keepingCapacity: true)
        if !started {
            started = true
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func record() -> RawEvent? {
        let text = takeText().trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : RawEvent(data: text)
    }

    private mutating func line() -> RawEvent? {
        let text = takeText()
        if format == .jsonLines {
            return text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : RawEvent(data: text)
        }
        guard !text.isEmpty else { return dispatch() }
        if text.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = text[...]
            value = ""
        }
        switch field {
        case "data":
            data.append(String(value))
            hasData = true
        case "event": eventType = String(value)
        case "id" where !value.contains("\0"): lastID = String(value)
        case "retry":
            if !value.isEmpty, value.allSatisfy(\.isASCIIDigit), let milliseconds = Int64(value) { retry = .milliseconds(milliseconds) }
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> RawEvent? {
        defer {
            data = []
            hasData = false
            eventType = nil
            retry = nil
        }
        guard hasData else { return nil }
        return RawEvent(event: eventType.flatMap { $0.isEmpty ? nil : $0 }, id: lastID, retry: retry,
                        data: data.joined(separator: "\n"))
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
