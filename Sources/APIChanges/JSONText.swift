import Foundation
import APIModel

/// Compact JSON text in printable ASCII only: every other character is a `\u` escape, so that text
/// from an input can never end a comment line, change direction or hide in a manifest or a report.
enum JSONText {
    static func string(_ text: String) -> String {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `string(text)`'s UTF-8 written at the end of `result`.
    static func append(_ text: String, to result: inout [UInt8]) {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        result.append(quote)
        // Almost every name, type and pointer is printable ASCII without quotes or backslashes.
        var text = text
        let plain = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E && $0 != quote && $0 != backslash }) else { return false }
            result.append(contentsOf: bytes)
            return true
        }
        if !plain {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": result.append(contentsOf: "\\\"".utf8)
                case "\\": result.append(contentsOf: "\\\\".utf8)
                case "\n": result.append(contentsOf: "\\n".utf8)
                case "\t": result.append(contentsOf: "\\t".utf8)
                case " "..."~": result.append(UInt8(scalar.value))
                default:
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                    }
                }
            }
        }
        result.append(quote)
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
