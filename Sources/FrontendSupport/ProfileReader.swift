import APIModel
import YAMLReader

/// The one reader of API profiles (`APIProfile`), for the options file of an OpenAPI document, a
/// profile file, and a descriptor's top level alike: the same keys, checked the same way.
extension NodeReader {
    /// The keys of a profile, as they stand in the mapping that holds them.
    public static var profileKeys: [String] {
        ["renames", "documentation", "errors", "envelope", "paging", "tasks", "long-running-operations", "streams", "idempotency-key"]
    }

    /// The profile whose keys are among `fields` (the values of a mapping read with `fields(_:_:what:allowed:)`,
    /// at `pointer`); keys of `fields` that are not profile keys are left to the caller. A descriptor
    /// reads the envelope's `fields` with `envelopeFields`, in its own type syntax; an OpenAPI document's
    /// answers describe them, so without it `fields` is an error.
    public func profile(_ fields: [String: YAMLNode], _ pointer: JSONPointer,
                        envelopeFields: ((YAMLNode, JSONPointer) -> [Property])? = nil) -> APIProfile {
        var profile = APIProfile()
        if let node = fields["envelope"] { profile.envelope = envelope(node, pointer.appending("envelope"), fields: envelopeFields) }
        if let node = fields["renames"] {
            let here = pointer.appending("renames")
            let renames = self.fields(node, here, what: "'renames'", allowed: ["types", "operations"])
            profile.typeRenames = names(renames["types"], here.appending("types"), what: "the renamed types")
            profile.operationRenames = names(renames["operations"], here.appending("operations"), what: "the renamed operations")
        }
        if let node = fields["documentation"] {
            let here = pointer.appending("documentation")
            let documentation = self.fields(node, here, what: "'documentation'", allowed: ["types", "operations", "auth"])
            profile.typeDocumentation = texts(documentation["types"], here.appending("types"), what: "'types'")
            profile.operationDocumentation = texts(documentation["operations"], here.appending("operations"), what: "'operations'")
            profile.authDocumentation = texts(documentation["auth"], here.appending("auth"), what: "'auth'")
        }
        if let node = fields["errors"] {
            let here = pointer.appending("errors")
            let shape = self.fields(node, here, what: "'errors'", allowed: ["list", "message", "code"])
            func path(_ key: String) -> [String]? {
                string(shape[key], here.appending(key), what: "'\(key)'").map { $0.split(separator: ".").map(String.init) }
            }
            if let message = path("message") {
                profile.errorShape = ErrorShape(list: path("list"), message: message, code: path("code"), origin: origin(node, here))
            } else if shape["message"] == nil {
                error("'errors' needs 'message': the key (or dotted key path) of a message's text", node, here)
            }
        }
        if let node = fields["streams"] {
            let here = pointer.appending("streams")
            let streams = self.fields(node, here, what: "'streams'", allowed: ["terminator"])
            profile.streamTerminator = string(streams["terminator"], here.appending("terminator"), what: "'terminator'")
        }
        if let node = fields["idempotency-key"] {
            profile.idempotencyKeyHeader = string(node, pointer.appending("idempotency-key"), what: "'idempotency-key'")
        }
        if let node = fields["paging"] {
            let here = pointer.appending("paging")
            profile.paging = sequence(node, here, what: "'paging'").enumerated().compactMap { index, rule in
                pagingRule(rule, here.appending(index))
            }
        }
        if let node = fields["tasks"] { profile.tasks = tasks(node, pointer.appending("tasks")) }
        if let node = fields["long-running-operations"] {
            profile.longRunning = longRunning(node, pointer.appending("long-running-operations"))
        }
        return profile
    }

    /// `{ result: result, success: success, name: Envelope, description: text, fields: {...} }`.
    private func envelope(_ node: YAMLNode, _ pointer: JSONPointer,
                          fields read: ((YAMLNode, JSONPointer) -> [Property])?) -> EnvelopeRule? {
        let fields = self.fields(node, pointer, what: "'envelope'", allowed: ["name", "description", "result", "success", "fields"])
        guard let result = string(fields["result"], pointer.appending("result"), what: "'result'") else {
            if fields["result"] == nil { error("an envelope needs 'result': the key that holds each operation's result", node, pointer) }
            return nil
        }
        var properties: [Property] = []
        if let read {
            properties = fields["fields"].map { read($0, pointer.appending("fields")) } ?? []
        } else if let node = fields["fields"] {
            error("'fields' belongs in descriptors: an OpenAPI document's answers already describe the envelope's other fields; "
                  + "leave it out", node, pointer.appending("fields"))
        }
        let envelope = Envelope(
            name: string(fields["name"], pointer.appending("name"), what: "'name'") ?? "Envelope", resultKey: result,
            successKey: string(fields["success"], pointer.appending("success"), what: "'success'"), properties: properties,
            documentation: Documentation(details: string(fields["description"], pointer.appending("description"), what: "'description'")),
            origin: origin(node, pointer))
        return EnvelopeRule(envelope: envelope, fieldsListed: read != nil)
    }

