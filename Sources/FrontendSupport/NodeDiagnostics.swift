import APIModel
import YAMLReader

/// A reader of one input file that reports problems at the nodes where they are.
public protocol NodeDiagnostics: AnyObject {
    var file: String { get }
    var log: DiagnosticLog { get set }
}

extension NodeDiagnostics {
    public func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    public func origin(_ node: YAMLNode, _ pointer: JSONPointer) -> Origin {
        Origin(location: location(node), pointer: pointer)
    }

    public func error(_ message: String, _ node: YAMLNode, _ pointer: JSONPointer) {
        log.error(message, at: location(node), pointer: pointer)
    }

    public func warning(_ message: String, _ node: YAMLNode, _ pointer: JSONPointer) {
        log.warning(message, at: location(node), pointer: pointer)
    }
}
