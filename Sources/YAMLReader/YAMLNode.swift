/// A position in a YAML document: 1-based line and 1-based column (in characters).
public struct Mark: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One node of a YAML document: a scalar, a sequence or a mapping, with the mark of its first character.
///
/// Aliases are already expanded: a node reached through `*anchor` is a copy of the anchored node
/// (arrays are copy-on-write, so the copy is cheap) and keeps the anchored node's mark.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping(YAMLMapping)
    }

    public var content: Content
    public var mark: Mark

    public init(_ content: Content, mark: Mark) {
        self.content = content
        self.mark = mark
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let mapping) = content { return mapping.pairs }
        return nil
    }

    /// The value of the first pair whose key is the scalar `key`, if this node is a mapping.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let mapping) = content else { return nil }
        return mapping[key]
    }

    /// A word for the node's kind, for error messages ("a mapping", "a string", ...).
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .float: return "a number"
            case .string: return "a string"
            }
        }
    }
}

/// The pairs of a mapping, in order, with their keys' text kept apart so that finding a key
/// compares strings without copying nodes (schemas are looked up by keyword constantly).
public final class YAMLMapping: Sendable {
    public let pairs: [YAMLPair]
    /// The text of each pair's key (nil for keys that are not scalars).
    private let keys: [String?]

    public init(_ pairs: [YAMLPair]) {
        self.pairs = pairs
        self.keys = pairs.map { $0.key.scalar?.text }
    }

    public subscript(key: String) -> YAMLNode? {
        keys.firstIndex(of: key).map { pairs[$0].value }
    }
}

public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A scalar's text, how it was written, and what it means under the YAML 1.2 core schema.
public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The YAML 1.2 core-schema meaning of a scalar. `yes`, `no`, `on` and `off` are strings.
    public enum Resolved: Sendable, Hashable {
        case null
        case bool(Bool)
        /// An integer, kept as its canonical decimal text so that values beyond Int64 survive.
        case int(String)
        case float(Double)
        case string

        /// Like the synthesized equality, except that NaN equals NaN: `.nan` in a document is one
        /// value, and a tree must equal itself (NaN's own `==` is false).
        public static func == (lhs: Resolved, rhs: Resolved) -> Bool {
            switch (lhs, rhs) {
            case (.null, .null), (.string, .string): return true
            case let (.bool(a), .bool(b)): return a == b
            case let (.int(a), .int(b)): return a == b
            case let (.float(a), .float(b)): return a == b || (a.isNaN && b.isNaN)
            default: return false
            }
        }

        public func hash(into hasher: inout Hasher) {
            switch self {
            case .null: hasher.combine(0)
            case .bool(let value): hasher.combine(1); hasher.combine(value)
            case .int(let digits): hasher.combine(2); hasher.combine(digits)
            case .float(let value): hasher.combine(3); hasher.combine(value.isNaN ? Double.nan : value)
            case .string: hasher.combine(4)
            }
        }
    }

    public var text: String
    public var style: Style
    public var resolved: Resolved

    public init(text: String, style: Style, tag: String? = nil) {
        self.text = text
        self.style = style
        self.resolved = CoreSchema.resolve(text, style: style, tag: tag)
    }

    /// The integer value when it is an integer that fits in `Int`.
    public var intValue: Int? {
        if case .int(let digits) = resolved { return Int(digits) }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = resolved { return value }
        return nil
    }
}