    /// `{ offset: offset, items: results, total: count }`, `{ page: page, total-pages: result_info.total_pages }`
    /// or `{ token: pageToken, next-token: nextPageToken, items: secrets }`, each with `operations: [id]` optionally.
    private func pagingRule(_ node: YAMLNode, _ pointer: JSONPointer) -> PagingRule? {
        let fields = self.fields(node, pointer, what: "a paging rule",
                                 allowed: ["page", "total-pages", "offset", "total", "token", "next-token", "items", "operations"])
        func path(_ key: String) -> [String]? {
            string(fields[key], pointer.appending(key), what: "'\(key)'").map { $0.split(separator: ".").map(String.init) }
        }
        func required(_ key: String, _ meaning: String) -> [String]? {
            if fields[key] == nil { error("this paging rule needs '\(key)': \(meaning)", node, pointer) }
            return path(key)
        }
        let styles = ["page", "offset", "token"].filter { fields[$0] != nil }
        guard styles.count == 1, let parameter = string(fields[styles[0]], pointer.appending(styles[0]), what: "'\(styles[0])'") else {
            error("a paging rule needs exactly one of 'page' (page numbers), 'offset' (items skipped) or 'token' "
                  + "(the next page's token): the query parameter that asks for a page", node, pointer)
            return nil
        }
        let style: Pagination.Style
        switch styles[0] {
        case "page":
            guard let total = required("total-pages", "the key path of the number of pages, in the envelope or the answer") else { return nil }
            style = .pageNumber(parameter: parameter, totalPages: total, items: path("items"))
        case "offset":
            // Without `items`, the answer's one list.
            style = .offset(parameter: parameter, items: path("items") ?? [], total: path("total"))
        default:
            guard let next = required("next-token", "the answer's field that holds the next page's token") else { return nil }
            style = .token(parameter: parameter, items: path("items") ?? [], nextToken: next)
        }
        let operations = fields["operations"].map { strings($0, pointer.appending("operations"), what: "'operations'") }
        return PagingRule(style: style, operations: operations, origin: origin(node, pointer))
    }

    /// `{ type: Operation, id: id, done: done, error: error, poll: OperationService.Get }`.
    private func longRunning(_ node: YAMLNode, _ pointer: JSONPointer) -> LongRunningProfile? {
        let keys = ["type", "id", "done", "error", "poll"]
        let fields = self.fields(node, pointer, what: "'long-running-operations'", allowed: keys)
        var values: [String: String] = [:]
        var origins: [String: Origin] = [:]
        for key in keys {
            guard let value = fields[key] else {
                error("'long-running-operations' needs '\(key)'", node, pointer)
                continue
            }
            values[key] = string(value, pointer.appending(key), what: "'\(key)'")
            origins[key] = origin(value, pointer.appending(key))
        }
        guard let type = values["type"], let id = values["id"], let done = values["done"], let failure = values["error"],
              let poll = values["poll"] else { return nil }
        return LongRunningProfile(type: type, idProperty: id, doneProperty: done, errorProperty: failure, pollOperation: poll,
                                  origin: origin(node, pointer), keyOrigins: origins)
    }

    /// `{ ids: tasks, poll: getTask, id: id, state: state, finished: FINISHED, failed: ERROR, error: error, created: created_resources }`.
    private func tasks(_ node: YAMLNode, _ pointer: JSONPointer) -> BackgroundTasks? {
        let fields = self.fields(node, pointer, what: "'tasks'",
                                 allowed: ["ids", "poll", "id", "state", "finished", "failed", "error", "created"])
        let meanings = [("ids", "the field of an answer that holds the task IDs"), ("poll", "the id of the operation that fetches a task"),
                        ("id", "the task's ID field"), ("state", "the task's state field"),
                        ("finished", "the state (or list of states) of a task that ended well"),
                        ("failed", "the state (or list of states) of a task that failed")]
        for (key, meaning) in meanings where fields[key] == nil {
            error("'tasks' needs '\(key)': \(meaning)", node, pointer)
        }
        func text(_ key: String) -> String? { string(fields[key], pointer.appending(key), what: "'\(key)'") }
        func states(_ key: String) -> [String] {
            guard let value = fields[key] else { return [] }
            return value.sequence != nil ? strings(value, pointer.appending(key), what: "'\(key)'") : text(key).map { [$0] } ?? []
        }
        guard let ids = text("ids"), let poll = text("poll"), let id = text("id"), let state = text("state") else { return nil }
        let finished = states("finished"), failed = states("failed")
        guard !finished.isEmpty, !failed.isEmpty else { return nil }
        return BackgroundTasks(idsProperty: ids, pollOperation: poll, idProperty: id, stateProperty: state, errorProperty: text("error"),
                               createdProperty: text("created"), finishedStates: finished, failedStates: failed,
                               origin: origin(node, pointer))
    }

    /// `{ InputName: SwiftName }`.
    private func names(_ node: YAMLNode?, _ pointer: JSONPointer, what: String) -> [APIProfile.Entry<String>] {
        guard let node else { return [] }
        return entries(node, pointer, what: what).compactMap { target, keyNode, value in
            string(value, pointer.appending(target), what: "the new name of '\(target)'").map {
                APIProfile.Entry(target: target, value: $0, origin: origin(keyNode, pointer.appending(target)))
            }
        }
    }

    /// `{ InputName: text }` (the description) or `{ InputName: { summary: text, description: text } }`:
    /// the whole documentation of the construct, replacing the input's.
    private func texts(_ node: YAMLNode?, _ pointer: JSONPointer, what: String) -> [APIProfile.Entry<Documentation>] {
        guard let node else { return [] }
        return entries(node, pointer, what: what).compactMap { target, keyNode, value in
            let here = pointer.appending(target)
            let documentation: Documentation
            if value.mapping != nil {
                let parts = fields(value, here, what: "the documentation of '\(target)'", allowed: ["summary", "description"])
                documentation = Documentation(summary: string(parts["summary"], here.appending("summary"), what: "'summary'"),
                                              details: string(parts["description"], here.appending("description"), what: "'description'"))
            } else {
                guard let text = string(value, here, what: "the documentation of '\(target)'") else { return nil }
                documentation = Documentation(details: text)
            }
            return APIProfile.Entry(target: target, value: documentation, origin: origin(keyNode, here))
        }
    }
}
