import APIModel
import FrontendSupport
import YAMLReader

/// `operations:`, grouped: `operations: { Secrets: { get: {...}, list: {...} } }`. The group becomes a
/// Swift namespace and the operation's key its function name (`Lockbox.Secrets.get(secretID:)`).
struct OperationsTranslator {
    let reader: DescriptorReader
    let serverNames: [String]

    static let keys = ["id", "summary", "description", "method", "path", "server", "parameters", "body", "result",
                       "paging", "deprecated"]
    static let methods = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"]

    func operations(_ node: YAMLNode) -> [Operation] {
        let pointer = JSONPointer.root.appending("operations")
        var result: [Operation] = []
        var ids: Set<String> = []
        for (group, _, groupNode) in reader.entries(node, pointer, what: "'operations'") {
            for (name, keyNode, operationNode) in reader.entries(groupNode, pointer.appending(group), what: "the group '\(group)'") {
                guard let operation = operation(group: group, name: name, operationNode, pointer.appending(group).appending(name)) else {
                    continue
                }
                if !ids.insert(operation.id).inserted {
                    reader.error("the operation id '\(operation.id)' is used twice; ids must be unique", keyNode,
                                 pointer.appending(group).appending(name))
                }
                result.append(operation)
            }
        }
        return result
    }

    private func operation(group: String, name: String, _ node: YAMLNode, _ pointer: JSONPointer) -> Operation? {
        let fields = reader.fields(node, pointer, what: "the operation '\(group).\(name)'", allowed: Self.keys)
        guard let method = reader.string(fields["method"], pointer.appending("method"), what: "'method'")?.uppercased(),
              let path = reader.string(fields["path"], pointer.appending("path"), what: "'path'") else {
            reader.error("the operation '\(group).\(name)' needs a 'method' and a 'path'", node, pointer)
            return nil
        }
        if !Self.methods.contains(method), let methodNode = fields["method"] {
            reader.error("'\(method)' is not an HTTP method; use one of \(Self.methods.joined(separator: ", "))",
                         methodNode, pointer.appending("method"))
        }
        if !path.hasPrefix("/"), let pathNode = fields["path"] {
            reader.error("the path must start with '/'", pathNode, pointer.appending("path"))
        }
        let server = reader.string(fields["server"], pointer.appending("server"), what: "'server'")
        if let server, !serverNames.contains(server), let serverNode = fields["server"] {
            reader.error("there is no server named '\(server)'; the servers are: \(serverNames.joined(separator: ", "))",
                         serverNode, pointer.appending("server"))
        }
        let parameters = self.parameters(fields["parameters"], path: path, pointer.appending("parameters"))
        for variable in PathTemplate(path).variables where !parameters.contains(where: { $0.location == .path && $0.name == variable }) {
            reader.error("the path has '{\(variable)}' but 'parameters' does not declare it", fields["path"] ?? node,
                         pointer.appending("path"))
        }
        var body: RequestBody?
        if let bodyNode = fields["body"], let (type, optional) = reader.type(bodyNode, pointer.appending("body")) {
            body = RequestBody(type: type, required: !optional)
        }
        var response = Response(statusCodes: ["200"], type: nil)
        if let resultNode = fields["result"], let (type, _) = reader.type(resultNode, pointer.appending("result")) {
            response.type = type
        }
        return Operation(
            id: reader.string(fields["id"], pointer.appending("id"), what: "'id'") ?? "\(group).\(name)",
            nameHint: name, documentation: reader.documentation(fields, pointer), tags: [group], method: method, path: path,
            server: server, parameters: parameters, requestBody: body, response: response,
            pagination: fields["paging"].flatMap { paging($0, pointer.appending("paging"), parameters: parameters) },
            deprecated: reader.flag(fields["deprecated"], pointer.appending("deprecated"), what: "'deprecated'"),
            origin: reader.origin(node, pointer))
    }

    static let parameterKeys = ["in", "type", "description", "deprecated", "json"]

    /// `parameters: { secretId: string, pageSize: int64?, filter: { in: query, type: Filter, json: true } }`.
    /// A parameter is in the path when the path names it, else in the query, unless `in` says otherwise.
    private func parameters(_ node: YAMLNode?, path: String, _ pointer: JSONPointer) -> [Parameter] {
        guard let node else { return [] }
        let variables = PathTemplate(path).variables
        return reader.entries(node, pointer, what: "'parameters'").compactMap { name, _, value in
            let parameterPointer = pointer.appending(name)
            var location: Parameter.Location = variables.contains(name) ? .path : .query
            var typeNode = value
            var documentation = Documentation()
            var deprecated = false
            var encoding = Parameter.Encoding.form
            if value.scalar == nil {
                let fields = reader.fields(value, parameterPointer, what: "the parameter '\(name)'", allowed: Self.parameterKeys)
                if let text = reader.string(fields["in"], parameterPointer.appending("in"), what: "'in'") {
                    guard let place = Parameter.Location(rawValue: text) else {
                        reader.error("'\(text)' is not a parameter location; use path, query or header", fields["in"] ?? value,
                                     parameterPointer.appending("in"))
                        return nil
                    }
                    location = place
                }
                guard let typeValue = fields["type"] else {
                    reader.error("the parameter '\(name)' needs a 'type'", value, parameterPointer)
                    return nil
                }
                typeNode = typeValue
                documentation = reader.documentation(fields, parameterPointer)
                deprecated = reader.flag(fields["deprecated"], parameterPointer.appending("deprecated"), what: "'deprecated'")
                if reader.flag(fields["json"], parameterPointer.appending("json"), what: "'json'") { encoding = .json }
            }
            guard let (type, optional) = reader.type(typeNode, parameterPointer) else { return nil }
            if location == .path && optional {
                reader.error("path parameter '\(name)' cannot be optional; remove the '?'", typeNode, parameterPointer)
            }
            if location == .path && !variables.contains(name) {
                reader.error("path parameter '\(name)' does not appear in the path '\(path)'", value, parameterPointer)
            }
            return Parameter(name: name, location: location, type: type, required: !optional, encoding: encoding,
                             documentation: documentation, deprecated: deprecated, origin: reader.origin(value, parameterPointer))
        }
    }

    /// `paging: { page: page, total-pages: result_info.total_pages }`.
    private func paging(_ node: YAMLNode, _ pointer: JSONPointer, parameters: [Parameter]) -> Pagination? {
        let fields = reader.fields(node, pointer, what: "'paging'", allowed: ["page", "total-pages"])
        guard let page = reader.string(fields["page"], pointer.appending("page"), what: "'page'"),
              let total = reader.string(fields["total-pages"], pointer.appending("total-pages"), what: "'total-pages'") else {
            reader.error("'paging' needs 'page' (the page query parameter) and 'total-pages' (its path in the envelope)", node, pointer)
            return nil
        }
        if !parameters.contains(where: { $0.name == page && $0.location == .query }) {
            reader.error("'\(page)' is not a query parameter of this operation", fields["page"] ?? node, pointer.appending("page"))
        }
        return Pagination(pageParameter: page, totalPagesPath: total.split(separator: ".").map(String.init))
    }
}
