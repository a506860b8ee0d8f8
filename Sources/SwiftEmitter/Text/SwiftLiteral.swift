/// The one place where text from an input document becomes Swift source: string literals and
/// documentation comments. Nothing from a spec reaches generated code any other way.
enum SwiftLiteral {
    /// A `Duration` literal: `.seconds(3)` when it is whole seconds, else `.milliseconds(500)`
    /// (lowering's durations are whole milliseconds).
    static func duration(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return ".seconds(\(seconds))" }
        return ".milliseconds(\(seconds * 1000 + attoseconds / 1_000_000_000_000_000))"
    }

    /// A string literal for any text: quotes, backslashes, control characters, and invisible or
    /// direction-changing Unicode (which could make source read differently from how it compiles)
    /// are escaped.
    static func string(_ text: String) -> String {
        "\"" + stringContent(text) + "\""
    }

    /// The inside of a string literal, without the quotes (for building interpolated literals).
    static func stringContent(_ text: String) -> String {
        // Most text is printable ASCII without quotes or backslashes: nothing to escape.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return text
        }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if needsEscape(scalar) {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Control, format (bidi overrides, zero-width), separator and private-use characters.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
            return true
        default:
            return false
        }
    }

    /// Documentation text as comment lines: paragraphs separated by an empty line, trailing spaces
    /// trimmed, and characters that could end or disguise the comment replaced.
    static func documentationLines(_ paragraphs: [String]) -> [String] {
        var lines: [String] = []
        for paragraph in paragraphs {
            let cleaned = clean(paragraph)
            var paragraphLines = cleaned.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
                var end = line.endIndex
                while end > line.startIndex, line[line.index(before: end)] == UInt8(ascii: " ") { end = line.index(before: end) }
                return String(line[line.startIndex..<end]) ?? ""
            }
            while paragraphLines.last?.isEmpty == true { paragraphLines.removeLast() }
            while paragraphLines.first?.isEmpty == true { paragraphLines.removeFirst() }
            guard !paragraphLines.isEmpty else { continue }
            if !lines.isEmpty { lines.append("") }
            lines.append(contentsOf: paragraphLines)
        }
        return lines
    }

    private static func clean(_ text: String) -> String {
        // Printable ASCII and newlines need no cleaning (the common case).
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == UInt8(ascii: "\n") }) {
            return text
        }
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\r" { continue }
            if scalar == "\n" || scalar == "\t" {
                result.unicodeScalars.append(scalar == "\t" ? " " : scalar)
            } else if needsEscape(scalar) {
                result += "\u{FFFD}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
