import APIModel
import FrontendSupport
import YAMLReader

/// Reading descriptor nodes strictly: every mapping is checked against the keys it may have, and
/// every mistake is reported at its location with what to write instead.
final class DescriptorReader: NodeDiagnostics {
    let file: String
    var log = DiagnosticLog()
    /// The names declared under `types`, for checking references.
    var typeNames: Set<String> = []

    init(file: String) {
        self.file = file
    }

    /// The pairs of a mapping whose keys must all be in `allowed`; unknown keys are errors.
    func fields(_ node: YAMLNode, _ pointer: JSONPointer, what: String, allowed: [String]) -> [String: (key: YAMLNode, value: YAMLNode)] {
        let pairs = entries(node, pointer, what: what)
        var result: [String: (YAMLNode, YAMLNode)] = [:]
        for (key, keyNode, value) in pairs {
            guard allowed.contains(key) else {
                // In `{ a: b, c }` a comma ends a value, so unquoted text with a comma reads as a new key.
                let hint = key.contains(" ") ? " (if this is the rest of a value, put the value in quotes: a comma ends it)" : ""
                error("unknown key '\(key)' in \(what); the keys are: \(allowed.joined(separator: ", "))\(hint)",
                      keyNode, pointer.appending(key))
                continue
            }
            result[key] = (keyNode, value)
        }
        return result
    }

    /// The pairs of a mapping, in order, with text keys.
    func entries(_ node: YAMLNode, _ pointer: JSONPointer, what: String) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard let mapping = node.mapping else {
            error("\(what) must be a mapping, but it is \(node.kindDescription)", node, pointer)
            return []
        }
        return mapping.compactMap { pair in
            guard let key = pair.key.scalar?.text else {
                error("keys in \(what) must be text", pair.key, pointer)
                return nil
            }
            return (key, pair.key, pair.value)
        }
    }

    func string(_ entry: (key: YAMLNode, value: YAMLNode)?, _ pointer: JSONPointer, what: String) -> String? {
        guard let node = entry?.value else { return nil }
        guard let scalar = node.scalar, scalar.resolved != .null else {
            error("\(what) must be text, but it is \(node.kindDescription)", node, pointer)
            return nil
        }
        return scalar.text
    }

    func bool(_ entry: (key: YAMLNode, value: YAMLNode)?, _ pointer: JSONPointer, what: String) -> Bool {
        guard let node = entry?.value else { return false }
        guard let value = node.scalar?.boolValue else {
            error("\(what) must be true or false, but it is \(node.kindDescription)", node, pointer)
            return false
        }
        return value
    }

    /// A type expression written in `node`; nil (after an error) when it does not parse or resolve.
    func type(_ node: YAMLNode, _ pointer: JSONPointer) -> (type: TypeRef, optional: Bool)? {
        guard let text = node.scalar?.text, node.scalar?.resolved != .null else {
            error("a type must be written as text (such as `string`, `[Secret]` or `Secret?`), but this is "
                  + node.kindDescription, node, pointer)
            return nil
        }
        let parsed: TypeExpression
        switch TypeExpression.parse(text) {
        case .success(let expression): parsed = expression
        case .failure(.message(let message)):
            error(message, node, pointer)
            return nil
        }
        switch parsed.typeRef(resolving: typeNames) {
        case .success(let type): return (type, parsed.optional)
        case .failure(.message(let message)):
            error(message, node, pointer)
            return nil
        }
    }

    func documentation(_ fields: [String: (key: YAMLNode, value: YAMLNode)], _ pointer: JSONPointer) -> Documentation {
        Documentation(summary: string(fields["summary"], pointer.appending("summary"), what: "'summary'"),
                      details: string(fields["description"], pointer.appending("description"), what: "'description'"))
    }
}
