/// What media types are, by their names.
public enum MediaTypes {
    /// The type and subtype, lower-cased, without parameters (`application/json; charset=utf-8` is
    /// `application/json`).
    public static func essence(_ mediaType: String) -> String {
        let base = mediaType.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? mediaType
        return base.trimmed(of: " \t").lowercased()
    }

    /// `application/json`, `text/json`, and any `+json` type (`application/merge-patch+json`).
    public static func isJSON(_ mediaType: String) -> Bool {
        let base = essence(mediaType)
        return base == "application/json" || base == "text/json" || base.hasSuffix("+json")
    }

    /// `text/*` (JSON excepted).
    public static func isText(_ mediaType: String) -> Bool {
        essence(mediaType).hasPrefix("text/") && !isJSON(mediaType)
    }

    /// A range that stands for any type, or any of a family: `*/*`, `application/*`.
    public static func isWildcard(_ mediaType: String) -> Bool {
        essence(mediaType).contains("*") && !isJSON(mediaType)
    }

    /// How a streaming media type frames its items; nil for any other type.
    public static func streamFormat(_ mediaType: String) -> Response.Stream.Format? {
        switch essence(mediaType) {
        case "text/event-stream": return .serverSentEvents
        case "application/jsonl", "application/x-ndjson", "application/x-jsonlines", "application/jsonlines": return .jsonLines
        case "application/json-seq": return .jsonSequence
        default: return nil
        }
    }

    /// The format a body of this media type has, by its name: JSON, a form, multipart form data, text,
    /// and bytes for anything else (`*/*` included; the OpenAPI frontend reads a structured schema
    /// under a wildcard as JSON).
    public static func format(of mediaType: String) -> BodyFormat {
        let base = essence(mediaType)
        if isJSON(base) { return .json }
        if base == "application/x-www-form-urlencoded" { return .form }
        if base == "multipart/form-data" { return .multipart }
        if isText(base) { return .text }
        return .binary
    }
}

extension String {
    fileprivate func trimmed(of characters: String) -> String {
        var text = Substring(self)
        while let first = text.first, characters.contains(first) { text.removeFirst() }
        while let last = text.last, characters.contains(last) { text.removeLast() }
        return String(text)
    }
}
