import Foundation

/// Where something was written: a file and a 1-based line and column.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// An RFC 6901 JSON pointer in URI-fragment form (`#/components/schemas/Secret`).
///
/// A pointer into another file of a document spread over several files starts with that file's path,
/// relative to the folder of the input document, as a JSON reference does
/// (`components/schemas/Pet.yaml#/properties/name`); a pointer into the input document has no path.
///
/// Provenance in generated code is a pointer, never a line number: a pointer stays put when
/// unrelated parts of the document move.
public struct JSONPointer: Hashable, Sendable, Comparable, CustomStringConvertible {
    public private(set) var string: String

    public static let root = JSONPointer(string: "#")

    private init(string: String) {
        self.string = string
    }

    /// The root of another file of the document: `document` is its path relative to the input
    /// document's folder (a `#` or `%` in it is percent-encoded, so that the first `#` ends the path).
    public init(document: String) {
        var encoded = document
        if encoded.contains("%") { encoded = encoded.replacingOccurrences(of: "%", with: "%25") }
        if encoded.contains("#") { encoded = encoded.replacingOccurrences(of: "#", with: "%23") }
        self.string = encoded + "#"
    }

    /// The path of the file this pointer points into, relative to the input document's folder; nil
    /// for the input document itself.
    public var document: String? {
        guard string.utf8.first != UInt8(ascii: "#"), let hash = string.firstIndex(of: "#") else { return nil }
        let encoded = string[..<hash]
        guard encoded.contains("%") else { return String(encoded) }
        return encoded.replacingOccurrences(of: "%23", with: "#").replacingOccurrences(of: "%25", with: "%")
    }

    /// The unescaped tokens after the file's path: the keys and indices from the file's root.
    public var tokens: [String] {
        let fragment = string.firstIndex(of: "#").map { string[$0...] } ?? Substring(string)
        return Self.tokens(of: String(fragment), percentEncoded: false) ?? []
    }

    /// The pointer to the node reached by following `tokens` (keys and indices) from the root.
    public init(tokens: [String]) {
        self = tokens.reduce(JSONPointer.root) { $0.appending($1) }
    }

    /// The pointer one level down, with `~` and `/` escaped in `token`.
    public func appending(_ token: String) -> JSONPointer {
        // Escaping is rare; checking bytes first keeps this off Foundation's string search.
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            return JSONPointer(string: string + "/" + token)
        }
        let escaped = token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        return JSONPointer(string: string + "/" + escaped)
    }

    public func appending(_ index: Int) -> JSONPointer {
        JSONPointer(string: string + "/" + String(index))
    }

    /// Parses `#/a/b~1c` or `/a/b` into its unescaped tokens; nil when it is not a local pointer. A
    /// `$ref`'s fragment is percent-encoded (RFC 6901, section 6: `with%20space` is `with space`); a
    /// pointer this type made is not.
    public static func tokens(of reference: String, percentEncoded: Bool = true) -> [String]? {
        var rest = Substring(reference)
        if rest.hasPrefix("#") { rest = rest.dropFirst() }
        guard rest.isEmpty || rest.hasPrefix("/") else { return nil }
        if rest.isEmpty { return [] }
        if percentEncoded, rest.utf8.contains(UInt8(ascii: "%")), let decoded = rest.removingPercentEncoding { rest = Substring(decoded) }
        return rest.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.utf8.contains(UInt8(ascii: "~"))
                ? $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") : String($0)
        }
    }

    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool { lhs.string < rhs.string }

    public var description: String { string }
}
