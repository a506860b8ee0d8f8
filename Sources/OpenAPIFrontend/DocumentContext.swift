import APIModel
import FrontendSupport
import YAMLReader

/// The document being translated, the diagnostics found so far, and helpers that read YAML nodes
/// while reporting mistakes at their location.
final class DocumentContext: NodeDiagnostics {
    let file: String
    let root: YAMLNode
    var log = DiagnosticLog()
    /// `components/schemas`, by name.
    let componentSchemas: [String: YAMLNode]

    init(file: String, root: YAMLNode) {
        self.file = file
        self.root = root
        var schemas: [String: YAMLNode] = [:]
        for pair in root["components"]?["schemas"]?.mapping ?? [] {
            if let name = pair.key.scalar?.text { schemas[name] = pair.value }
        }
        self.componentSchemas = schemas
    }

    // MARK: - Reading values

    /// The pairs of a mapping node, or an error and nothing when the node is something else.
    func pairs(_ node: YAMLNode, _ pointer: JSONPointer, what: String) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard let mapping = node.mapping else {
            if node.scalar?.resolved != .null {
                error("\(what) must be a mapping, but it is \(node.kindDescription)", node, pointer)
            }
            return []
        }
        var result: [(String, YAMLNode, YAMLNode)] = []
        result.reserveCapacity(mapping.count)
        for pair in mapping {
            guard let key = pair.key.scalar?.text else {
                error("keys in \(what) must be plain text, but this key is \(pair.key.kindDescription)", pair.key, pointer)
                continue
            }
            result.append((key, pair.key, pair.value))
        }
        return result
    }

    /// A string value; reports an error for any other kind of node.
    func string(_ node: YAMLNode?, _ pointer: JSONPointer, what: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar, scalar.resolved != .null else {
            error("\(what) must be a string, but it is \(node.kindDescription)", node, pointer)
            return nil
        }
        return scalar.text
    }

    func bool(_ node: YAMLNode?, _ pointer: JSONPointer, what: String) -> Bool? {
        guard let node else { return nil }
        guard let value = node.scalar?.boolValue else {
            error("\(what) must be true or false, but it is \(node.kindDescription)", node, pointer)
            return nil
        }
        return value
    }

    func sequence(_ node: YAMLNode?, _ pointer: JSONPointer, what: String) -> [YAMLNode] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            error("\(what) must be a list, but it is \(node.kindDescription)", node, pointer)
            return []
        }
        return items
    }

    func documentation(_ node: YAMLNode, summaryKey: String = "summary") -> Documentation {
        Documentation(summary: node[summaryKey]?.scalar?.text, details: node["description"]?.scalar?.text)
    }

    // MARK: - References

    /// Follows a local `$ref` (`#/components/...`) to its node. Reports an error at the reference when
    /// the target does not exist, or when the reference leaves the document.
    func resolve(reference: String, at node: YAMLNode, _ pointer: JSONPointer) -> (node: YAMLNode, pointer: JSONPointer)? {
        guard reference.hasPrefix("#"), let tokens = JSONPointer.tokens(of: reference) else {
            error("$ref '\(reference)' points outside this document; only local references (#/...) are supported, "
                  + "so bundle the referenced file into this one", node, pointer)
            return nil
        }
        var current = root
        var currentPointer = JSONPointer.root
        for token in tokens {
            let next: YAMLNode?
            switch current.content {
            case .mapping:
                next = current[token]
            case .sequence(let items):
                next = Int(token).flatMap { $0 >= 0 && $0 < items.count ? items[$0] : nil }
            case .scalar:
                next = nil
            }
            guard let next else {
                error("$ref '\(reference)' does not resolve: there is no '\(token)' under \(currentPointer)", node, pointer)
                return nil
            }
            current = next
            currentPointer = currentPointer.appending(token)
        }
        return (current, currentPointer)
    }

    /// A node with any chain of `$ref`s followed (for parameters, bodies and responses).
    func dereference(_ node: YAMLNode, _ pointer: JSONPointer) -> (node: YAMLNode, pointer: JSONPointer)? {
        var current = (node: node, pointer: pointer)
        var seen: Set<String> = []
        while let reference = current.node["$ref"]?.scalar?.text {
            guard seen.insert(reference).inserted else {
                error("$ref '\(reference)' refers back to itself through a cycle of references", current.node, current.pointer)
                return nil
            }
            guard let target = resolve(reference: reference, at: current.node, current.pointer.appending("$ref")) else { return nil }
            current = target
        }
        return current
    }
}
