import APIModel
import YAMLReader

/// Warnings about an input that concern what its text becomes in Swift, whichever frontend read it.
enum InputChecks {
    /// The Unicode controls that reorder how text is displayed (embeddings, overrides, isolates): in
    /// source code they make text read differently from how it compiles ("Trojan Source").
    static let directionControls: [ClosedRange<UInt32>] = [0x202A...0x202E, 0x2066...0x2069]

    /// A warning for every key or value that holds a direction control.
    static func directionControls(in root: YAMLNode, file: String, at start: JSONPointer = .root) -> [Diagnostic] {
        scan(root, file: file, at: start).warnings
    }

    /// What `scan` finds, told from a document's bytes alone where they leave no doubt (a walk over every
    /// node of a large document takes about a tenth of its generation); nil when they do not: a text in
    /// UTF-16, or an escape (`\u`, `\U`, `\x`, a line joined across a backslash) that could spell a
    /// direction control or `$ref` in other bytes. Otherwise a control is one of its UTF-8 sequences in
    /// the bytes, and a `$ref` key is the four characters `$ref`, its value starting with `#` when it
    /// points into the document; any other `$ref` (even in a description) counts as naming a file, which
    /// only costs a closer look.
    static func quickScan(_ bytes: [UInt8]) -> (mayHoldDirectionControls: Bool, externalReferences: Bool)? {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) { return nil }
        var controls = false
        var external = false
        let backslash = UInt8(ascii: "\\"), dollar = UInt8(ascii: "$")
        let count = bytes.count
        var index = 0
        while index < count {
            switch bytes[index] {
            case 0: return nil // UTF-16 without a byte-order mark: YAML and JSON in UTF-8 hold no zero byte
            case backslash where index + 1 < count:
                switch bytes[index + 1] {
                case UInt8(ascii: "u"), UInt8(ascii: "U"), UInt8(ascii: "x"): return nil
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    // A line joined in a double-quoted text: unsure only if the join could spell `$ref`.
                    var after = index + 1
                    while after < count, [0x0A, 0x0D, 0x20, 0x09].contains(bytes[after]) { after += 1 }
                    let joined = bytes[max(0, index - 3)..<index] + bytes[after..<min(count, after + 3)]
                    if String(decoding: joined, as: UTF8.self).contains("$ref") { return nil }
                    index = after - 1
                default: index += 1 // the escaped character is passed over with the backslash
                }
            case 0xE2 where index + 2 < count:
                // U+202A...U+202E are E2 80 AA...AE; U+2066...U+2069 are E2 81 A6...A9.
                let second = bytes[index + 1], third = bytes[index + 2]
                if (second == 0x80 && (0xAA...0xAE).contains(third)) || (second == 0x81 && (0xA6...0xA9).contains(third)) {
                    controls = true
                }
            case dollar where !external && index + 3 < count
                && bytes[index + 1] == UInt8(ascii: "r") && bytes[index + 2] == UInt8(ascii: "e") && bytes[index + 3] == UInt8(ascii: "f"):
                // `$ref: '#...'`, `"$ref": "#..."`: past a closing quote, the colon, blanks and an opening quote.
                var next = index + 4
                func pass(_ allowed: [UInt8], repeating: Bool = false) {
                    while next < count, allowed.contains(bytes[next]) {
                        next += 1
                        if !repeating { return }
                    }
                }
                let quotes = Array("\"'".utf8), blank = [UInt8(ascii: " ")]
                pass(quotes)
                pass(blank, repeating: true)
                pass([UInt8(ascii: ":")])
                pass(blank, repeating: true)
                pass(quotes)
                if !(next < count && bytes[next] == UInt8(ascii: "#")) { external = true }
            default: break
            }
            index += 1
        }
        return (controls, external)
    }

    /// The warnings of `directionControls`, and whether a `$ref` names another file (the walk over every
    /// node is made once for both).
    static func scan(_ root: YAMLNode, file: String, at start: JSONPointer = .root) -> (warnings: [Diagnostic], externalReferences: Bool) {
        var found: [Diagnostic] = []
        var external = false
        // A work list rather than recursion: the tree may nest as deeply as the reader allows. What an
        // alias repeats is the same storage, and is looked at once: the text and its mark are the same.
        // Pointers are made only for a warning: each node keeps its step from its parent's.
        var steps: [(parent: Int, token: String)] = []
        func pointer(_ step: Int) -> JSONPointer {
            var tokens: [String] = []
            var current = step
            while current >= 0 {
                tokens.append(steps[current].token)
                current = steps[current].parent
            }
            return tokens.reversed().reduce(start) { $0.appending($1) }
        }
        func step(from parent: Int, _ token: String) -> Int {
            steps.append((parent, token))
            return steps.count - 1
        }
        var work: [(node: YAMLNode, step: Int)] = [(root, -1)]
        var seen: Set<UnsafeRawPointer> = []
        while let (node, here) = work.popLast() {
            switch node.content {
            case .scalar(let scalar):
                if let warning = check(scalar.text, node, pointer(here), file: file) { found.append(warning) }
            case .sequence(let items):
                guard let storage = items.withUnsafeBufferPointer({ $0.baseAddress.map(UnsafeRawPointer.init) }),
                      seen.insert(storage).inserted else { continue }
                for (index, item) in items.enumerated().reversed() { work.append((item, step(from: here, String(index)))) }
            case .mapping(let mapping):
                guard seen.insert(UnsafeRawPointer(Unmanaged.passUnretained(mapping).toOpaque())).inserted else { continue }
                for pair in mapping.pairs.reversed() {
                    let key = pair.key.scalar?.text ?? ""
                    if !external, key == "$ref", let target = pair.value.scalar?.text, target.utf8.first != UInt8(ascii: "#") {
                        external = true
                    }
                    let child = step(from: here, key)
                    work.append((pair.value, child))
                    if let warning = check(key, pair.key, pointer(child), file: file) { found.append(warning) }
                }
            }
        }
        return (found, external)
    }

    private static func check(_ text: String, _ node: YAMLNode, _ pointer: @autoclosure () -> JSONPointer, file: String) -> Diagnostic? {
        // Every control is encoded from 0xE2; most text has no such byte and is passed over at once.
        guard text.utf8.contains(0xE2) else { return nil }
        let scalars = Array(text.unicodeScalars)
        guard let index = scalars.firstIndex(where: isDirectionControl) else { return nil }
        let control = scalars[index]
        // The text around the first control (printed diagnostics write the controls as escapes).
        let window = scalars[max(0, index - 20)..<min(scalars.count, index + 40)]
        var shown = String.UnicodeScalarView()
        shown.append(contentsOf: window)
        let quoted = (window.startIndex > 0 ? "..." : "") + String(shown) + (window.endIndex < scalars.count ? "..." : "")
        return .warning("'\(quoted)' holds the Unicode direction control U+\(String(control.value, radix: 16, uppercase: true)), "
                        + "which makes text display in another order than it is stored; Swift names leave it out and string "
                        + "literals escape it, but remove it unless it is meant",
                        at: SourceLocation(file: file, line: node.mark.line, column: node.mark.column), pointer: pointer())
    }

    private static func isDirectionControl(_ scalar: Unicode.Scalar) -> Bool {
        directionControls.contains { $0.contains(scalar.value) }
    }
}
