import YAMLReader

/// A YAML document as plain values that mutations can change and the writer can print.
public indirect enum Tree: Equatable, Sendable {
    /// Text, and whether it must be written in quotes to stay a string.
    case scalar(String, quoted: Bool)
    case sequence([Tree])
    case mapping([Pair])

    public struct Pair: Equatable, Sendable {
        public var key: Tree
        public var value: Tree

        public init(key: Tree, value: Tree) {
            self.key = key
            self.value = value
        }
    }

    public static func text(_ value: String) -> Tree { .scalar(value, quoted: true) }
    public static func plain(_ value: String) -> Tree { .scalar(value, quoted: false) }

    /// The tree of a node; `budget` bounds the nodes copied, since aliases can make a small document
    /// expand into a huge tree.
    public init(_ node: YAMLNode, budget: inout Int) {
        budget -= 1
        switch node.content {
        case .scalar(let scalar):
            self = .scalar(scalar.text, quoted: scalar.style != .plain)
        case .sequence(let items):
            var copied: [Tree] = []
            for item in items where budget > 0 { copied.append(Tree(item, budget: &budget)) }
            self = .sequence(copied)
        case .mapping(let mapping):
            var copied: [Pair] = []
            for pair in mapping.pairs where budget > 0 {
                copied.append(Pair(key: Tree(pair.key, budget: &budget), value: Tree(pair.value, budget: &budget)))
            }
            self = .mapping(copied)
        }
    }

    /// Nodes in the tree, itself included.
    public var count: Int {
        switch self {
        case .scalar: return 1
        case .sequence(let items): return 1 + items.reduce(0) { $0 + $1.count }
        case .mapping(let pairs): return 1 + pairs.reduce(0) { $0 + $1.key.count + $1.value.count }
        }
    }
}

/// Prints a tree as YAML: block style, like the documents people write, with flow style for keys
/// that are collections and for empty collections.
public enum YAMLWriter {
    public static func text(_ tree: Tree) -> String {
        var output = ""
        write(tree, indent: 0, into: &output)
        if !output.hasSuffix("\n") { output += "\n" }
        return output
    }

    private static func write(_ tree: Tree, indent: Int, into output: inout String) {
        let spaces = String(repeating: " ", count: indent)
        switch tree {
        case .mapping(let pairs) where !pairs.isEmpty:
            for pair in pairs {
                if case .scalar = pair.key {
                    output += spaces + flow(pair.key) + ":"
                } else {
                    output += spaces + "? " + flow(pair.key) + "\n" + spaces + ":"
                }
                value(pair.value, indent: indent, into: &output)
            }
        case .sequence(let items) where !items.isEmpty:
            for item in items {
                output += spaces + "-"
                value(item, indent: indent, into: &output)
            }
        default:
            output += spaces + flow(tree) + "\n"
        }
    }

    private static func value(_ tree: Tree, indent: Int, into output: inout String) {
        switch tree {
        case .mapping(let pairs) where !pairs.isEmpty:
            output += "\n"
            write(tree, indent: indent + 2, into: &output)
        case .sequence(let items) where !items.isEmpty:
            output += "\n"
            write(tree, indent: indent + 2, into: &output)
        default:
            output += " " + flow(tree) + "\n"
        }
    }

    /// One line: `{a: 1, b: [x]}`.
    public static func flow(_ tree: Tree) -> String {
        switch tree {
        case .scalar(let text, let quoted):
            return quoted || !isSafePlain(text) ? quote(text) : text
        case .sequence(let items):
            return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { flow($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// Plain text that reads back as itself: letters, digits and a few marks, not starting with an indicator.
    static func isSafePlain(_ text: String) -> Bool {
        if text.isEmpty || text == "~" { return true }
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first)
            || first == "." || first == "-" || first == "+" || first == "/" || first == "$" || first == "_" else { return false }
        if text.hasPrefix("- ") || text.hasPrefix("---") { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII ? (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-+/$@()".unicodeScalars.contains(scalar))
                : scalar.properties.isAlphabetic
        }
    }

    /// A double-quoted YAML string; characters YAML does not allow raw are escaped.
    public static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFEFF || (0xFFFE...0xFFFF).contains(value) {
                    let hex = String(value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
