import APIModel
import YAMLReader

/// The one checked reader of YAML nodes, for both frontends and the options reader: each expects a
/// kind of node (a mapping, a string, a list, true or false), reports any other kind at the node
/// where it is, with its JSON pointer, and gives an empty or absent value instead.
///
/// A conforming type names its file and keeps the diagnostics; everything else is here.
public protocol NodeReader: AnyObject {
    var file: String { get }
    var log: DiagnosticLog { get set }
    /// The file `pointer` points into, as diagnostics name it: `file`, unless the input is spread over
    /// several files (see `JSONPointer.document`).
    func file(of pointer: JSONPointer) -> String
}

extension NodeReader {
    public func file(of pointer: JSONPointer) -> String { file }

    /// Where `node` is; `pointer` (the node's) names the file it is in.
    public func location(_ node: YAMLNode, _ pointer: JSONPointer) -> SourceLocation {
        SourceLocation(file: file(of: pointer), line: node.mark.line, column: node.mark.column)
    }

    public func origin(_ node: YAMLNode, _ pointer: JSONPointer) -> Origin {
        Origin(location: location(node, pointer), pointer: pointer)
    }

    public func error(_ message: String, _ node: YAMLNode, _ pointer: JSONPointer) {
        log.error(message, at: location(node, pointer), pointer: pointer)
    }

    public func warning(_ message: String, _ node: YAMLNode, _ pointer: JSONPointer) {
        log.warning(message, at: location(node, pointer), pointer: pointer)
    }

    // MARK: - Checked reading

    /// The entries of a mapping, in order, with text keys. Any other node is an error (`null` too,
    /// unless `nullIsEmpty`, where an empty key is as good as no entries); so is a key that is not text.
    public func entries(_ node: YAMLNode, _ pointer: JSONPointer, what: String,
                        nullIsEmpty: Bool = false) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard let mapping = node.mapping else {
            if !(nullIsEmpty && node.scalar?.resolved == .null) {
                error("\(what) must be a mapping, but it is \(node.kindDescription)", node, pointer)
            }
            return []
        }
        var result: [(String, YAMLNode, YAMLNode)] = []
        result.reserveCapacity(mapping.count)
        for pair in mapping {
            guard let key = pair.key.scalar?.text else {
                error("keys in \(what) must be plain text, but this key is \(pair.key.kindDescription); write the name as a string", pair.key, pointer)
                continue
            }
            result.append((key, pair.key, pair.value))
        }
        return result
    }

    /// The values of a mapping whose keys must all be in `allowed`, by key; unknown keys are errors,
    /// so that a misspelt key is never silently ignored.
    public func fields(_ node: YAMLNode, _ pointer: JSONPointer, what: String, allowed: [String]) -> [String: YAMLNode] {
        var result: [String: YAMLNode] = [:]
        for (key, keyNode, value) in entries(node, pointer, what: what) {
            guard allowed.contains(key) else {
                // In `{ a: b, c }` a comma ends a value, so unquoted text with a comma reads as a new key.
                let hint = key.contains(" ") ? " (if this is the rest of a value, put the value in quotes: a comma ends it)" : ""
                error("unknown key '\(key)' in \(what); the keys are: \(allowed.joined(separator: ", "))\(hint)",
                      keyNode, pointer.appending(key))
                continue
            }
            result[key] = value
        }
        return result
    }

    /// A string; nil when the node is absent, and an error when it is anything else (`null` included).
    public func string(_ node: YAMLNode?, _ pointer: JSONPointer, what: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar, scalar.resolved != .null else {
            error("\(what) must be a string, but it is \(node.kindDescription)", node, pointer)
            return nil
        }
        return scalar.text
    }

    /// `true` or `false`; false when the node is absent or (after an error) anything else.
    public func flag(_ node: YAMLNode?, _ pointer: JSONPointer, what: String) -> Bool {
        guard let node else { return false }
        guard let value = node.scalar?.boolValue else {
            error("\(what) must be true or false, but it is \(node.kindDescription)", node, pointer)
            return false
        }
        return value
    }

    /// The items of a list; empty when the node is absent, and an error when it is anything else.
    public func sequence(_ node: YAMLNode?, _ pointer: JSONPointer, what: String) -> [YAMLNode] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            error("\(what) must be a list, but it is \(node.kindDescription); write a list, as in [a, b]", node, pointer)
            return []
        }
        return items
    }

    /// A list of strings; each item that is not a string is an error and left out.
    public func strings(_ node: YAMLNode?, _ pointer: JSONPointer, what: String) -> [String] {
        sequence(node, pointer, what: what).enumerated().compactMap { index, item in
            string(item, pointer.appending(index), what: "an item of \(what)")
        }
    }
}

extension Diagnostic {
    /// The one conversion of a YAML reader's error (a syntax error, a duplicate key, a document too
    /// large or too deep) into a diagnostic at its place in `file`.
    public init(_ error: YAMLError, file: String) {
        self.init(.error, error.message, at: SourceLocation(file: file, line: error.mark.line, column: error.mark.column),
                  pointer: error.path.map(JSONPointer.init(tokens:)))
    }
}
