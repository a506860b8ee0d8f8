import APIModel
import FrontendSupport
import YAMLReader

/// Reading descriptor nodes strictly: every mapping is checked against the keys it may have, and
/// every mistake is reported at its location with what to write instead.
final class DescriptorReader: NodeReader {
    let file: String
    var log = DiagnosticLog()
    /// The names declared under `types`, for checking references.
    var typeNames: Set<String> = []

    init(file: String) {
        self.file = file
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

    func documentation(_ fields: [String: YAMLNode], _ pointer: JSONPointer) -> Documentation {
        Documentation(summary: string(fields["summary"], pointer.appending("summary"), what: "'summary'"),
                      details: string(fields["description"], pointer.appending("description"), what: "'description'"))
    }
}
