import SwiftLowering

/// Helpers on top of single requests: `...Pages` functions for paged list operations, and waiting for
/// long-running operations.
extension PrintContext {
    /// `listPages(...)`: the list operation's parameters without the page's, returning a `PagedRequest`
    /// whose pages `APIClient.pages(_:)` fetches one at a time.
    func printPagesFunction(_ pages: SwiftPagesFunction, of operation: SwiftOperation, into printer: inout CodePrinter) {
        let (first, cursor, counted): (String, String, String)
        switch pages.style {
        case .envelopePages(_, let total), .pages(_, let total):
            (first, cursor, counted) = (".number(1)", "cursor.number", "numbered pages, counted by `\(keyPath(total.path))`")
        case .offset(let items, let total):
            (first, cursor, counted) = (".offset(0)", "cursor.offset", "items skipped, the items in `\(keyPath(items))`"
                                        + (total.map { ", counted by `\(keyPath($0.path))`" } ?? ""))
        case .token(let items, let next):
            (first, cursor, counted) = (".token(nil)", pages.pageRequired ? "cursor.token ?? \"\"" : "cursor.token",
                                        "page tokens, the items in `\(keyPath(items))`, the next token in `\(keyPath(next))`")
        }
        let arguments = pages.arguments.map { argument in
            let label = Identifiers.escaped(argument.label)
            return argument.isPage ? "\(label): \(cursor)" : "\(label): \(label)"
        }
        let elementType = spelling(pages.elementType)
        printer.line()
        printer.documentation([
            "\(operation.documentation.summary ?? operation.name) A page at a time: `client.pages(...)` fetches each page "
                + "when it is reached, `client.items(...)` each item, and `client.all(...)` collects every item.",
            "- Remark: Pages of `\(operation.name)`, by \(counted).",
        ])
        if operation.deprecated { printer.line("@available(*, deprecated)") }
        printer.signature("\(access) static func \(Identifiers.escaped(pages.name))", parameters: declarations(pages.parameters),
                          suffix: " -> PagedRequest<\(elementType)>") { body in
            body.line("PagedRequest(first: \(first)) { cursor in")
            body.indented { closure in
                let call = "\(pages.container).\(Identifiers.escaped(operation.name))"
                let oneLine = call + "(" + arguments.joined(separator: ", ") + ")"
                if closure.fits(oneLine) {
                    closure.line(oneLine)
                } else {
                    closure.line(call + "(")
                    closure.indented { $0.lines(arguments, separator: ",") }
                    closure.line(")")
                }
                closure.line(pagedCall(pages, elementType: elementType))
            }
            body.line("}")
        }
    }

    /// `.paged(...)`: how the answer becomes a page.
    private func pagedCall(_ pages: SwiftPagesFunction, elementType: String) -> String {
        switch pages.style {
        case .envelopePages(let envelope, let total):
            return ".paged(\(envelope)<[\(elementType)]>.self, page: cursor.number) { \(count(total)) }"
        case .pages(let items, let total):
            return ".paged(page: cursor.number, items: { \(list(items)) }, totalPages: { \(count(total)) })"
        case .offset(let items, let total):
            return ".paged(offset: cursor.offset, items: { \(list(items)) }" + (total.map { ", total: { \(count($0)) })" } ?? ")")
        case .token(let items, let next):
            return ".paged(token: cursor.token, items: { \(list(items)) }, nextToken: { \(expression(next)) })"
        }
    }

    /// `$0.resultInfo?.totalPages`.
    private func expression(_ path: SwiftPagesFunction.Path) -> String {
        path.steps.reduce("$0") { $0 + ($1.throughOptional ? "?." : ".") + Identifiers.escaped($1.property) }
    }

    private func list(_ path: SwiftPagesFunction.Path) -> String {
        expression(path) + (path.optional ? " ?? []" : "")
    }

    /// A count as a `Double?`.
    private func count(_ count: SwiftPagesFunction.Count) -> String {
        let value = expression(count.path)
        switch count.conversion {
        case .none: return value
        case .integer: return count.path.optional ? value + ".map(Double.init)" : "Double(\(value))"
        }
    }

    private func keyPath(_ path: SwiftPagesFunction.Path) -> String {
        path.keyPath.joined(separator: ".")
    }

