import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for end-to-end tests: it listens on a port the system picks,
/// answers each request from a handler on its own thread (so a slow answer blocks nothing else), closes
/// each connection after one answer, and records every request it saw.
final class LoopbackServer: @unchecked Sendable {
    struct Request: Sendable, CustomStringConvertible {
        var method: String
        /// The path as sent, percent-encoding included.
        var path: String
        /// The query as sent, without `?`; empty when there is none.
        var query: String
        /// Header values by lower-cased name.
        var headers: [String: String]
        var body: Data

        var bodyText: String { String(decoding: body, as: UTF8.self) }
        var description: String { "\(method) \(path)\(query.isEmpty ? "" : "?" + query)" }
    }

    struct Response: Sendable {
        var status: Int
        var headers: [(String, String)] = [("Content-Type", "application/json")]
        var body: Data
        /// Wait this long before answering.
        var delay: Duration?

        static func json(_ status: Int, _ text: String, headers: [(String, String)] = [], delay: Duration? = nil) -> Response {
            Response(status: status, headers: [("Content-Type", "application/json")] + headers, body: Data(text.utf8), delay: delay)
        }
    }

    let port: UInt16
    /// The loopback address the server listens on (127.0.0.1 unless another was asked for).
    let host: String
    var url: URL { URL(string: "http://\(host):\(port)") ?? URL(fileURLWithPath: "/") }
    private let socket: Int32
    private let handler: @Sendable (Request) -> Response
    private let lock = NSLock()
    private var recorded: [Request] = []
    private var stopped = false
    /// Tests waiting for a number of requests (`waitForRequests`), resumed as requests arrive.
    private var requestWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    /// Signalled by `stop()`: an answer that waits (`delay`) ends its wait then.
    private let stopping = NSCondition()
    /// Signalled when the accept loop has ended; the socket is closed only then, because a closed
    /// descriptor's number is reused at once, and a loop still calling `accept` on it would steal
    /// another server's connections.
    private let acceptLoopEnded = DispatchSemaphore(value: 0)

    var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    /// Returns once the server has read `count` requests in all: an event to wait for instead of a
    /// time to sleep.
    func waitForRequests(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            let met = recorded.count >= count
            if !met { requestWaiters.append((count, continuation)) }
            lock.unlock()
            if met { continuation.resume() }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(host: String = "127.0.0.1", handler: @escaping @Sendable (Request) -> Response) throws {
        self.handler = handler
        self.host = host
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0 // the system picks a free port; `port` says which
        address.sin_addr.s_addr = inet_addr(host)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw Failure(description: "bind/listen: \(String(cString: strerror(errno)))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        socket = descriptor
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// A loopback port on which nothing listens, held for as long as the value lives: the socket is
    /// bound but never listens, so a connection to it is refused and no other test's server can be
    /// given the port meanwhile (a stopped server's port can be, and then answers).
    final class RefusingPort: @unchecked Sendable {
        private let socket: Int32
        let url: URL

        init() throws {
            let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
            }
            guard bound, let url = URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))") else {
                close(descriptor)
                throw Failure(description: "bind: \(String(cString: strerror(errno)))")
            }
            socket = descriptor
            self.url = url
        }

        deinit { close(socket) }
    }

    /// Stops accepting connections, and closes the listening socket once nothing uses it.
    func stop() {
        lock.lock()
        let first = !stopped
        stopped = true
        lock.unlock()
        guard first else { return }
        stopping.lock()
        stopping.broadcast()
        stopping.unlock()
        shutdown(socket, Int32(SHUT_RDWR)) // wakes a blocked `accept`
        acceptLoopEnded.wait()
        close(socket)
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func acceptLoop() {
        defer { acceptLoopEnded.signal() }
        while true {
            let connection = accept(socket, nil, nil)
            lock.lock()
            let done = stopped
            lock.unlock()
            if done {
                if connection >= 0 { close(connection) }
                return
            }
            guard connection >= 0 else { continue }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        guard let request = read(connection) else { return }
        lock.lock()
        recorded.append(request)
        let met = requestWaiters.filter { $0.count <= recorded.count }
        requestWaiters.removeAll { $0.count <= recorded.count }
        lock.unlock()
        for waiter in met { waiter.continuation.resume() }
        let response = handler(request)
        if let delay = response.delay {
            // An answer that is late on purpose; stopping the server ends the wait.
            let until = Date(timeIntervalSinceNow: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
            stopping.lock()
            while !isStopped, stopping.wait(until: until) {}
            stopping.unlock()
        }
        var head = "HTTP/1.1 \(response.status) Status\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        write(connection, Data(head.utf8) + response.body)
    }

    /// Reads one request: the head up to an empty line, then `Content-Length` bytes of body.
    private func read(_ connection: Int32) -> Request? {
        var buffer = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let separator = Data("\r\n\r\n".utf8)
        var headEnd: Range<Data.Index>?
        while headEnd == nil {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
            headEnd = buffer.range(of: separator)
        }
        guard let end = headEnd else { return nil }
        let lines = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines.first?.split(separator: " ") ?? []
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(buffer[end.upperBound...])
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < length {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { break }
            body.append(contentsOf: chunk[0..<count])
        }
        let target = String(requestLine[1])
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return Request(method: String(requestLine[0]), path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "",
                       headers: headers, body: body)
    }

    private func write(_ connection: Int32, _ data: Data) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let sent = send(connection, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }
}

/// Routes requests by method and path to scripted answers, counting calls.
final class Router: @unchecked Sendable {
    private let lock = NSLock()
    private var routes: [String: @Sendable (LoopbackServer.Request, Int) -> LoopbackServer.Response] = [:]
    private var calls: [String: Int] = [:]

    /// Answers `METHOD path`; the handler also gets how many times the route was called before.
    func on(_ method: String, _ path: String, _ answer: @escaping @Sendable (LoopbackServer.Request, Int) -> LoopbackServer.Response) {
        lock.lock()
        routes[method + " " + path] = answer
        lock.unlock()
    }

    func handle(_ request: LoopbackServer.Request) -> LoopbackServer.Response {
        let key = request.method + " " + request.path
        lock.lock()
        let route = routes[key]
        let count = calls[key, default: 0]
        calls[key] = count + 1
        lock.unlock()
        guard let route else {
            return .json(404, #"{"message":"no route for \#(key)"}"#)
        }
        return route(request, count)
    }

    func callCount(_ method: String, _ path: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return calls[method + " " + path, default: 0]
    }
}
