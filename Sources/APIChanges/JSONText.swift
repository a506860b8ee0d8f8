import Foundation
import APIModel

/// Compact JSON text in printable ASCII only: every other character is a `\u` escape, so that text
/// from an input can never end a comment line, change direction or hide in a manifest or a report.
enum JSONText {
    static func string(_ text: String) -> String {
        // Almost every name, type and pointer is printable ASCII without quotes or backslashes.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case " "..."~": result.unicodeScalars.append(scalar)
            default:
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
        }
        return result + "\""
    }

    /// The text in printable ASCII for a report: `\u` escapes for everything else (and for backslashes).
    static func visible(_ text: String) -> String {
        guard !text.unicodeScalars.allSatisfy({ (" "..."~").contains($0) && $0 != "\\" }) else { return text }
        return String(string(text).dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
    }

    static func value(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return string(text)
        case .array(let items): return "[" + items.map(Self.value).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { string($0.key) + ":" + Self.value($0.value) }.joined(separator: ",") + "}"
        }
    }
}
