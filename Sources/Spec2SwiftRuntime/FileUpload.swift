import Foundation

/// Bytes with an optional file name and content type: a property of `type: string, format: binary`
/// (or, in OpenAPI 3.1, a string with a `contentMediaType` and no `contentEncoding`), or a body of bytes.
///
/// In a `multipart/form-data` body it is a file part: `Content-Disposition: form-data; name="..."; filename="..."`
/// with `contentType` (or the part's `encoding.contentType`, or `application/octet-stream`). Without
/// a file name the part's name stands in for it, because servers read a part without one as a text field.
/// In JSON, which has no bytes, it is the bytes as base64 text, like `Data`.
///
///     let audio = FileUpload(try Data(contentsOf: url), fileName: "speech.mp3", contentType: "audio/mpeg")
///
/// A file on disk is read as it is sent, never held in memory whole (`APIClient` sends a multipart
/// body that holds one from a temporary file it writes part by part):
///
///     let video = FileUpload(contentsOf: url, contentType: "video/mp4")
public struct FileUpload: Codable, Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    /// Where the bytes are: in memory, or in a file read when they are sent.
    public enum Contents: Hashable, Sendable {
        case bytes(Data)
        case file(URL)
    }

    public var contents: Contents
    public var fileName: String?
    public var contentType: String?

    public init(_ data: Data, fileName: String? = nil, contentType: String? = nil) {
        self.contents = .bytes(data)
        self.fileName = fileName
        self.contentType = contentType
    }

    /// The file at `url` (a file URL), read when the request is sent; its file name is the URL's
    /// last component unless `fileName` says otherwise.
    public init(contentsOf url: URL, fileName: String? = nil, contentType: String? = nil) {
        self.contents = .file(url)
        self.fileName = fileName ?? url.lastPathComponent
        self.contentType = contentType
    }

    /// The bytes: those in memory, or the file's, read now (empty when it cannot be read; sending the
    /// upload reports that error instead). Setting them makes the upload hold them in memory.
    public var data: Data {
        get { (try? bytes()) ?? Data() }
        set { contents = .bytes(newValue) }
    }

    /// The bytes, reading a file whole: for JSON and for callers of `Request.urlRequest()`, which need
    /// them in memory.
    func bytes() throws -> Data {
        switch contents {
        case .bytes(let data): return data
        case .file(let url): return try Data(contentsOf: url)
        }
    }

    /// The file behind the upload, when its bytes are not in memory.
    var file: URL? {
        if case .file(let url) = contents { return url }
        return nil
    }

    /// The number of bytes, without reading a file (nil when its size cannot be read).
    var count: Int? {
        switch contents {
        case .bytes(let data): return data.count
        case .file(let url): return FileSize.of(url)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a file's bytes in JSON must be base64 text")
        }
        self.init(data)
    }

    public func encode(to encoder: any Encoder) throws {
        if let tree = encoder as? ValueTreeEncoder {
            tree.box.scalar = .file(self)
            return
        }
        var container = encoder.singleValueContainer()
        try container.encode(Redaction.isOn(in: encoder) ? summary : bytes().base64EncodedString())
    }

    /// Name, type and size; never the bytes.
    var summary: String {
        "<file" + (fileName.map { " \"\($0)\"" } ?? "") + (contentType.map { " " + $0 } ?? "")
            + ", \(count.map(String.init) ?? "unknown number of") bytes>"
    }

    /// Name, type and size, as `summary`; never the bytes.
    public var description: String { "FileUpload" + summary }
    public var customMirror: Mirror {
        Mirror(self, children: ["fileName": fileName as Any, "contentType": contentType as Any, "size": count as Any],
               displayStyle: .struct)
    }
}

/// The size of a file, from its attributes.
enum FileSize {
    static func of(_ url: URL) -> Int? {
        (try? url.resourceValues(forKeys: [.fileSizeKey]))?.fileSize
    }
}
