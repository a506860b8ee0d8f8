import CYAML
import Foundation

/// Where the tree builder takes libyaml's events from. The builder owns each event it is given and
/// deletes it.
protocol EventSource {
    mutating func next() throws(YAMLError) -> yaml_event_t
}

/// Events pulled from the parser on the calling thread, one at a time.
struct DirectEvents: EventSource {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    let bytes: UnsafeBufferPointer<UInt8>

    mutating func next() throws(YAMLError) -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) != 0 else {
            throw YAMLError.parser(parser.pointee, bytes: bytes)
        }
        return event
    }
}

/// Events pulled from the parser on a thread of its own and handed over in batches, so that libyaml
/// parses while the tree is built: for a large document this takes the parse almost entirely off
/// the critical path.
///
/// The parser thread is a dedicated `Thread` rather than a Dispatch or Swift-concurrency worker, so
/// that a builder waiting for it can never starve it of a thread. Should that thread not start (the
/// system out of threads), the builder pulls the events itself after a short wait. `finish()` must be
/// called before the parser and the bytes go away: it stops the parser thread, waits for it, and
/// deletes the events the builder did not take.
final class PipelinedEvents: EventSource, @unchecked Sendable {
    static let batchSize = 1_024
    /// Batches waiting for the builder, at most; the parser thread waits when this many are queued.
    static let maxQueued = 64

    // Shared between the two threads; every access holds `condition`.
    private let condition = NSCondition()
    private var queue: [[yaml_event_t]] = []
    private var parserDone = false
    private var failure: YAMLError?
    private var cancelled = false
    /// The parser thread has begun, or will never be allowed to (`abandoned`).
    private var started = false
    private var abandoned = false

    // The builder's side only.
    private var current: [yaml_event_t] = []
    private var index = 0

    // The parser thread's side only (and `finish()` once that thread is done).
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let bytes: UnsafeBufferPointer<UInt8>

    /// `startThread` is false only in tests, to see the builder take over.
    init(parser: UnsafeMutablePointer<yaml_parser_t>, bytes: UnsafeBufferPointer<UInt8>,
         startThread: Bool = true, patience: TimeInterval = 2) {
        self.parser = parser
        self.bytes = bytes
        if startThread {
            Thread { [self] in produce() }.start()
        }
        condition.lock()
        let patience = Date(timeIntervalSinceNow: patience)
        while !started && condition.wait(until: patience) {}
        if !started { abandoned = true }
        condition.unlock()
    }

    func next() throws(YAMLError) -> yaml_event_t {
        if abandoned {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) != 0 else { throw YAMLError.parser(parser.pointee, bytes: bytes) }
            return event
        }
        if index == current.count {
            condition.lock()
            while queue.isEmpty && !parserDone { condition.wait() }
            guard !queue.isEmpty else {
                let failure = failure
                condition.unlock()
                // The parser thread stops after the stream's end or at an error, and the builder never
                // asks past the end, so running dry means an error.
                throw failure ?? YAMLError("libyaml stopped without finishing the document", at: Mark(line: 1, column: 1))
            }
            current = queue.removeFirst()
            index = 0
            condition.signal()
            condition.unlock()
        }
        index += 1
        return current[index - 1]
    }

    /// Stops the parser thread, waits for it to let go of the parser, and deletes what was not taken.
    func finish() {
        guard !abandoned else { return }
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !parserDone { condition.wait() }
        let leftover = queue
        queue = []
        condition.unlock()
        for var event in current[index...] { yaml_event_delete(&event) }
        current = []
        index = 0
        for batch in leftover {
            for var event in batch { yaml_event_delete(&event) }
        }
    }

    /// The parser thread: pulls events until the stream ends, an error, or `finish()`.
    private func produce() {
        condition.lock()
        let go = !abandoned
        started = go
        condition.broadcast()
        condition.unlock()
        guard go else { return }
        var batch: [yaml_event_t] = []
        batch.reserveCapacity(Self.batchSize)
        var error: YAMLError?
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) != 0 else {
                error = YAMLError.parser(parser.pointee, bytes: bytes)
                break
            }
            batch.append(event)
            if event.type == YAML_STREAM_END_EVENT { break }
            if batch.count == Self.batchSize {
                guard hand(batch) else { return }
                batch = []
                batch.reserveCapacity(Self.batchSize)
            }
        }
        condition.lock()
        if cancelled {
            for var event in batch { yaml_event_delete(&event) }
        } else if !batch.isEmpty {
            queue.append(batch)
        }
        failure = error
        parserDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a full batch, waiting while the queue is full. False (with the batch deleted and the
    /// thread marked done) when the builder has finished meanwhile.
    private func hand(_ batch: [yaml_event_t]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.maxQueued && !cancelled { condition.wait() }
        guard !cancelled else {
            for var event in batch { yaml_event_delete(&event) }
            parserDone = true
            condition.broadcast()
            return false
        }
        queue.append(batch)
        condition.signal()
        return true
    }
}
