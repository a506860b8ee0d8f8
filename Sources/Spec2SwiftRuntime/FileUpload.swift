import Foundation

/// Bytes with an optional file name and content type: a property of `type: string, format: binary`
/// (or, in OpenAPI 3.1, a string with a `contentMediaType` and no `contentEncoding`).
///
/// In a `multipart/form-data` body it is a file part: `Content-Disposition: form-data; name="..."; filename="..."`
/// with `contentType` (or the part's `encoding.contentType`, or `application/octet-stream`). Without
/// a file name the part's name stands in for it, because servers read a part without one as a text field.
/// In JSON, which has no bytes, it is the bytes as base64 text, like `Data`.
///
///     let audio = FileUpload(try Data(contentsOf: url), fileName: "speech.mp3", contentType: "audio/mpeg")
public struct FileUpload: Codable, Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    public var data: Data
    public var fileName: String?
    public var contentType: String?

    public init(_ data: Data, fileName: String? = nil, contentType: String? = nil) {
        self.data = data
        self.fileName = fileName
        self.contentType = contentType
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
        try container.encode(Redaction.isOn(in: encoder) ? summary : data.base64EncodedString())
    }

    /// Name, type and size; never the bytes.
    var summary: String {
        "<file" + (fileName.map { " \"\($0)\"" } ?? "") + (contentType.map { " " + $0 } ?? "") + ", \(data.count) bytes>"
    }

    /// Name, type and size, as `summary`; never the bytes.
    public var description: String { "FileUpload" + summary }
    public var customMirror: Mirror {
        Mirror(self, children: ["fileName": fileName as Any, "contentType": contentType as Any, "size": data.count],
               displayStyle: .struct)
    }
}
