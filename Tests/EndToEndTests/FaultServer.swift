import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback server that misbehaves on purpose. Each connection is handed, on a thread of its own, to
/// the server's script, which reads requests and answers with raw bytes: a status line that never
/// comes, a body shorter than its `Content-Length`, a reset in the middle, one byte a second.
final class FaultServer: @unchecked Sendable {
    typealias Script = @Sendable (FaultConnection) -> Void

    let port: UInt16
    var url: URL { URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/") }
    private let socket: Int32
    private let script: Script
    private let lock = NSLock()
    private var accepted = 0
    private var open = 0
    private var stopped = false
    private let acceptLoopEnded = DispatchSemaphore(value: 0)

    /// Tests waiting for a state of the connections (`waitUntil`), resumed as connections come and go.
    private var waiters: [(condition: @Sendable (_ accepted: Int, _ open: Int) -> Bool, continuation: CheckedContinuation<Void, Never>)] = []

    /// Connections accepted so far.
    var connections: Int { locked { accepted } }
    /// Connections whose script has not finished (the client has not closed them, or the script still runs).
    var openConnections: Int { locked { open } }

    /// Returns once `condition` holds of the connections accepted so far and those still open: an
    /// event to wait for, checked whenever one is accepted or ends.
    func waitUntil(_ condition: @escaping @Sendable (_ accepted: Int, _ open: Int) -> Bool) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let met = locked { () -> Bool in
                if condition(accepted, open) { return true }
                waiters.append((condition, continuation))
                return false
            }
            if met { continuation.resume() }
        }
    }

    /// Returns once `count` connections have been accepted in all.
    func waitForConnections(_ count: Int) async {
        await waitUntil { accepted, _ in accepted >= count }
    }

    /// Resumes the waiters whose condition now holds; called with `lock` held.
    private func takeMetWaiters() -> [CheckedContinuation<Void, Never>] {
        let met = waiters.filter { $0.condition(accepted, open) }
        waiters.removeAll { $0.condition(accepted, open) }
        return met.map(\.continuation)
    }

    init(script: @escaping Script) throws {
        self.script = script
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw LoopbackServer.Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && listen(descriptor, 256) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        guard ready else {
            close(descriptor)
            throw LoopbackServer.Failure(description: "bind/listen: \(String(cString: strerror(errno)))")
        }
        socket = descriptor
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in acceptLoop() }.start()
    }

    /// Stops accepting; connections still open are the scripts' to finish.
    func stop() {
        guard locked({ () -> Bool in
            defer { stopped = true }
            return !stopped
        }) else { return }
        shutdown(socket, Int32(SHUT_RDWR))
        acceptLoopEnded.wait()
        close(socket)
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    private func acceptLoop() {
        defer { acceptLoopEnded.signal() }
        while true {
            let descriptor = accept(socket, nil, nil)
            let (done, met) = locked { () -> (Bool, [CheckedContinuation<Void, Never>]) in
                if !stopped && descriptor >= 0 {
                    accepted += 1
                    open += 1
                }
                return (stopped, takeMetWaiters())
            }
            for waiter in met { waiter.resume() }
            if done {
                if descriptor >= 0 { close(descriptor) }
                return
            }
            guard descriptor >= 0 else { continue }
            Thread { [self] in
                let connection = FaultConnection(descriptor)
                script(connection)
                connection.close()
                let met = locked { () -> [CheckedContinuation<Void, Never>] in
                    open -= 1
                    return takeMetWaiters()
                }
                for waiter in met { waiter.resume() }
            }.start()
        }
    }
}

/// One connection as a fault script sees it.
final class FaultConnection: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer = Data()
    private var closed = false

    init(_ descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Reads one request (head and `Content-Length` body); false when the client closed the connection.
    @discardableResult
    func readRequest() -> Bool {
        let separator = Data("\r\n\r\n".utf8)
        while buffer.range(of: separator) == nil {
            guard receive() else { return false }
        }
        guard let end = buffer.range(of: separator) else { return false }
        let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self).lowercased()
        let length = head.components(separatedBy: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        while buffer.count - end.upperBound < length {
            guard receive() else { return false }
        }
        buffer = Data(buffer[(end.upperBound + length)...])
        return true
    }

    private func receive() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(descriptor, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    /// Sends bytes; false when the client is gone.
    @discardableResult
    func write(_ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let sent = send(descriptor, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    @discardableResult
    func write(_ text: String) -> Bool {
        write(Data(text.utf8))
    }

    /// A complete answer that keeps the connection open for another request.
    @discardableResult
    func answer(_ status: Int, _ body: String, contentType: String = "application/json") -> Bool {
        write("HTTP/1.1 \(status) Status\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
    }

    /// Waits until the client closes the connection, or `limit` passes; true when it closed.
    func waitForClientToClose(within limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) >= 0 else { return true }
            if poller.revents != 0 && !receive() { return true }
        }
        return false
    }

    /// Returns once every byte written has left this socket's send queue, so has reached the client's
    /// socket (on loopback, at once); false if that takes longer than `limit`, a bound far from what
    /// it needs.
    @discardableResult
    func waitUntilSent(within limit: Duration = .seconds(30)) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            var unsent: Int32 = 0
            guard ioctl(descriptor, UInt(TIOCOUTQ), &unsent) == 0 else { return false }
            if unsent == 0 { return true }
            // The kernel says nothing when the queue empties; a millisecond between looks.
            usleep(1000)
        }
        return false
    }

    /// Ends the connection with a reset (RST) instead of an orderly close.
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(descriptor)
    }
}

/// Events a fault script signals and a test waits for (a request read, a byte written), counted:
/// `wait(for: n)` returns once `signal()` has been called n times in all.
final class ScriptEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    func signal() {
        let met = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            count += 1
            let met = waiters.filter { $0.count <= count }
            waiters.removeAll { $0.count <= count }
            return met.map(\.continuation)
        }
        for waiter in met { waiter.resume() }
    }

    func wait(for count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let met = lock.withLock { () -> Bool in
                if self.count >= count { return true }
                waiters.append((count, continuation))
                return false
            }
            if met { continuation.resume() }
        }
    }
}
