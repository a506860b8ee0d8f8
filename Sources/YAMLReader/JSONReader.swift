/// Reads a JSON text (RFC 8259) into the same tree of `YAMLNode`s that libyaml gives, with the line
/// and column of every node. JSON is YAML 1.2, but libyaml refuses a key longer than 1,024
/// characters (YAML's limit on implicit keys), which JSON does not have; documents that are JSON are
/// therefore read here.
///
/// Strings become double-quoted scalars (always strings); numbers, `true`, `false` and `null` plain
/// scalars, which the core schema resolves as libyaml's would. A key written twice in one object is
/// an error, as in YAML.
struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var offset = 0
    private var line = 1
    private var column = 1
    private var depth = 0
    /// The keys and indices from the root to the node being read, for errors.
    private var path: [String] = []
    /// Whether reading stopped at something YAML's flow style allows (a key not in quotes, a plain
    /// scalar): the text may be YAML rather than JSON with a mistake.
    private(set) var stoppedAtYAMLSyntax = false

    /// Whether `bytes` look like JSON: the first character after white space (and a UTF-8 byte-order
    /// mark) opens an object or an array.
    static func looksLikeJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        return index < bytes.count && (bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "["))
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
    }

    mutating func read() throws(YAMLError) -> YAMLNode {
        skipSpace()
        let root = try value()
        skipSpace()
        guard offset == bytes.count else { throw failure("there is more after the end of the JSON document") }
        return root
    }

    // MARK: - Values

    private mutating func value() throws(YAMLError) -> YAMLNode {
        guard let byte = peek else { throw failure("the JSON document ends where a value was expected") }
        let mark = Mark(line: line, column: column)
        switch byte {
        case UInt8(ascii: "{"): return try object(at: mark)
        case UInt8(ascii: "["): return try array(at: mark)
        case UInt8(ascii: "\""):
            return YAMLNode(.scalar(YAMLScalar(text: try string(), style: .doubleQuoted)), mark: mark)
        case UInt8(ascii: "t"): return try word("true", at: mark)
        case UInt8(ascii: "f"): return try word("false", at: mark)
        case UInt8(ascii: "n"): return try word("null", at: mark)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return YAMLNode(.scalar(YAMLScalar(text: try number(), style: .plain)), mark: mark)
        default:
            stoppedAtYAMLSyntax = true
            throw failure("'\(Character(Unicode.Scalar(byte)))' cannot start a JSON value; "
                          + "a value is an object, an array, a string, a number, true, false or null")
        }
    }

    private mutating func object(at mark: Mark) throws(YAMLError) -> YAMLNode {
        try enter()
        advance()
        var pairs: [YAMLPair] = []
        var seen: [String: Mark] = [:]
        skipSpace()
        if peek == UInt8(ascii: "}") {
            advance()
            depth -= 1
            return YAMLNode(.mapping(YAMLMapping(pairs)), mark: mark)
        }
        while true {
            skipSpace()
            let keyMark = Mark(line: line, column: column)
            guard peek == UInt8(ascii: "\"") else {
                stoppedAtYAMLSyntax = true
                throw failure("a key of a JSON object must be a string in double quotes")
            }
            let key = try string()
            if let first = seen[key] {
                throw YAMLError("the key '\(key)' appears twice in this mapping (first at line \(first.line), "
                                + "column \(first.column)); remove or rename one of them", at: keyMark, path: path + [key])
            }
            seen[key] = keyMark
            skipSpace()
            guard peek == UInt8(ascii: ":") else { throw failure("expected ':' after the key '\(key)'") }
            advance()
            skipSpace()
            path.append(key)
            let item = try value()
            path.removeLast()
            pairs.append(YAMLPair(key: YAMLNode(.scalar(YAMLScalar(text: key, style: .doubleQuoted)), mark: keyMark), value: item))
            skipSpace()
            if peek == UInt8(ascii: ",") { advance(); continue }
            guard peek == UInt8(ascii: "}") else {
                throw failure("expected ',' or '}' in the object that starts at line \(mark.line), column \(mark.column); "
                              + "separate its entries with ',', or close it with '}'")
            }
            advance()
            depth -= 1
            return YAMLNode(.mapping(YAMLMapping(pairs)), mark: mark)
        }
    }

    private mutating func array(at mark: Mark) throws(YAMLError) -> YAMLNode {
        try enter()
        advance()
        var items: [YAMLNode] = []
        skipSpace()
        if peek == UInt8(ascii: "]") {
            advance()
            depth -= 1
            return YAMLNode(.sequence(items), mark: mark)
        }
        while true {
            skipSpace()
            path.append(String(items.count))
            items.append(try value())
            path.removeLast()
            skipSpace()
            if peek == UInt8(ascii: ",") { advance(); continue }
            guard peek == UInt8(ascii: "]") else {
                path.append(String(items.count))  // where the next item would be, as libyaml reports it
                throw failure("expected ',' or ']' in the array that starts at line \(mark.line), column \(mark.column); "
                              + "separate its items with ',', or close it with ']'")
            }
            advance()
            depth -= 1
            return YAMLNode(.sequence(items), mark: mark)
        }
    }

    private mutating func enter() throws(YAMLError) {
        depth += 1
        guard depth <= maxDepth else {
            throw failure("the document nests collections more than \(maxDepth) levels deep; "
                          + "no API description needs that, so reading stopped")
        }
    }

    private mutating func word(_ text: String, at mark: Mark) throws(YAMLError) -> YAMLNode {
        for expected in text.utf8 {
            guard peek == expected else { throw failure("expected '\(text)'") }
            advance()
        }
        return YAMLNode(.scalar(YAMLScalar(text: text, style: .plain)), mark: mark)
    }

    private mutating func number() throws(YAMLError) -> String {
        let start = offset
        if peek == UInt8(ascii: "-") { advance() }
        guard digits() > 0 else { throw failure("a JSON number needs a digit here") }
        if peek == UInt8(ascii: ".") {
            advance()
            guard digits() > 0 else { throw failure("a JSON number needs a digit after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            advance()
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { advance() }
            guard digits() > 0 else { throw failure("a JSON number needs a digit in its exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    private mutating func digits() -> Int {
        var count = 0
        while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            advance()
            count += 1
        }
        return count
    }

    /// A string in double quotes, its escapes decoded.
    private mutating func string() throws(YAMLError) -> String {
        advance()
        var scalars = String.UnicodeScalarView()
        var runStart = offset
        func flush(_ end: Int) {
            if end > runStart {
                scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<end]), as: UTF8.self).unicodeScalars)
            }
        }
        while true {
            guard let byte = peek else { throw failure("the JSON document ends inside a string") }
            switch byte {
            case UInt8(ascii: "\""):
                flush(offset)
                advance()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush(offset)
                advance()
                scalars.append(try escape())
                runStart = offset
            case 0x00..<0x20:
                throw failure("a control character must be escaped inside a JSON string")
            default:
                advance()
            }
        }
    }

    private mutating func escape() throws(YAMLError) -> Unicode.Scalar {
        guard let byte = peek else { throw failure("the JSON document ends inside a string") }
        advance()
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexUnit()
            if (0xD800..<0xDC00).contains(unit) {
                // A high surrogate: a low one must follow to make one character.
                guard peek == UInt8(ascii: "\\") else { return "\u{FFFD}" }
                advance()
                guard peek == UInt8(ascii: "u") else { throw failure("expected '\\u' and a low surrogate") }
                advance()
                let low = try hexUnit()
                guard (0xDC00..<0xE000).contains(low) else { return "\u{FFFD}" }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
            }
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        default:
            throw failure("'\\\(Character(Unicode.Scalar(byte)))' is not an escape of JSON; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u")
        }
    }

    private mutating func hexUnit() throws(YAMLError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = Self.hexValue(byte) else { throw failure("'\\u' needs four hexadecimal digits") }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    // MARK: - Position

    private var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// One byte on; the column counts characters, so UTF-8 continuation bytes do not move it.
    private mutating func advance() {
        let byte = bytes[offset]
        offset += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipSpace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    private func failure(_ message: String) -> YAMLError {
        YAMLError(message, at: Mark(line: line, column: column), path: path)
    }
}
