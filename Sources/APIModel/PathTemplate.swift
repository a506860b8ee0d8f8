/// A path with `{name}` variables, split into literal text and variables.
public struct PathTemplate: Hashable, Sendable {
    public enum Segment: Hashable, Sendable {
        case literal(String)
        case variable(String)
    }

    public var segments: [Segment]

    public init(_ path: String) {
        var segments: [Segment] = []
        var literal = ""
        var variable: String?
        for character in path {
            switch character {
            case "{" where variable == nil:
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                variable = ""
            case "}" where variable != nil:
                segments.append(.variable(variable ?? ""))
                variable = nil
            default:
                if variable != nil { variable?.append(character) } else { literal.append(character) }
            }
        }
        if let unterminated = variable { literal += "{" + unterminated }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        self.segments = segments
    }

    public var variables: [String] {
        segments.compactMap { if case .variable(let name) = $0 { return name } else { return nil } }
    }
}
