/// What to do about libyaml's problems: libyaml says what it found, these say how to fix it.
enum ErrorAdvice {
    /// Advice for a syntax problem, keyed by a phrase of libyaml's message; `character` is the one at
    /// the problem's mark, when it is known.
    static func syntax(_ problem: String, character: Unicode.Scalar?) -> String {
        if problem.contains("cannot start any token") {
            switch character {
            case "\t": return tab
            case "@", "`": return "'\(character ?? "@")' is reserved in YAML and cannot start plain text; put the value in quotes"
            default: return "put the value that starts here in quotes"
            }
        }
        if problem.contains("tab character") { return tab }
        for (phrase, advice) in table where problem.contains(phrase) {
            return advice
        }
        return "fix the YAML at this spot; the error may be on the line before it"
    }

    static let tab = "this is a tab, and YAML indents with spaces only; replace the tab with spaces"

    static let table: [(phrase: String, advice: String)] = [
        ("mapping values are not allowed", "a ': ' inside a plain value starts a mapping; put the value in quotes, "
            + "or align this line with the keys above it"),
        ("did not find expected key", "this line is not indented like the keys of the mapping it is in; "
            + "align it with them"),
        ("block sequence entries are not allowed", "a '- ' item must begin a line of its own, indented like the "
            + "other items of its list"),
        ("expected ',' or ']'", "close the list with ']', or separate its items with ','"),
        ("expected ',' or '}'", "close the mapping with '}', or separate its entries with ','"),
        ("found unexpected end of stream", "the quoted text is never closed; close it with the quote it started with"),
        ("unknown escape character", "inside double quotes a backslash starts an escape; write '\\\\' for a "
            + "backslash, or use single quotes"),
        ("expected hexdecimal number", "a '\\x', '\\u' or '\\U' escape needs 2, 4 or 8 hexadecimal digits"),
        ("invalid Unicode character escape", "the escape names no Unicode character; write the character itself"),
        ("could not find expected ':'", "a key needs ': ' after it on the same line (a key longer than 1024 "
            + "characters needs '? ' before it)"),
        ("did not find expected node content", "a value is missing here; write it, or put text that begins "
            + "with a YAML indicator in quotes"),
        ("did not find expected '-' indicator", "every item of a list begins with '- ' at the same indentation"),
        ("unexpected document indicator", "a line that begins with '---' or '...' ends the document; indent it "
            + "or put it in quotes"),
        ("incompatible YAML document", "remove the %YAML directive: spec2swift reads YAML 1.1 and 1.2"),
        ("undefined tag handle", "remove the tag, or declare its handle with a %TAG directive"),
        ("expected alphabetic or numeric character", "anchor and alias names are letters, digits, '-' and '_'; "
            + "put text that begins with '&' or '*' in quotes"),
        ("did not find expected <document start>", "a document holds one top-level value; indent the lines "
            + "that belong to it"),
        ("did not find expected comment or line break", "text follows a value on its line; put a '#' before a "
            + "comment, or quote the value"),
    ]

    /// A sentence for an encoding problem at `offset`: `value` is the byte or character libyaml stopped
    /// at. Binary files and files in another encoding are told apart from a stray control character.
    static func encoding(_ problem: String, value: Int32, offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        if problem.contains("control characters") {
            if value == 0 || bytes.prefix(8_192).contains(0) {
                return "the file holds NUL bytes, so it is binary, or UTF-16 without a byte-order mark; "
                    + "give a YAML text file saved as UTF-8"
            }
            let hex = String(value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return "the file holds the control character \(code), which YAML does not allow in text; remove it, "
                + "or write it as an escape inside double quotes"
        }
        if problem.contains("UTF-8") || problem.contains("Unicode character") {
            let byte = offset < bytes.count ? bytes[offset] : 0
            let hex = String(byte, radix: 16, uppercase: true)
            return "the byte 0x\(hex.count == 1 ? "0" + hex : hex) is not valid UTF-8 (\(problem)); the file is binary or "
                + "saved in another encoding, such as Latin-1: save it as UTF-8"
        }
        return "the file is not valid UTF-16 text (\(problem)); save it as UTF-8"
    }

    /// The character at a 1-based `mark` of UTF-8 `bytes`, if there is one (libyaml counts a CR LF pair
    /// as one line break, like the LF alone).
    static func character(at mark: Mark, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) { return nil }
        var line = 1
        var index = 0
        while line < mark.line {
            guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            index = newline + 1
            line += 1
        }
        var column = 1
        while index < bytes.count, column < mark.column {
            index += 1
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        guard index < bytes.count else { return nil }
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }
}