    /// `createAndWait(..., client:)`: sends, then waits for every task the answer names.
    func printWaitFunction(_ waiting: SwiftWaitFunction, of operation: SwiftOperation, tasks: SwiftBackgroundTasks,
                           into printer: inout CodePrinter) {
        let arguments = operation.parameters.map { "\(Identifiers.escaped($0.label)): \(Identifiers.escaped($0.label))" }
        printer.line()
        printer.documentation([
            "\(operation.documentation.summary ?? operation.name), then waits for the tasks it starts: polls "
                + "`\(tasks.pollOperationID)` for each, every `interval`, until its `\(tasks.stateKey)` is "
                + (tasks.finishedStates + tasks.failedStates).map { "`\($0)`" }.joined(separator: " or ") + ".",
            "- Returns: The finished tasks, in the order the answer lists them"
                + (tasks.createdKey.map { "; `\($0)` holds what they created" } ?? "") + ".",
            "- Throws: `APIError.operationFailed` with the task's error text when a task fails, `APIError.timedOut` "
                + "once `timeout` has passed, `APIError.cancelled` when the calling task is cancelled.",
        ])
        if operation.deprecated { printer.line("@available(*, deprecated)") }
        let parameters = declarations(operation.parameters)
            + ["client: APIClient", "interval: Duration = \(SwiftLiteral.duration(tasks.interval))",
               "timeout: Duration = \(SwiftLiteral.duration(tasks.timeout))"]
        printer.signature("\(access) static func \(Identifiers.escaped(waiting.name))", parameters: parameters,
                          suffix: " async throws(APIError) -> [\(tasks.type)]") { body in
            let call = "Self." + Identifiers.escaped(operation.name) + "(" + arguments.joined(separator: ", ") + ")"
            body.line("let answer = try await client.send(\(call))")
            let ids = "answer.\(Identifiers.escaped(waiting.idsProperty))" + (waiting.idsOptional ? " ?? []" : "")
            body.line("return try await client.waitForTasks(\(ids), interval: interval, timeout: timeout) {")
            body.indented {
                $0.line("\(tasks.pollContainer).\(Identifiers.escaped(tasks.pollFunction))(\(Identifiers.escaped(tasks.pollLabel)): $0)")
            }
            body.line("}")
        }
    }

    /// Conforms the API's task type to `BackgroundTask`.
    func printBackgroundTasks(_ tasks: SwiftBackgroundTasks, into printer: inout CodePrinter) {
        printer.line()
        printer.topLevelBlock("extension \(tasks.type): BackgroundTask") { body in
            let id = tasks.id
            body.line("\(access) var taskID: String { \(Identifiers.escaped(id.property))\(id.optional ? " ?? \"\"" : "") }")
            let state = Identifiers.escaped(tasks.state.property) + (tasks.stateIsEnum ? (tasks.state.optional ? "?" : "") + ".rawValue" : "")
            body.line("\(access) var taskStateText: String { \(state)\(tasks.state.optional ? " ?? \"\"" : "") }")
            body.block("\(access) var taskState: BackgroundTaskState") { getter in
                getter.switchBlock("taskStateText") { cases in
                    cases.line("case \(tasks.finishedStates.map(SwiftLiteral.string).joined(separator: ", ")): return .finished")
                    cases.line("case \(tasks.failedStates.map(SwiftLiteral.string).joined(separator: ", ")): return .failed")
                    cases.line("default: return .running")
                }
            }
            body.line("\(access) var taskError: String? { \(tasks.error.map { Identifiers.escaped($0.property) } ?? "nil") }")
        }
    }

    /// Conforms the API's operation type to `LongRunningOperation` and adds `wait(for:client:)`.
    func printLongRunning(_ spec: SwiftLongRunning, into printer: inout CodePrinter) {
        printer.line()
        printer.topLevelBlock("extension \(spec.type): LongRunningOperation") { body in
            let id = spec.operationID
            body.line("\(access) var operationID: String { \(Identifiers.escaped(id.property))\(id.optional ? " ?? \"\"" : "") }")
            let done = spec.isDone
            body.line("\(access) var isDone: Bool { \(Identifiers.escaped(done.property))\(done.optional ? " ?? false" : "") }")
            body.block("\(access) var operationError: (any Encodable & Sendable)?") { getter in
                switch spec.error {
                case .property(let property):
                    getter.line(Identifiers.escaped(property))
                case .oneOfCase(let property, let caseName, let optional):
                    getter.line("if case .\(Identifiers.escaped(caseName))(let error)\(optional ? "?" : "") = "
                                + "\(Identifiers.escaped(property)) { return error }")
                    getter.line("return nil")
                }
            }
        }
        printer.line()
        printer.topLevelBlock("extension \(api.namespace)") { body in
            body.documentation([
                "Waits for a long-running operation: polls `\(spec.pollOperationID)` until the operation is done, with pauses "
                    + "growing from `initialDelay` to `maxDelay`, and throws `APIError.operationFailed` with the operation's "
                    + "error, or `APIError.timedOut` once `timeout` has passed.",
            ])
            if spec.pollDeprecated { body.line("@available(*, deprecated)") }
            body.line("\(access) static func wait(")
            body.indented {
                $0.line("for operation: \(spec.type),")
                $0.line("client: APIClient,")
                $0.line("timeout: Duration = \(SwiftLiteral.duration(spec.timeout)),")
                $0.line("initialDelay: Duration = \(SwiftLiteral.duration(spec.initialDelay)),")
                $0.line("maxDelay: Duration = \(SwiftLiteral.duration(spec.maxDelay))")
            }
            body.line(") async throws(APIError) -> \(spec.type) {")
            body.indented {
                let shape = spec.errorShape.map { ", errorShape: \($0)" } ?? ""
                $0.line("try await client.wait(for: operation, timeout: timeout, initialDelay: initialDelay, maxDelay: maxDelay\(shape)) {")
                $0.indented {
                    $0.line("\(spec.pollContainer).\(Identifiers.escaped(spec.pollFunction))(\(Identifiers.escaped(spec.pollLabel)): $0)")
                }
                $0.line("}")
            }
            body.line("}")
        }
    }
}
