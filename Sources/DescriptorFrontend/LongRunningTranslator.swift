import APIModel
import YAMLReader

/// `long-running-operations: { type: Operation, id: id, done: done, error: error, poll: Operations.get }`:
/// the generated code conforms `type` to `LongRunningOperation` and offers a `wait(for:client:)` helper.
struct LongRunningTranslator {
    let reader: DescriptorReader

    func translate(_ node: YAMLNode, types: [TypeDeclaration], operations: [Operation]) -> LongRunningOperations? {
        let pointer = JSONPointer.root.appending("long-running-operations")
        let fields = reader.fields(node, pointer, what: "'long-running-operations'", allowed: ["type", "id", "done", "error", "poll"])
        func text(_ key: String) -> String? {
            let value = reader.string(fields[key], pointer.appending(key), what: "'\(key)'")
            if value == nil { reader.error("'long-running-operations' needs '\(key)'", node, pointer) }
            return value
        }
        guard let typeName = text("type"), let id = text("id"), let done = text("done"), let error = text("error"),
              let poll = text("poll") else { return nil }
        guard let declaration = types.first(where: { $0.name == TypeName(typeName) }),
              case .object(let shape) = declaration.kind else {
            reader.error("'\(typeName)' is not an object type declared under 'types'", fields["type"] ?? node, pointer.appending("type"))
            return nil
        }
        func property(_ name: String, key: String, type expected: TypeRef) {
            guard let found = shape.properties.first(where: { $0.name == name }) else {
                reader.error("'\(typeName)' has no field '\(name)'", fields[key] ?? node, pointer.appending(key))
                return
            }
            if found.type.nonNull != expected {
                reader.error("the field '\(name)' of '\(typeName)' must be of type \(expected == .boolean ? "bool" : "string")",
                             fields[key] ?? node, pointer.appending(key))
            }
        }
        property(id, key: "id", type: .string(.plain))
        property(done, key: "done", type: .boolean)
        let errorFields = shape.properties.map(\.name) + shape.oneOfs.flatMap { $0.fields.map(\.name) }
        if !errorFields.contains(error) {
            reader.error("'\(typeName)' has no field '\(error)'", fields["error"] ?? node, pointer.appending("error"))
        }
        guard let operation = operations.first(where: { $0.id == poll }) else {
            reader.error("no operation has the id '\(poll)'", fields["poll"] ?? node, pointer.appending("poll"))
            return nil
        }
        let pathParameters = operation.parameters.filter { $0.location == .path }
        if pathParameters.count != 1 || operation.parameters.contains(where: { $0.required && $0.location != .path })
            || operation.response.type != .named(TypeName(typeName)) {
            reader.error("'\(poll)' must take the operation's ID as its only required parameter and return '\(typeName)'",
                         fields["poll"] ?? node, pointer.appending("poll"))
        }
        return LongRunningOperations(type: TypeName(typeName), idProperty: id, doneProperty: done, errorProperty: error,
                                     pollOperation: poll, origin: reader.origin(node, pointer))
    }
}
