import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A body of bytes, as an operation whose request body is bytes takes it: `Data` in memory, a
/// `FileUpload` (bytes or a file on disk, with a content type of its own), or a `ByteStream`.
///
///     try await client.send(Uploads.Files.storeAnObject(key: "report.pdf", body: data))
///     try await client.send(Uploads.Files.storeAnObject(key: "video.mp4", body: FileUpload(contentsOf: url)))
public protocol BinaryBody: Encodable, Sendable {}

extension Data: BinaryBody {}
extension FileUpload: BinaryBody {}

/// A body of bytes made while it is sent (a recording, a compressor's output): the chunks of an
/// asynchronous sequence. `APIClient` writes them to a temporary file before the first attempt, so
/// that a retry or a redirect sends the same bytes again and memory holds one chunk at a time; the
/// file is removed when the call ends. A stream is read once: send it in one call.
public struct ByteStream: BinaryBody, CustomStringConvertible {
    /// The `Content-Type` sent with the bytes; nil: the operation's.
    public var contentType: String?
    /// Writes every chunk, in order, to a file.
    let write: @Sendable (FileHandle) async throws -> Void

    public init<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks, contentType: String? = nil) where Chunks.Element == Data {
        self.contentType = contentType
        write = { handle in
            for try await chunk in chunks { try handle.write(contentsOf: chunk) }
        }
    }

    /// A stream has no JSON form; `APIClient` sends it as bytes.
    public func encode(to encoder: any Encoder) throws {
        throw EncodingError.invalidValue(self, EncodingError.Context(
            codingPath: encoder.codingPath, debugDescription: "a ByteStream is sent as bytes by APIClient, and has no JSON form"))
    }

    public var description: String { "ByteStream" + (contentType.map { "(\($0))" } ?? "") }
}

/// A request body written out before it is sent, so that it is never in memory whole: a `ByteStream`,
/// or a multipart body with a part that is a file. Removed by `remove()` when the call has ended.
struct SpooledBody: Sendable {
    let file: URL

    /// The call sending its body from a file, when it needs one: `request` with its body replaced by the
    /// file (as bytes of the body's content type) and the file to remove afterwards; nil when the body
    /// is sent from memory as it is.
    static func spool<Response>(_ request: Request<Response>) async throws(APIError) -> (Request<Response>, SpooledBody)? {
        guard let body = request.body else { return nil }
        let operationID = request.operationID
        func failure(_ error: any Error) -> APIError {
            .invalidRequest("the body of \(operationID) could not be written to a temporary file: \(error)")
        }
        switch request.bodyEncoding {
        case .binary:
            guard let stream = body as? ByteStream else { return nil }
            let spooled = try Self.create(operationID: operationID)
            do {
                try await spooled.writing { try await stream.write($0) }
            } catch {
                spooled.remove()
                throw failure(error)
            }
            return (request.sending(FileUpload(contentsOf: spooled.file, contentType: stream.contentType ?? request.contentType)),
                    spooled)
        case .multipart(let encodings):
            let multipart: MultipartBody
            do {
                multipart = try MultipartBody(fields: try BodyEncoding.topLevelFields(body, "a multipart"), encodings: encodings)
            } catch {
                throw APIError.invalidRequest("the body of \(operationID) could not be encoded as \(request.bodyEncoding.name): \(error)")
            }
            guard multipart.holdsFiles else { return nil }
            let spooled = try Self.create(operationID: operationID)
            do {
                try await spooled.writing { handle in try multipart.write { try handle.write(contentsOf: $0) } }
            } catch {
                spooled.remove()
                throw failure(error)
            }
            return (request.sending(FileUpload(contentsOf: spooled.file, contentType: multipart.contentType)), spooled)
        case .json, .form, .text:
            return nil
        }
    }

    /// An empty file of the process's own, in the temporary folder.
    private static func create(operationID: String) throws(APIError) -> SpooledBody {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("spec2swift-upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw .invalidRequest("the body of \(operationID) could not be written: cannot create \(file.path)")
        }
        return SpooledBody(file: file)
    }

    private func writing(_ write: (FileHandle) async throws -> Void) async throws {
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try await write(handle)
    }

    func remove() {
        try? FileManager.default.removeItem(at: file)
    }
}

extension Request {
    /// This call with `file` as its whole body, as bytes of the file's content type.
    fileprivate func sending(_ file: FileUpload) -> Request {
        var request = self
        request.body = file
        request.bodyEncoding = .binary
        return request
    }

    /// The file the body is read from as it is sent, when it is one: a body of bytes that is a file on disk.
    var bodyFile: URL? {
        guard case .binary = bodyEncoding else { return nil }
        return (body as? FileUpload)?.file
    }
}
