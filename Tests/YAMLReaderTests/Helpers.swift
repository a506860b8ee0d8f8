import Testing
import YAMLReader

/// The tree of a node without its marks, for comparing the shape of two documents.
indirect enum Shape: Equatable, CustomStringConvertible {
    case scalar(String, YAMLScalar.Resolved)
    case sequence([Shape])
    case mapping([Pair])

    struct Pair: Equatable {
        var key: Shape
        var value: Shape
    }

    init(_ node: YAMLNode) {
        switch node.content {
        case .scalar(let scalar): self = .scalar(scalar.text, scalar.resolved)
        case .sequence(let items): self = .sequence(items.map(Shape.init))
        case .mapping(let mapping): self = .mapping(mapping.pairs.map { Pair(key: Shape($0.key), value: Shape($0.value)) })
        }
    }

    var description: String {
        switch self {
        case .scalar(let text, _): return text
        case .sequence(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .mapping(let pairs): return "{" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }
}

/// Reads `text`, expecting a YAMLError, and returns it.
func readError(_ text: String, reader: YAMLReader = YAMLReader(),
               sourceLocation: SourceLocation = #_sourceLocation) -> YAMLError? {
    do {
        let node = try reader.read(text)
        Issue.record("expected a YAMLError, read \(Shape(node))", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
