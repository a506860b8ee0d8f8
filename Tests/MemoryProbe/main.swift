// Moves a large body up and down through one transport, in a process of its own, and prints the
// process's peak resident set: the end-to-end test `StreamedBodyMemoryTests` runs it, because a test
// process runs other tests beside it, whose memory would be counted too.
//
//     MemoryProbe urlSession 200     # 200 MiB up from a file, as multipart, and down into a file
//
// The server is a small one on a loopback socket in this process: it counts the bytes it is sent and
// sends bytes it makes as it goes, so that neither side holds a body whole.
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Generated
import Spec2SwiftAsyncHTTPClient
import Spec2SwiftRuntime

struct Failure: Error, CustomStringConvertible {
    var description: String
}

/// The process's peak resident set so far, in KiB (`VmHWM` in /proc/self/status).
func peakKiB() -> Int {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
}

/// The bytes the server sends and the probe checks: a pattern of every byte value whose period
/// (65,537 bytes) shares no factor with any chunk size, twice over, so that any run of up to one
/// period is a slice of it.
let period = 65_537
let pattern: Data = {
    let once = Data((0..<period).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
    return once + once
}()

/// `count` bytes of the pattern from `offset` on (`count` at most one period).
func patternSlice(_ offset: Int, _ count: Int) -> Data {
    let start = offset % period
    return pattern.subdata(in: start..<start + count)
}

/// One connection at a time, each on its own thread: a request's body is read and counted, a GET is
/// answered with `downloadSize` bytes of the pattern.
final class CountingServer: @unchecked Sendable {
    let port: UInt16
    private let socket: Int32
    private let downloadSize: Int

    init(downloadSize: Int) throws {
        self.downloadSize = downloadSize
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else { throw Failure(description: "bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        socket = descriptor
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in
            while true {
                let connection = accept(socket, nil, nil)
                guard connection >= 0 else { continue }
                Thread { [self] in serve(connection) }.start()
            }
        }.start()
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var head = Data()
        let separator = Data("\r\n\r\n".utf8)
        var headEnd: Range<Data.Index>?
        while headEnd == nil {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            head.append(contentsOf: buffer[0..<count])
            headEnd = head.range(of: separator)
        }
        guard let end = headEnd else { return }
        let lines = String(decoding: head[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let method = lines.first?.split(separator: " ").first.map(String.init) ?? ""
        let length = lines.compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first ?? 0
        var received = head.count - end.upperBound
        while received < length {
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            received += count
        }
        if method == "GET" {
            send(connection, Data("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: \(downloadSize)\r\nConnection: close\r\n\r\n".utf8))
            var offset = 0
            while offset < downloadSize {
                let count = min(buffer.count, downloadSize - offset)
                guard send(connection, patternSlice(offset, count)) else { return }
                offset += count
            }
        } else {
            let body = Data(#"{"id":"o-1","bytes":\#(received),"filename":"f"}"#.utf8)
            send(connection, Data("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8) + body)
        }
    }

    @discardableResult
    private func send(_ connection: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let count = Glibc.send(connection, raw.baseAddress.map { $0 + sent }, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard count > 0 else { return false }
                sent += count
            }
            return true
        }
    }
}

/// A file of `size` bytes of the pattern, written a MiB at a time.
func makeFile(_ url: URL, size: Int) throws {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw Failure(description: "cannot create \(url.path)") }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    var offset = 0
    while offset < size {
        let count = min(period, size - offset)
        try handle.write(contentsOf: patternSlice(offset, count))
        offset += count
    }
}

/// Whether the file holds `size` bytes of the pattern, read a MiB at a time.
func holdsPattern(_ url: URL, size: Int) throws -> Bool {
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var offset = 0
    while let chunk = try handle.read(upToCount: period), !chunk.isEmpty {
        guard chunk == patternSlice(offset, chunk.count) else { return false }
        offset += chunk.count
    }
    return offset == size
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let mebibytes = Int(arguments[2]), ["urlSession", "asyncHTTPClient"].contains(arguments[1]) else {
    print("usage: MemoryProbe urlSession|asyncHTTPClient MEBIBYTES")
    exit(2)
}
let size = mebibytes << 20
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spec2swift-memory-probe-" + UUID().uuidString)
do {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let server = try CountingServer(downloadSize: size)
    let transport: any HTTPTransport = arguments[1] == "urlSession" ? URLSessionTransport() : AsyncHTTPClientTransport()
    let client = APIClient(authentication: Uploads.Auth.token("t"), transport: transport,
                           baseURL: URL(string: "http://127.0.0.1:\(server.port)"), timeout: .seconds(600), retryPolicy: .none)
    let source = folder.appendingPathComponent("source.bin")
    try makeFile(source, size: size)
    let before = peakKiB()

    let raw = try await client.send(Uploads.Files.storeAnObject(key: "k", body: FileUpload(contentsOf: source)))
    let multipart = try await client.send(Uploads.Files.uploadAFile(body: Uploads.UploadAFileBody(
        purpose: .assistants, file: FileUpload(contentsOf: source, contentType: "application/octet-stream"))))
    let afterUploads = peakKiB()
    let target = folder.appendingPathComponent("downloaded.pdf")
    let downloaded = try await client.download(Uploads.Reports.downloadAReport(id: "r"), to: target)
    let intact = try holdsPattern(target, size: size)
    // The multipart body is the file and its parts' heads, so a few hundred bytes more.
    print(#"{"before":\#(before),"afterUploads":\#(afterUploads),"peak":\#(peakKiB()),"raw":\#(raw.bytes),"multipart":\#(multipart.bytes),"#
          + #""downloaded":\#(downloaded.value),"intact":\#(intact),"size":\#(size)}"#)
} catch {
    print("failed: \(error)")
    exit(1)
}
